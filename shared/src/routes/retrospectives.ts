import { r, file, ok, type RouteDef } from './define.js';
import {
  CommonIssueRetrospectiveParams,
  CommonIssueRetrospectivesParams,
  CommonIssueRetrospectiveTaskParams,
  CreateCommonIssueRetrospectiveBody,
  CreateRetrospectiveBody,
  DOCX_MEDIA_TYPE,
  EditRetrospectiveBody,
  RetrospectiveListResponse,
  RetrospectiveParams,
  RetrospectiveResponse,
  RetrospectiveTicketParams,
  RetrospectiveTaskParams,
  RetroTaskDoneBody,
} from '../retrospective/schemas.js';

/** The same six routes on a ticket (`/api/tickets/{id}/…`) and on a common issue (`/api/common-issues/{commonIssueId}/…`). */
const subjectRoutes = (o: {
  base: string;
  on: string;
  params: { list: RouteDef['params']; one: RouteDef['params']; task: RouteDef['params'] };
  body: RouteDef['body'];
  defaults: string;
  documentHas: string;
  filename: string;
}): RouteDef[] => [
  r('POST', o.base, 'retrospectives', `Open a retrospective (典型问题复盘) on ${o.on}: the supervisor only${o.defaults}`, {
    params: o.params.list,
    body: o.body,
    ok: {
      status: 201,
      schema: RetrospectiveResponse,
      description: 'Opened (a draft, rev 1)',
      also: { 200: `Opened already: the same title on the same ${o.on.replace(/^an? /, '')} (a retry, a double tap) answers the one opened` },
    },
  }),
  r('GET', o.base, 'retrospectives', `The retrospectives on ${o.on} the caller may read (the supervisor all; a unit’s staff those it takes part in)`, {
    params: o.params.list,
    ok: ok(RetrospectiveListResponse),
  }),
  r('GET', `${o.base}/{retroId}`, 'retrospectives', `A retrospective on ${o.on}: the supervisor, and the staff and leads of its participating units`, {
    params: o.params.one,
    ok: ok(RetrospectiveResponse),
  }),
  r('PUT', `${o.base}/{retroId}`, 'retrospectives', `Edit a retrospective on ${o.on}, conditional on its rev (409 when stale); new tasks are added, issuing or reopening sets its status`, {
    params: o.params.one,
    body: EditRetrospectiveBody,
    ok: ok(RetrospectiveResponse, 'The retrospective after the edit (rev + 1)'),
    errors: [409],
  }),
  r('POST', `${o.base}/{retroId}/tasks/{itemId}/done`, 'retrospectives', `A rectification task of a retrospective on ${o.on} done by its owner unit (or the supervisor): its clock is met and its 提醒 → 催办 → 警告 stop`, {
    params: o.params.task,
    body: RetroTaskDoneBody,
    ok: ok(RetrospectiveResponse, 'The retrospective with the task done (done already: unchanged)'),
    errors: [409],
  }),
  // the .docx is written by a function of its own: the Word writer (the `docx` library, ~230 KB) stays out of the JSON routes' bundle
  r('GET', `${o.base}/{retroId}/document`, 'retrospectiveDocs', `A retrospective on ${o.on} as a Word document (.docx) ready to print and sign`, {
    params: o.params.one,
    ok: file(DOCX_MEDIA_TYPE, `The document (Content-Disposition: attachment, e.g. ${o.filename}): A4, 宋体, with ${o.documentHas}, findings, tasks and a signature block`),
  }),
];

/** Every retrospective route (典型问题复盘 on a ticket or a common issue; see routes.ts): the JSON ones, then the documents. */
const ALL_RETROSPECTIVE_ROUTES: readonly RouteDef[] = [
  ...subjectRoutes({
    base: '/api/tickets/{id}/retrospectives',
    on: 'a ticket',
    params: { list: RetrospectiveTicketParams, one: RetrospectiveParams, task: RetrospectiveTaskParams },
    body: CreateRetrospectiveBody,
    defaults: '',
    documentHas: 'the ticket’s timeline',
    filename: '典型问题复盘-2026-000123.docx',
  }),
  ...subjectRoutes({
    base: '/api/common-issues/{commonIssueId}/retrospectives',
    on: 'a common issue',
    params: { list: CommonIssueRetrospectivesParams, one: CommonIssueRetrospectiveParams, task: CommonIssueRetrospectiveTaskParams },
    body: CreateCommonIssueRetrospectiveBody,
    defaults: ' (its lead unit and its steps’ owner units take part, and any others named)',
    documentHas: 'the common issue’s story (confirmation, requests, steps, progress, solution, clocks, 督办单)',
    filename: '典型问题复盘-共性问题-园区周边就餐难.docx',
  }),
];

/** The `retrospectives` function's routes: open, list, read, edit, a task done. */
export const RETROSPECTIVES_ROUTES: readonly RouteDef[] = ALL_RETROSPECTIVE_ROUTES.filter((r) => r.fn === 'retrospectives');
/** The `retrospectiveDocs` function's routes: a retrospective as a Word document, on each subject. */
export const RETROSPECTIVE_DOCS_ROUTES: readonly RouteDef[] = ALL_RETROSPECTIVE_ROUTES.filter((r) => r.fn === 'retrospectiveDocs');
