import '../wiring/imports.js';
import { IMPORT_TEMPLATES_ROUTES, XLSX_MEDIA_TYPE, type ImportKind, type TemplateQuery } from '@whistle/shared';
import { writeWorkbook } from '../export/workbook.js';
import { httpFunction } from '../http/handler.js';
import { importTemplate } from '../services/imports.js';

/**
 * An import's Excel template (admins), empty or filled with the directory as it is (Excel out): a function
 * of its own, so the workbook writer is not in the uploads' bundle, which carries the workbook reader.
 */
export const handler = httpFunction(IMPORT_TEMPLATES_ROUTES, {
  'GET /api/admin/import-templates/{kind}': async ({ deps, principal, req }) => {
    const t = await importTemplate(deps, principal, req.params.kind as ImportKind, { filled: (req.query as TemplateQuery).filled === '1' });
    const bytes = await writeWorkbook(t.sheets, { generatedAt: t.generatedAt });
    return { file: { bytes, mediaType: XLSX_MEDIA_TYPE, filename: t.filename, fallbackFilename: t.fallbackFilename } };
  },
});
