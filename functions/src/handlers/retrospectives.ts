import '../wiring/retrospectives.js';
import '../wiring/common-issues.js';
import { RETROSPECTIVES_ROUTES, type CreateRetrospectiveBody, type EditRetrospectiveBody, type RetrospectiveSubject, type RetroTaskDoneBody } from '@whistle/shared';
import { httpFunction, type RouteImpl, type RouteRequest } from '../http/handler.js';
import { completeRetrospectiveTask, createRetrospective, listRetrospectives, readRetrospective, updateRetrospective } from '../services/retrospectives.js';
import { commonIssueSubject, ticketSubject } from './retrospective-subjects.js';

/**
 * Retrospectives (典型问题复盘) on a ticket or a common issue: open, read, list, edit
 * (rev-conditional) and a task done — the same five routes under each subject's path,
 * served by one service given the subject. The Word document is `retrospectiveDocs`'.
 */
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
  };
}

export const handler = httpFunction(RETROSPECTIVES_ROUTES, {
  ...routesOn('/api/tickets/{id}/retrospectives', ticketSubject),
  ...routesOn('/api/common-issues/{commonIssueId}/retrospectives', commonIssueSubject),
});
