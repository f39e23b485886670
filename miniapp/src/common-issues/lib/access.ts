import type { CommonIssue, MeResponse, PlanItem, User } from '@whistle/shared';
import { getMe, hasRole } from '../../lib/session';

/**
 * What the caller may do on a common issue, for the buttons shown (the API decides): the supervisor
 * runs it (tickets, steps, solve); the lead unit's staff and the supervisor write progress; a step's
 * owner unit marks it done.
 */
type Caller = Pick<User, 'roles' | 'unitId'> | undefined;

export const unitOf = (user: Caller, me: MeResponse | undefined = getMe()): string | undefined => user?.unitId ?? me?.unit?.id;

export const isSupervisor = (user: Caller): boolean => hasRole(user, 'supervisor');

export const open = (ci: CommonIssue): boolean => ci.status !== 'solved';

export const mayNote = (user: Caller, ci: CommonIssue): boolean =>
  open(ci) && (isSupervisor(user) || (hasRole(user, 'officer', 'unitLead') && unitOf(user) === ci.leadUnitId));

export const mayFinishStep = (user: Caller, ci: CommonIssue, item: PlanItem): boolean =>
  open(ci) && item.status === 'open' && hasRole(user, 'officer', 'unitLead') && unitOf(user) === item.ownerUnitId;

export const mayManage = (user: Caller, ci: CommonIssue): boolean => open(ci) && isSupervisor(user);

/** Staff read a common issue and its ledger; an owner sees only their ticket's banner. */
export const readsCommonIssues = (user: Caller): boolean => hasRole(user, 'supervisor', 'leader', 'admin', 'officer', 'unitLead');
