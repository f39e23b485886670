import '../wiring/retrospectives.js';
import { DOCX_MEDIA_TYPE, RETROSPECTIVES_ROUTES, type CreateRetrospectiveBody, type EditRetrospectiveBody, type RetroTaskDoneBody } from '@whistle/shared';
import { writeRetrospectiveDoc } from '../export/retrospective-doc.js';
import { httpFunction } from '../http/handler.js';
import { completeRetrospectiveTask, createRetrospective, listRetrospectives, readRetrospective, retrospectiveDossier, updateRetrospective } from '../services/retrospectives.js';

/** Retrospectives (典型问题复盘) on a ticket: open, read, list, edit (rev-conditional), and the Word document. */
export const handler = httpFunction(RETROSPECTIVES_ROUTES, {
  'POST /api/tickets/{id}/retrospectives': async ({ deps, principal, req }) => {
    const { retrospective, created } = await createRetrospective(deps, principal, req.params.id ?? '', req.body as CreateRetrospectiveBody);
    return { status: created ? 201 : 200, body: { retrospective } };
  },
  'GET /api/tickets/{id}/retrospectives': async ({ deps, principal, req }) => ({ body: { items: await listRetrospectives(deps, principal, req.params.id ?? '') } }),
  'GET /api/tickets/{id}/retrospectives/{retroId}': async ({ deps, principal, req }) => ({
    body: { retrospective: await readRetrospective(deps, principal, req.params.id ?? '', req.params.retroId ?? '') },
  }),
  'PUT /api/tickets/{id}/retrospectives/{retroId}': async ({ deps, principal, req }) => ({
    body: { retrospective: await updateRetrospective(deps, principal, req.params.id ?? '', req.params.retroId ?? '', req.body as EditRetrospectiveBody) },
  }),
  'POST /api/tickets/{id}/retrospectives/{retroId}/tasks/{itemId}/done': async ({ deps, principal, req }) => ({
    body: {
      retrospective: await completeRetrospectiveTask(deps, principal, req.params.id ?? '', req.params.retroId ?? '', req.params.itemId ?? '', (req.body as RetroTaskDoneBody).note),
    },
  }),
  'GET /api/tickets/{id}/retrospectives/{retroId}/document': async ({ deps, principal, req }) => {
    const dossier = await retrospectiveDossier(deps, principal, req.params.id ?? '', req.params.retroId ?? '');
    const bytes = await writeRetrospectiveDoc(dossier, deps.clock.now().toISOString());
    const filename = `典型问题复盘-${dossier.ticket.number}.docx`;
    deps.logger.info('retrospective document', { retroId: dossier.retrospective.id, bytes: bytes.length });
    return { file: { bytes, mediaType: DOCX_MEDIA_TYPE, filename, fallbackFilename: `retrospective-${dossier.ticket.number}.docx` } };
  },
});
