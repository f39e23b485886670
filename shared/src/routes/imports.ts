import { r, ok, file, type RouteDef } from './define.js';
import { XLSX_MEDIA_TYPE } from '../exports/sheet.js';
import { IdempotencyKey } from '../schemas/api.js';
import {
  CreateImportBody,
  ImportIdParam,
  ImportJobResponse,
  ImportJobsResponse,
  ImportKindParam,
  TemplateQuery,
  ImportReportQuery,
  ImportReportResponse,
  MAX_IMPORT_BODY_BYTES,
  StartImportBody,
} from '../imports/api.js';

/** The `imports` function's routes (see routes.ts: the one table is their concatenation). Admins only. */
const ALL_IMPORT_ROUTES: readonly RouteDef[] = [
  // written by a function of its own: the workbook writer stays out of the uploads' bundle, which carries the reader
  r('GET', '/api/admin/import-templates/{kind}', 'importTemplates', 'The Excel template of an import (units, grids, enterprises, users): the headers, an example row, the allowed values; `filled=1`: the directory as it is in the same columns (Excel out), to edit and import back', {
    params: ImportKindParam,
    query: TemplateQuery,
    ok: file(XLSX_MEDIA_TYPE, 'The template (Content-Disposition: attachment, e.g. 清溪区-企业导入模板.xlsx)'),
  }),
  r('POST', '/api/admin/imports', 'imports', "Upload an .xlsx (base64 in JSON): read, validated against the tenant's directory, kept as a job with its per-row report; nothing written to the directory", {
    body: CreateImportBody,
    headers: { 'idempotency-key': IdempotencyKey },
    maxBodyBytes: MAX_IMPORT_BODY_BYTES,
    ok: {
      status: 201,
      schema: ImportReportResponse,
      description: 'Validated: the job and the first page of its report',
      also: { 200: 'A retry: this Idempotency-Key already made this job (header Idempotent-Replayed: true); nothing made again' },
    },
    // 422: the Idempotency-Key was used for another file
    errors: [422],
  }),
  r('GET', '/api/admin/imports', 'imports', "The tenant's import jobs, newest first", { ok: ok(ImportJobsResponse) }),
  r('GET', '/api/admin/imports/{id}', 'imports', 'An import job: status, progress, counts, and a page of its report (each row with its records before and after)', {
    params: ImportIdParam,
    query: ImportReportQuery,
    ok: ok(ImportReportResponse),
  }),
  r('POST', '/api/admin/imports/{id}/start', 'imports', 'Start writing a validated job in the background (rows with errors only with skipErrors); again on a running job: resends the chunks not yet written', {
    params: ImportIdParam,
    body: StartImportBody,
    ok: ok(ImportJobResponse, 'Started (or resumed): the job'),
    // 409: the job has rows with errors (and skipErrors is not set), or it is done
    errors: [409],
  }),
];

/** The `imports` function's routes: uploads read and checked, the jobs, starting one. */
export const IMPORTS_ROUTES: readonly RouteDef[] = ALL_IMPORT_ROUTES.filter((r) => r.fn === 'imports');
/** The `importTemplates` function's routes: an import's Excel template, empty or filled with the directory. */
export const IMPORT_TEMPLATES_ROUTES: readonly RouteDef[] = ALL_IMPORT_ROUTES.filter((r) => r.fn === 'importTemplates');
