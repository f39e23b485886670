import type { Enterprise, User } from '@whistle/shared';
import { hasRole } from '../../lib/session';

/** Who may do what with policies, as the UI offers it (the API decides). */

/** A unit's staff write their unit's policies; the supervisor curates every unit's. */
export const mayWritePolicies = (u: User | undefined): boolean =>
  hasRole(u, 'supervisor') || (hasRole(u, 'officer', 'unitLead') && !!u?.unitId);

/** 编辑 / 发布 / 下架 on one policy: its unit's staff and the supervisor. */
export const mayManagePolicy = (u: User | undefined, policy: { unitId: string }): boolean =>
  hasRole(u, 'supervisor') || (hasRole(u, 'officer', 'unitLead') && !!u?.unitId && u.unitId === policy.unitId);

/** 我要申报/咨询: an owner raises the consultation for their enterprise. */
export const mayConsult = (u: User | undefined): boolean => hasRole(u, 'owner') && !!u?.enterpriseId;

/** The profile policies match on has never been filled in (an empty tag list, once saved, is an answer). */
export const profileMissing = (e: Pick<Enterprise, 'tags' | 'headcountBand' | 'revenueBand'>): boolean =>
  e.tags === undefined || !e.headcountBand || !e.revenueBand;
