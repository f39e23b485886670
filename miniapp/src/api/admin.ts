import {
  CalendarYearResponse,
  ClockPolicyResponse,
  DutyRosterResponse,
  BindingRevokedResponse,
  ImportJobResponse,
  ImportJobsResponse,
  ImportReportResponse,
  type CreateImportBody,
  InvitationResponse,
  InvitationsResponse,
  type IssueInvitationsBody,
  type InvitationsQuery,
  RateLimitsResponse,
  WechatTemplatesResponse,
  type WechatTemplatesBody,
  type CalendarYearBody,
  type ClockPolicy,
  type DutyRosterBody,
  type RateLimits,
} from '@whistle/shared';
import type * as z from 'zod/mini';
import { request } from './client';

export type CalendarBody = z.infer<typeof CalendarYearBody>;

/**
 * The admin console's API (管理后台): a tenant's settings, its directory,
 * imports, invitations and audit trail, answers checked against the route
 * table's schemas. Its own module: only the console subpackages import it.
 */
const enc = encodeURIComponent;

export const adminApi = {
  calendar: (year: number) => request({ method: 'GET', path: `/api/admin/calendar/${year}`, schema: CalendarYearResponse }),
  putCalendar: (year: number, body: CalendarBody) =>
    request({ method: 'PUT', path: `/api/admin/calendar/${year}`, schema: CalendarYearResponse, body }),
  clockPolicy: () => request({ method: 'GET', path: '/api/admin/clock-policy', schema: ClockPolicyResponse }),
  putClockPolicy: (body: ClockPolicy) => request({ method: 'PUT', path: '/api/admin/clock-policy', schema: ClockPolicyResponse, body }),
  dutyRoster: () => request({ method: 'GET', path: '/api/admin/duty-roster', schema: DutyRosterResponse }),
  putDutyRoster: (body: DutyRosterBody) => request({ method: 'PUT', path: '/api/admin/duty-roster', schema: DutyRosterResponse, body }),
  rateLimits: () => request({ method: 'GET', path: '/api/admin/rate-limits', schema: RateLimitsResponse }),
  putRateLimits: (body: RateLimits) => request({ method: 'PUT', path: '/api/admin/rate-limits', schema: RateLimitsResponse, body }),
  /** the tenant's subscribe-message templates per event (the deployment's as fallback) */
  wechatTemplates: () => request({ method: 'GET', path: '/api/wechat/templates', schema: WechatTemplatesResponse }),
  putWechatTemplates: (body: WechatTemplatesBody) => request({ method: 'PUT', path: '/api/wechat/templates', schema: WechatTemplatesResponse, body }),

  /** Excel imports: upload (validated, nothing written), the jobs, a job with a page of its report, start */
  /** `idempotencyKey`: one per chosen file, so a retried upload answers the same job */
  createImport: (body: CreateImportBody, idempotencyKey: string) =>
    request({ method: 'POST', path: '/api/admin/imports', schema: ImportReportResponse, body, headers: { 'Idempotency-Key': idempotencyKey }, timeoutMs: 60_000 }),
  imports: () => request({ method: 'GET', path: '/api/admin/imports', schema: ImportJobsResponse }),
  importJob: (id: string, page = 0) => request({ method: 'GET', path: `/api/admin/imports/${enc(id)}`, schema: ImportReportResponse, query: { page } }),
  startImport: (id: string, skipErrors: boolean) => request({ method: 'POST', path: `/api/admin/imports/${enc(id)}/start`, schema: ImportJobResponse, body: { skipErrors } }),

  /** invitations to bind WeChat (邀请码), and a user's binding */
  invitations: (q: InvitationsQuery = {}) => request({ method: 'GET', path: '/api/wechat/invitations', schema: InvitationsResponse, query: q }),
  invite: (body: IssueInvitationsBody) => request({ method: 'POST', path: '/api/wechat/invitations', schema: InvitationsResponse, body }),
  revokeInvitation: (code: string) => request({ method: 'POST', path: `/api/wechat/invitations/${enc(code)}/revoke`, schema: InvitationResponse, body: {} }),
  unbind: (userId: string) => request({ method: 'DELETE', path: `/api/wechat/bindings/${enc(userId)}`, schema: BindingRevokedResponse }),
};
