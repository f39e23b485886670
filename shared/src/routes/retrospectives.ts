import { r, file, ok, type RouteDef } from './define.js';
import {
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

/** The `retrospectives` function's routes (典型问题复盘 on a ticket; see routes.ts). */
export const RETROSPECTIVES_ROUTES: readonly RouteDef[] = [
  r('POST', '/api/tickets/{id}/retrospectives', 'retrospectives', 'Open a retrospective (典型问题复盘) on a ticket: the supervisor only', {
    params: RetrospectiveTicketParams,
    body: CreateRetrospectiveBody,
    ok: {
      status: 201,
      schema: RetrospectiveResponse,
      description: 'Opened (a draft, rev 1)',
      also: { 200: 'Opened already: the same title on the same ticket (a retry, a double tap) answers the one opened' },
    },
  }),
  r('GET', '/api/tickets/{id}/retrospectives', 'retrospectives', 'The retrospectives on a ticket the caller may read (the supervisor all; a unit’s staff those it takes part in)', {
    params: RetrospectiveTicketParams,
    ok: ok(RetrospectiveListResponse),
  }),
  r('GET', '/api/tickets/{id}/retrospectives/{retroId}', 'retrospectives', 'A retrospective: the supervisor, and the staff and leads of its participating units', {
    params: RetrospectiveParams,
    ok: ok(RetrospectiveResponse),
  }),
  r('PUT', '/api/tickets/{id}/retrospectives/{retroId}', 'retrospectives', 'Edit a retrospective, conditional on its rev (409 when stale); new tasks are added, issuing or reopening sets its status', {
    params: RetrospectiveParams,
    body: EditRetrospectiveBody,
    ok: ok(RetrospectiveResponse, 'The retrospective after the edit (rev + 1)'),
    errors: [409],
  }),
  r('POST', '/api/tickets/{id}/retrospectives/{retroId}/tasks/{itemId}/done', 'retrospectives', 'A rectification task done by its owner unit (or the supervisor): its clock is met and its 提醒 → 催办 → 警告 stop', {
    params: RetrospectiveTaskParams,
    body: RetroTaskDoneBody,
    ok: ok(RetrospectiveResponse, 'The retrospective with the task done (done already: unchanged)'),
    errors: [409],
  }),
  r('GET', '/api/tickets/{id}/retrospectives/{retroId}/document', 'retrospectives', 'The retrospective as a Word document (.docx) ready to print and sign', {
    params: RetrospectiveParams,
    ok: file(DOCX_MEDIA_TYPE, 'The document (Content-Disposition: attachment, e.g. 典型问题复盘-2026-000123.docx): A4, 宋体, with the ticket’s timeline, findings, tasks and a signature block'),
  }),
];
