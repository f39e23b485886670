import type { Role } from '@whistle/shared';
import { dirApi } from '../../api/directory';
import type { Official } from '../components/directory/CommissionerEditor';
import { useLoader } from '../../lib/hooks';

/** who may serve an enterprise as its commissioner (亲清特使) */
const OFFICIAL_ROLES: readonly Role[] = ['officer', 'unitLead', 'leader'];

/** The tenant's officials, each once, for the commissioner picker (a district has a few hundred). */
export function useOfficials(): Official[] {
  const loaded = useLoader(
    async () => {
      const lists = await Promise.all(OFFICIAL_ROLES.map((role) => dirApi.all('USER', { role })));
      const byId = new Map(lists.flat().map((u) => [u.id, u]));
      return [...byId.values()].map((u) => ({ id: u.id, name: u.name, ...(u.title ? { sub: u.title } : {}), ...(u.phone ? { phone: u.phone } : {}) }));
    },
    '加载工作人员',
    { reloadOnShow: false },
  );
  return loaded.data ?? [];
}
