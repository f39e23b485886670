import '../wiring/import-queue.js';
import '../wiring/imports.js';
import { createHash } from 'node:crypto';
import { IMPORTS_ROUTES, type CreateImportBody, type ImportReportQuery, type StartImportBody } from '@whistle/shared';
import { readWorkbook } from '../export/reader.js';
import { httpFunction } from '../http/handler.js';
import { createImport, importDetail, listImports, startImport } from '../services/imports.js';

/** Onboarding from Excel: uploads checked row by row, jobs written in the background (admins); the templates are importTemplates'. */
export const handler = httpFunction(IMPORTS_ROUTES, {
  'POST /api/admin/imports': async ({ deps, principal, req }) => {
    const body = req.body as CreateImportBody;
    const started = Date.now();
    const { replayed, ...page } = await createImport(deps, principal, {
      kind: body.kind,
      fileName: body.fileName,
      // read only once the caller is known to be an admin
      sheets: () => readWorkbook(Buffer.from(body.file, 'base64')),
      request: { key: req.headers['idempotency-key'] ?? '', hash: createHash('sha256').update(`${body.kind}\u0000${body.fileName}\u0000${body.file}`).digest('hex') },
    });
    if (!replayed) deps.logger.info('import validated', { kind: body.kind, jobId: page.job.id, rows: page.job.rows, counts: page.job.counts, ms: Date.now() - started });
    return { status: replayed ? 200 : 201, body: page, headers: { 'idempotent-replayed': String(replayed) } };
  },
  'GET /api/admin/imports': async ({ deps, principal }) => ({ body: await listImports(deps, principal) }),
  'GET /api/admin/imports/{id}': async ({ deps, principal, req }) => ({
    body: await importDetail(deps, principal, req.params.id ?? '', (req.query as ImportReportQuery).page),
  }),
  'POST /api/admin/imports/{id}/start': async ({ deps, principal, req }) => ({
    body: await startImport(deps, principal, req.params.id ?? '', req.body as StartImportBody),
  }),
});
