import '../wiring/queue.js';
import '../wiring/common-issues.js';
import {
  COMMON_ISSUES_ROUTES,
  type AddStepsBody,
  type CommonIssueProgressBody,
  type ConfirmCommonIssueBody,
  type DismissSuggestionBody,
  type LinkTicketsBody,
  type SolveCommonIssueBody,
  type StepDoneBody,
} from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import {
  addStepsTo,
  commonIssueLedger,
  completeStep,
  confirm,
  dismissSuggestion,
  proposeNow,
  readCommonIssue,
  relink,
  solve,
  waitingSuggestions,
  writeProgress,
  type LedgerQuery,
} from '../services/common-issues.js';

/** Common issues (共性问题): suggestions, confirming, the ledger, linking, progress, steps and solving. Thin: parsed at the edge, decided in the service. */
export const handler = httpFunction(COMMON_ISSUES_ROUTES, {
  'GET /api/common-issues/suggestions': async ({ deps, principal }) => ({ body: { items: await waitingSuggestions(deps, principal) } }),
  'POST /api/common-issues/suggestions/run': async ({ deps, principal }) => ({ body: await proposeNow(deps, principal) }),
  'POST /api/common-issues/suggestions/{suggestionId}/dismiss': async ({ deps, principal, req }) => ({
    body: { suggestion: await dismissSuggestion(deps, principal, req.params.suggestionId ?? '', req.body as DismissSuggestionBody) },
  }),
  'POST /api/common-issues': async ({ deps, principal, req }) => {
    const { commonIssue, created } = await confirm(deps, principal, req.body as ConfirmCommonIssueBody);
    return { status: created ? 201 : 200, body: { commonIssue } };
  },
  'GET /api/common-issues': async ({ deps, principal, req }) => ({ body: await commonIssueLedger(deps, principal, req.query as LedgerQuery) }),
  'GET /api/common-issues/{commonIssueId}': async ({ deps, principal, req }) => ({
    body: { commonIssue: await readCommonIssue(deps, principal, req.params.commonIssueId ?? '') },
  }),
  'POST /api/common-issues/{commonIssueId}/tickets': async ({ deps, principal, req }) => ({
    body: { commonIssue: await relink(deps, principal, req.params.commonIssueId ?? '', req.body as LinkTicketsBody) },
  }),
  'POST /api/common-issues/{commonIssueId}/progress': async ({ deps, principal, req }) => ({
    body: { commonIssue: await writeProgress(deps, principal, req.params.commonIssueId ?? '', req.body as CommonIssueProgressBody) },
  }),
  'POST /api/common-issues/{commonIssueId}/steps': async ({ deps, principal, req }) => ({
    body: { commonIssue: await addStepsTo(deps, principal, req.params.commonIssueId ?? '', req.body as AddStepsBody) },
  }),
  'POST /api/common-issues/{commonIssueId}/steps/{itemId}/done': async ({ deps, principal, req }) => ({
    body: { commonIssue: await completeStep(deps, principal, req.params.commonIssueId ?? '', req.params.itemId ?? '', req.body as StepDoneBody) },
  }),
  'POST /api/common-issues/{commonIssueId}/solve': async ({ deps, principal, req }) => ({
    body: { commonIssue: await solve(deps, principal, req.params.commonIssueId ?? '', req.body as SolveCommonIssueBody) },
  }),
});
