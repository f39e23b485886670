import '../wiring/import-queue.js';
import '../wiring/imports.js';
import { createHash } from 'node:crypto';
import { XLSX_MEDIA_TYPE, IMPORTS_ROUTES, type CreateImportBody, type ImportKind, type ImportReportQuery, type StartImportBody, type TemplateQuery } from '@whistle/shared';
import { readWorkbook } from '../export/reader.js';
import { writeWorkbook } from '../export/workbook.js';
import { httpFunction } from '../http/handler.js';
import { createImport, importDetail, importTemplate, listImports, startImport } from '../services/imports.js';

/** Onboarding from Excel: templates, uploads checked row by row, jobs written in the background (admins). */
export const handler = httpFunction(IMPORTS_ROUTES, {
  'GET /api/admin/import-templates/{kind}': async ({ deps, principal, req }) => {
    const t = await importTemplate(deps, principal, req.params.kind as ImportKind, { filled: (req.query as TemplateQuery).filled === '1' });
    const bytes = await writeWorkbook(t.sheets, { generatedAt: t.generatedAt });
    return { file: { bytes, mediaType: XLSX_MEDIA_TYPE, filename: t.filename, fallbackFilename: t.fallbackFilename } };
  },
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
