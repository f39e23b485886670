import { MonthlyAnalysisResponse } from '@whistle/shared';
import { request } from './client';

/**
 * The monthly analysis API (月分析), answers checked against the route table's
 * schema. Only the assessment subpackage imports it.
 */
export const analysisApi = {
  monthly: (month: string) => request({ method: 'GET', path: '/api/analysis/monthly', schema: MonthlyAnalysisResponse, query: { month } }),
  /** the same figures as an .xlsx (downloaded with lib/download) */
  exportPath: (month: string) => `/api/analysis/monthly/export?month=${encodeURIComponent(month)}`,
};
