import {
  commonIssueUnitIds,
  hasRole,
  mayCompleteStep,
  mayManageCommonIssues,
  mayReadCommonIssueLedger,
  mayWriteProgress,
  type CommonIssue,
  type PlanItem,
  type Principal,
  type User,
} from '@whistle/shared';
import { getMe } from '../../lib/session';

/**
 * What the caller may do on a common issue, for the buttons shown, by the API's own rules
 * (shared/src/common-issue/rules.ts): the supervisor links and unlinks tickets; the supervisor and the
 * lead unit's staff write progress, add steps and solve; a step's owner unit (or the supervisor) marks
 * it done. Nothing changes once it is solved.
 */
type Caller = Pick<User, 'id' | 'tenantId' | 'name' | 'roles' | 'unitId'> | undefined;

const principal = (user: NonNullable<Caller>): Principal => {
  const unitId = user.unitId ?? getMe()?.unit?.id;
  return { userId: user.id, tenantId: user.tenantId, name: user.name, roles: user.roles, ...(unitId ? { unitId } : {}) };
};

export const isSupervisor = (user: Caller): boolean => !!user && mayManageCommonIssues(principal(user));

export const open = (ci: CommonIssue): boolean => ci.status !== 'solved';

/** link and unlink tickets */
export const mayManage = (user: Caller, ci: CommonIssue): boolean => open(ci) && isSupervisor(user);

/** progress notes, new steps, solving */
export const mayLead = (user: Caller, ci: CommonIssue): boolean => !!user && open(ci) && mayWriteProgress(principal(user), ci);

export const mayFinishStep = (user: Caller, ci: CommonIssue, item: PlanItem): boolean =>
  !!user && open(ci) && item.status === 'open' && mayCompleteStep(principal(user), item);

/** Staff read the ledger and a common issue (a unit's staff: those of its team); an owner sees only their ticket's banner. */
export const readsCommonIssues = (user: Caller): boolean => !!user && mayReadCommonIssueLedger(principal(user));

/** 典型问题复盘: the supervisor, and the staff and leads of its team's units (those a retrospective on it names by default). */
export const readsRetros = (user: Caller, ci: CommonIssue): boolean =>
  isSupervisor(user) || (!!user && hasRole(user, 'officer', 'unitLead') && commonIssueUnitIds(ci).includes(principal(user).unitId ?? ''));
