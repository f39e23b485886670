import { hasRole, type Principal } from '../ticket/roles.js';
import type { Enterprise, Grid } from '../schemas/reference.js';
import type { Policy } from './schemas.js';

/**
 * Who may do what in the policy supermarket (docs/access.md), pure. Units
 * write, publish and retire their own policies (their officers and unit
 * leads); the supervisor (and the admin) curate every unit's. Everyone of the
 * district reads the published catalogue; a draft or a retired policy only its
 * unit's staff and the curators. An enterprise's 我的政策 and profile are its
 * owner's, its grid officer's and its commissioners' (亲清特使).
 */

/** The supervisor and the admin curate the whole catalogue. */
export const curatesCatalogue = (p: Principal): boolean => hasRole(p, 'supervisor', 'admin');

/** Staff of a unit: its officers and unit leads. */
export const isStaffOf = (p: Principal, unitId: string): boolean => hasRole(p, 'officer', 'unitLead') && p.unitId === unitId;

/** May write, publish and retire the policies of this unit. */
export const mayManagePolicies = (p: Principal, unitId: string): boolean => curatesCatalogue(p) || isStaffOf(p, unitId);

/** May see this policy (a published one: everyone of the tenant). */
export const maySeePolicy = (p: Principal, policy: Pick<Policy, 'status' | 'unitId'>): boolean =>
  policy.status === 'published' || mayManagePolicies(p, policy.unitId);

/** How the caller stands to an enterprise: its owner, its grid officer, one of its commissioners, or none of these. */
export type EnterpriseRelation = 'owner' | 'gridOfficer' | 'commissioner' | undefined;

export function relationTo(p: Principal, enterprise: Pick<Enterprise, 'id' | 'commissionerUserIds'>, grid: Pick<Grid, 'officer'> | undefined): EnterpriseRelation {
  if (hasRole(p, 'owner') && p.enterpriseId === enterprise.id) return 'owner';
  if (grid?.officer.userId === p.userId) return 'gridOfficer';
  if (enterprise.commissionerUserIds?.includes(p.userId)) return 'commissioner';
  return undefined;
}
