import {
  CoverageResponse,
  FindingTicketResponse,
  LedgerResponse,
  VisitResponse,
  VisitsResponse,
  type LogVisitInput,
} from '@whistle/shared';
import { request } from './client';

/**
 * The visits API (走访, the enterprise ledger, coverage), answers checked
 * against the route table's schemas. Its own module: only the visit
 * subpackage imports it, so it stays out of the main package.
 */
const enc = encodeURIComponent;

export const visitsApi = {
  /** logs a visit; the key makes a retry answer the same visit */
  log: (body: LogVisitInput, idempotencyKey: string) =>
    request({ method: 'POST', path: '/api/visits', schema: VisitResponse, body, headers: { 'Idempotency-Key': idempotencyKey } }),
  /** the caller's own visits, an enterprise's, or a grid's in a month */
  list: (q: { enterpriseId?: string; gridId?: string; month?: string; cursor?: string; limit?: number } = {}) =>
    request({ method: 'GET', path: '/api/visits', schema: VisitsResponse, query: q }),
  visit: (visitId: string) => request({ method: 'GET', path: `/api/visits/${enc(visitId)}`, schema: VisitResponse }),
  /** 转为诉求: finding `n` (0 first) becomes a ticket, once */
  raise: (visitId: string, n: number) =>
    request({ method: 'POST', path: `/api/visits/${enc(visitId)}/findings/${n}/ticket`, schema: FindingTicketResponse, body: {} }),
  ledger: (enterpriseId: string, cursor?: string) =>
    request({ method: 'GET', path: `/api/enterprises/${enc(enterpriseId)}/ledger`, schema: LedgerResponse, query: { cursor, limit: 30 } }),
  coverage: (month: string, areaId?: string) => request({ method: 'GET', path: '/api/coverage', schema: CoverageResponse, query: { month, areaId } }),
};
