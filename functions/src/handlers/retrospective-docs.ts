import '../wiring/retrospectives.js';
import '../wiring/common-issues.js';
import { DOCX_MEDIA_TYPE, RETROSPECTIVE_DOCS_ROUTES, type RetrospectiveSubject } from '@whistle/shared';
import { retrospectiveDocName, writeRetrospectiveDoc } from '../export/retrospective-doc.js';
import { httpFunction, type RouteImpl, type RouteRequest } from '../http/handler.js';
import { retrospectiveDossier } from '../services/retrospectives.js';
import { commonIssueSubject, ticketSubject } from './retrospective-subjects.js';

/**
 * A retrospective (典型问题复盘) as a Word document, on a ticket or a common issue:
 * a function of its own, so the Word writer (the `docx` library) is in no other bundle.
 */
const documentOf =
  (subjectOf: (req: RouteRequest) => RetrospectiveSubject): RouteImpl =>
  async ({ deps, principal, req }) => {
    const dossier = await retrospectiveDossier(deps, principal, subjectOf(req), req.params.retroId ?? '');
    const bytes = await writeRetrospectiveDoc(dossier, deps.clock.now().toISOString());
    deps.logger.info('retrospective document', { retroId: dossier.retrospective.id, subject: dossier.kind, bytes: bytes.length });
    return { file: { bytes, mediaType: DOCX_MEDIA_TYPE, ...retrospectiveDocName(dossier) } };
  };

export const handler = httpFunction(RETROSPECTIVE_DOCS_ROUTES, {
  'GET /api/tickets/{id}/retrospectives/{retroId}/document': documentOf(ticketSubject),
  'GET /api/common-issues/{commonIssueId}/retrospectives/{retroId}/document': documentOf(commonIssueSubject),
});
