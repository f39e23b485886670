import { r, ok, type RouteDef } from './define.js';
import {
  AddStepsBody,
  CommonIssueLedgerResponse,
  CommonIssueListQuery,
  CommonIssueParams,
  CommonIssueProgressBody,
  CommonIssueResponse,
  CommonIssueStepParams,
  ConfirmCommonIssueBody,
  DismissSuggestionBody,
  LinkTicketsBody,
  ProposalRunResponse,
  SolveCommonIssueBody,
  StepDoneBody,
  SuggestionListResponse,
  SuggestionParams,
  SuggestionResponse,
} from '../common-issue/schemas.js';

/** The `commonIssues` function's routes (共性问题: suggestions, the ledger, one fix for many; see routes.ts). */
export const COMMON_ISSUES_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/common-issues/suggestions', 'commonIssues', 'The proposed clusters waiting for the supervisor (可能的共性问题), most enterprises first: the supervisor only', {
    ok: ok(SuggestionListResponse),
  }),
  r('POST', '/api/common-issues/suggestions/run', 'commonIssues', 'Propose clusters now over the tenant’s open and recent requests (the schedule does it every hour): the supervisor only', {
    ok: ok(ProposalRunResponse, 'How many suggestions were proposed anew, how many wait, how many requests were looked at'),
  }),
  r('POST', '/api/common-issues/suggestions/{suggestionId}/dismiss', 'commonIssues', 'Dismiss a suggestion: never proposed again for the same tickets (nor for the same enterprises writing again)', {
    params: SuggestionParams,
    body: DismissSuggestionBody,
    ok: ok(SuggestionResponse, 'The suggestion, dismissed (a retry answers the same)'),
    errors: [409],
  }),
  r('POST', '/api/common-issues', 'commonIssues', 'Confirm a common issue (from a suggestion or the supervisor’s own selection): title, category, lead unit, standing fix, target date, its tickets and steps', {
    body: ConfirmCommonIssueBody,
    ok: {
      status: 201,
      schema: CommonIssueResponse,
      description: 'Confirmed: its tickets are linked and their owners told (已纳入共性问题统一解决)',
      also: { 200: 'Confirmed already (the same suggestion, or the same title and tickets: a retry or a double tap)' },
    },
    errors: [409],
  }),
  r('GET', '/api/common-issues', 'commonIssues', 'The ledger of common issues (共性问题台账) by category and status, with the enterprises behind each: supervisors, leaders, admins and unit staff', {
    query: CommonIssueListQuery,
    ok: ok(CommonIssueLedgerResponse),
  }),
  r('GET', '/api/common-issues/{commonIssueId}', 'commonIssues', 'A common issue with its tickets, steps, clocks and progress', {
    params: CommonIssueParams,
    ok: ok(CommonIssueResponse),
  }),
  r('POST', '/api/common-issues/{commonIssueId}/tickets', 'commonIssues', 'Link more tickets to a common issue, or unlink some, conditional on its rev (409 when stale)', {
    params: CommonIssueParams,
    body: LinkTicketsBody,
    ok: ok(CommonIssueResponse, 'The common issue after the change (rev + 1)'),
    errors: [409],
  }),
  r('POST', '/api/common-issues/{commonIssueId}/progress', 'commonIssues', 'A progress note by the lead unit or the supervisor (the first starts it: 推进中)', {
    params: CommonIssueParams,
    body: CommonIssueProgressBody,
    ok: ok(CommonIssueResponse, 'The common issue after the note (rev + 1)'),
    errors: [409],
  }),
  r('POST', '/api/common-issues/{commonIssueId}/steps', 'commonIssues', 'Add steps to the standing fix: each with an owner unit and a due date, on the clocks and the ladder', {
    params: CommonIssueParams,
    body: AddStepsBody,
    ok: ok(CommonIssueResponse, 'The common issue with its steps (rev + 1; a step already there is not added twice)'),
    errors: [409],
  }),
  r('POST', '/api/common-issues/{commonIssueId}/steps/{itemId}/done', 'commonIssues', 'A step done by its owner unit (its clock met)', {
    params: CommonIssueStepParams,
    body: StepDoneBody,
    ok: ok(CommonIssueResponse, 'The common issue with the step done (done already: unchanged)'),
    errors: [409],
  }),
  r('POST', '/api/common-issues/{commonIssueId}/solve', 'commonIssues', 'Solve a common issue: every linked enterprise is told and asked to rate; its open tickets are resolved with it', {
    params: CommonIssueParams,
    body: SolveCommonIssueBody,
    ok: ok(CommonIssueResponse, 'The common issue, solved (a retry finishes what a crash left and answers the same)'),
    errors: [409],
  }),
];
