import * as z from 'zod/mini';
import { Id, Instant } from '../schemas/common.js';
import { IMPORT_KINDS, IMPORT_CHUNK_ROWS } from './columns.js';
import { IMPORT_OUTCOMES, IMPORT_RECORD_TYPES } from './rows.js';

/** The import jobs' requests and answers, parsed at the edge (messages for people, in Chinese). */

export const ImportKindSchema = z.enum(IMPORT_KINDS, { error: `导入类型只能是 ${IMPORT_KINDS.join('、')} 之一` });

/**
 * The largest file accepted (its bytes; base64 in the JSON body makes it 4/3):
 * 8,205 enterprises are about 150 KB, so this leaves room for any district,
 * and the body stays under Lambda's 6 MB request.
 */
export const MAX_IMPORT_FILE_BYTES = 3 * 1024 * 1024;
/** the request body's own limit (http/handler.ts MAX_BODY_BYTES is 64 KB for every other route) */
export const MAX_IMPORT_BODY_BYTES = Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 4096;

export const ImportKindParam = z.strictObject({ kind: ImportKindSchema });
export const ImportIdParam = z.strictObject({ id: Id });

/** `POST /api/admin/imports`: the kind, the file's name, the .xlsx itself (base64). */
export const CreateImportBody = z.strictObject({
  kind: ImportKindSchema,
  fileName: z.string({ error: '请填写文件名' }).check(
    z.minLength(1, { error: '请填写文件名' }),
    z.maxLength(200, { error: '文件名过长（最多 200 个字符）' }),
    z.regex(/\.xlsx$/i, { error: '只支持 .xlsx 文件（Excel 2007 及以后的格式）' }),
  ),
  file: z.string({ error: '请上传文件（base64）' }).check(
    z.minLength(1, { error: '请上传文件（base64）' }),
    z.maxLength(Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3), { error: `文件过大（最多 ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB）` }),
    z.regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '文件内容应为 base64 编码' }),
  ),
});
export type CreateImportBody = z.infer<typeof CreateImportBody>;

/** `POST /api/admin/imports/{id}/start`: rows with errors are skipped only when said so (else 409). */
export const StartImportBody = z.strictObject({
  skipErrors: z._default(z.boolean({ error: 'skipErrors 应为 true 或 false' }), false),
});
export type StartImportBody = z.infer<typeof StartImportBody>;

export const ImportReportQuery = z.strictObject({
  /** the report's page: rows IMPORT_CHUNK_ROWS × page … (0-based) */
  page: z._default(
    z.coerce.number({ error: '页码应为非负整数' }).check(
      z.int({ error: '页码应为非负整数' }),
      z.minimum(0, { error: '页码应为非负整数' }),
      z.maximum(9999, { error: '页码应为非负整数' }),
    ),
    0,
  ),
});
export type ImportReportQuery = z.infer<typeof ImportReportQuery>;

/** `validated`: the report is ready, nothing written; `running`: writing in the background; `done`: written (or nothing to write). */
export const IMPORT_STATUSES = ['validated', 'running', 'done'] as const;
export const ImportStatus = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof ImportStatus>;
export const IMPORT_STATUS_LABELS: Readonly<Record<ImportStatus, string>> = { validated: '已校验', running: '导入中', done: '已完成' };

export const ImportCountsSchema = z.object({ create: z.int(), update: z.int(), unchanged: z.int(), error: z.int() });

export const ImportJob = z.object({
  id: Id,
  tenantId: Id,
  kind: ImportKindSchema,
  fileName: z.string(),
  status: ImportStatus,
  createdAt: Instant,
  createdBy: z.object({ userId: Id, name: z.string() }),
  /** data rows in the file */
  rows: z.int(),
  counts: ImportCountsSchema,
  /** rows to write (create, update) and those written so far */
  progress: z.object({ done: z.int(), total: z.int() }),
  /** report pages (IMPORT_CHUNK_ROWS rows each) */
  pages: z.int(),
  summary: z.string(),
  skipErrors: z.optional(z.boolean()),
  startedAt: z.optional(Instant),
  startedBy: z.optional(z.object({ userId: Id, name: z.string() })),
  finishedAt: z.optional(Instant),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const ImportWriteSchema = z.object({
  type: z.enum(IMPORT_RECORD_TYPES),
  id: z.string(),
  before: z.optional(z.record(z.string(), z.unknown())),
  after: z.record(z.string(), z.unknown()),
});

export const ImportRowSchema = z.object({
  row: z.int(),
  outcome: z.enum(IMPORT_OUTCOMES),
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  issues: z.array(z.object({ field: z.string(), column: z.string(), message: z.string() })),
  changed: z.optional(z.array(z.string())),
  writes: z.array(ImportWriteSchema),
});

export const ImportJobResponse = z.object({ job: ImportJob });
export const ImportJobsResponse = z.object({ items: z.array(ImportJob) });
export const ImportReportResponse = z.object({
  job: ImportJob,
  /** this page of the report: rows page × IMPORT_CHUNK_ROWS … in file order, each with its records before and after */
  report: z.object({ page: z.int(), pages: z.int(), pageSize: z.literal(IMPORT_CHUNK_ROWS), rows: z.array(ImportRowSchema) }),
});
