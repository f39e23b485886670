import '../wiring/retrospectives.js';
import '../wiring/common-issues.js';
import { DOCX_MEDIA_TYPE, RETROSPECTIVES_ROUTES, type CreateRetrospectiveBody, type EditRetrospectiveBody, type RetrospectiveSubject, type RetroTaskDoneBody } from '@whistle/shared';
import { retrospectiveDocName, writeRetrospectiveDoc } from '../export/retrospective-doc.js';
import { httpFunction, type RouteImpl, type RouteRequest } from '../http/handler.js';
import { completeRetrospectiveTask, createRetrospective, listRetrospectives, readRetrospective, retrospectiveDossier, updateRetrospective } from '../services/retrospectives.js';

/**
 * Retrospectives (典型问题复盘) on a ticket or a common issue: open, read, list, edit
 * (rev-conditional), a task done, and the Word document — the same six routes under each
 * subject's path, served by one service given the subject.
 */
const ticket = (req: RouteRequest): RetrospectiveSubject => ({ kind: 'ticket', ticketId: req.params.id ?? '' });
const commonIssue = (req: RouteRequest): RetrospectiveSubject => ({ kind: 'commonIssue', commonIssueId: req.params.commonIssueId ?? '' });

function routesOn(base: string, subjectOf: (req: RouteRequest) => RetrospectiveSubject): Record<string, RouteImpl> {
  return {
    [`POST ${base}`]: async ({ deps, principal, req }) => {
      const { retrospective, created } = await createRetrospective(deps, principal, subjectOf(req), req.body as CreateRetrospectiveBody);
      return { status: created ? 201 : 200, body: { retrospective } };
    },
    [`GET ${base}`]: async ({ deps, principal, req }) => ({ body: { items: await listRetrospectives(deps, principal, subjectOf(req)) } }),
    [`GET ${base}/{retroId}`]: async ({ deps, principal, req }) => ({
      body: { retrospective: await readRetrospective(deps, principal, subjectOf(req), req.params.retroId ?? '') },
    }),
    [`PUT ${base}/{retroId}`]: async ({ deps, principal, req }) => ({
      body: { retrospective: await updateRetrospective(deps, principal, subjectOf(req), req.params.retroId ?? '', req.body as EditRetrospectiveBody) },
    }),
    [`POST ${base}/{retroId}/tasks/{itemId}/done`]: async ({ deps, principal, req }) => ({
      body: {
        retrospective: await completeRetrospectiveTask(deps, principal, subjectOf(req), req.params.retroId ?? '', req.params.itemId ?? '', (req.body as RetroTaskDoneBody).note),
      },
    }),
    [`GET ${base}/{retroId}/document`]: async ({ deps, principal, req }) => {
      const dossier = await retrospectiveDossier(deps, principal, subjectOf(req), req.params.retroId ?? '');
      const bytes = await writeRetrospectiveDoc(dossier, deps.clock.now().toISOString());
      deps.logger.info('retrospective document', { retroId: dossier.retrospective.id, subject: dossier.kind, bytes: bytes.length });
      return { file: { bytes, mediaType: DOCX_MEDIA_TYPE, ...retrospectiveDocName(dossier) } };
    },
  };
}

export const handler = httpFunction(RETROSPECTIVES_ROUTES, {
  ...routesOn('/api/tickets/{id}/retrospectives', ticket),
  ...routesOn('/api/common-issues/{commonIssueId}/retrospectives', commonIssue),
});
