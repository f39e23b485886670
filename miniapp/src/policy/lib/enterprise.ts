import type { Enterprise } from '@whistle/shared';
import { api } from '../../api';
import { useLoader, type Loaded } from '../../lib/hooks';
import { saveMe } from '../../lib/session';

/**
 * The enterprise whose policies are shown: the owner's own (GET /api/me, which
 * also refreshes the cached profile), or one a commissioner or grid officer
 * serves (from GET /api/enterprises); null when there is none.
 */
export function useEnterprise(enterpriseId: string | undefined): Loaded<Enterprise | null> {
  return useLoader(
    async () => {
      if (!enterpriseId) {
        const me = await api.me();
        saveMe(me);
        return me.enterprise ?? null;
      }
      return (await api.enterprises()).items.find((e) => e.id === enterpriseId) ?? null;
    },
    '加载企业信息',
    { deps: [enterpriseId] },
  );
}
