import type { ImportReportResponse } from '@whistle/shared';
import type * as z from 'zod/mini';

/** An import job with a page of its report, as `GET /api/admin/imports/{id}` answers it. */
export type ImportReport = z.infer<typeof ImportReportResponse>;
export type ReportRow = ImportReport['report']['rows'][number];
