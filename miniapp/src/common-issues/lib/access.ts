import type { CommonIssue, MeResponse, PlanItem, User } from '@whistle/shared';
import { getMe, hasRole } from '../../lib/session';

/**
 * What the caller may do on a common issue, for the buttons shown (the API decides, by the same
 * rules: shared/src/common-issue): the supervisor links and unlinks tickets; the supervisor and the
 * lead unit's staff write progress, add steps and solve; a step's owner unit (or the supervisor)
 * marks it done. Nothing changes once it is solved.
 */
type Caller = Pick<User, 'roles' | 'unitId'> | undefined;

export const unitOf = (user: Caller, me: MeResponse | undefined = getMe()): string | undefined => user?.unitId ?? me?.unit?.id;

export const isSupervisor = (user: Caller): boolean => hasRole(user, 'supervisor');

/** a unit's staff: an officer or unit lead with a unit */
const staffOf = (user: Caller, unitId: string): boolean => hasRole(user, 'officer', 'unitLead') && unitOf(user) === unitId;

export const open = (ci: CommonIssue): boolean => ci.status !== 'solved';

/** link and unlink tickets */
export const mayManage = (user: Caller, ci: CommonIssue): boolean => open(ci) && isSupervisor(user);

/** progress notes, new steps, solving */
export const mayLead = (user: Caller, ci: CommonIssue): boolean => open(ci) && (isSupervisor(user) || staffOf(user, ci.leadUnitId));

export const mayFinishStep = (user: Caller, ci: CommonIssue, item: PlanItem): boolean =>
  open(ci) && item.status === 'open' && (isSupervisor(user) || staffOf(user, item.ownerUnitId));

/** Staff read the ledger and a common issue (a unit's staff: those of its team); an owner sees only their ticket's banner. */
export const readsCommonIssues = (user: Caller): boolean => hasRole(user, 'supervisor', 'leader', 'admin') || (hasRole(user, 'officer', 'unitLead') && !!unitOf(user));
