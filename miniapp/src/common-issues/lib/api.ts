import {
  CommonIssueLedgerResponse,
  CommonIssueResponse,
  ProposalRunResponse,
  SuggestionListResponse,
  SuggestionResponse,
  type AddStepsBody,
  type CommonIssueProgressBody,
  type CommonIssueStatus,
  type ConfirmCommonIssueBody,
  type DismissSuggestionBody,
  type LinkTicketsBody,
  type SolveCommonIssueBody,
  type StepDoneBody,
} from '@whistle/shared';
import type * as z from 'zod/mini';
import { request } from '../../api/client';

/**
 * The common issues' API (共性问题, shared/src/routes/common-issues.ts), answers checked against
 * the route table's schemas. In the subpackage: only its pages import it, so it stays out of the
 * main package (the ticket's banner reads the ticket's own `commonIssue` field).
 */
const enc = encodeURIComponent;
const one = (id: string) => `/api/common-issues/${enc(id)}`;
const post = <S extends z.ZodMiniType>(path: string, schema: S, body: unknown) => request({ method: 'POST', path, schema, body });

export const commonIssuesApi = {
  /** 可能的共性问题 waiting for the supervisor, most enterprises first */
  suggestions: () => request({ method: 'GET', path: '/api/common-issues/suggestions', schema: SuggestionListResponse }),
  /** 立即分析: propose clusters now (the schedule does it every hour) */
  run: () => post('/api/common-issues/suggestions/run', ProposalRunResponse, {}),
  dismiss: (suggestionId: string, body: DismissSuggestionBody) => post(`/api/common-issues/suggestions/${enc(suggestionId)}/dismiss`, SuggestionResponse, body),
  confirm: (body: ConfirmCommonIssueBody) => post('/api/common-issues', CommonIssueResponse, body),
  /** 共性问题台账: the common issues (of a status) and the counts by category */
  ledger: (q: { status?: CommonIssueStatus } = {}) => request({ method: 'GET', path: '/api/common-issues', schema: CommonIssueLedgerResponse, query: q }),
  get: (id: string) => request({ method: 'GET', path: one(id), schema: CommonIssueResponse }),
  tickets: (id: string, body: LinkTicketsBody) => post(`${one(id)}/tickets`, CommonIssueResponse, body),
  progress: (id: string, body: CommonIssueProgressBody) => post(`${one(id)}/progress`, CommonIssueResponse, body),
  addSteps: (id: string, body: AddStepsBody) => post(`${one(id)}/steps`, CommonIssueResponse, body),
  stepDone: (id: string, itemId: string, body: StepDoneBody) => post(`${one(id)}/steps/${enc(itemId)}/done`, CommonIssueResponse, body),
  solve: (id: string, body: SolveCommonIssueBody) => post(`${one(id)}/solve`, CommonIssueResponse, body),
};
