import {
  DirectoryEnterprisePageResponse,
  DirectoryUserPageResponse,
  PairingsResponse,
  PairManyResponse,
  type Role,
} from '@whistle/shared';
import { request } from '../../api/client';

/**
 * The supervisor's pairing of resident commissioners (亲清特使) with enterprises:
 * the pairings, pairing one official with many enterprises (and unpairing), and
 * the two lists the choices come from (officials, enterprises), searched.
 */
export interface PairingFilter {
  key?: boolean;
  unitId?: string;
  q?: string;
  cursor?: string;
}

const OFFICIAL_ROLES: readonly Role[] = ['officer', 'unitLead', 'leader'];

export const pairingApi = {
  list: (f: PairingFilter) =>
    request({
      method: 'GET',
      path: '/api/admin/commissioners',
      schema: PairingsResponse,
      query: { key: f.key ? 'true' : undefined, unitId: f.unitId, q: f.q, cursor: f.cursor, limit: 50 },
    }),
  /** pairs `userId` with the enterprises `add` and unpairs `remove`, each enterprise its own write */
  pair: (userId: string, body: { add?: string[]; remove?: string[] }) =>
    request({ method: 'POST', path: `/api/admin/commissioners/${encodeURIComponent(userId)}/enterprises`, schema: PairManyResponse, body }),
  /** officials (工作人员、单位负责人、县领导) matching a search: who may serve */
  officials: async (q: string) => {
    const page = await request({ method: 'GET', path: '/api/admin/users', schema: DirectoryUserPageResponse, query: { q: q || undefined, limit: 100 } });
    return page.items.filter((u) => u.roles.some((r) => OFFICIAL_ROLES.includes(r)));
  },
  enterprises: async (q: string) =>
    (await request({ method: 'GET', path: '/api/admin/enterprises', schema: DirectoryEnterprisePageResponse, query: { q: q || undefined, limit: 50 } })).items,
};
