import { r, ok, type RouteDef } from './define.js';
import * as asmt from '../assessment/api.js';
import { SchemeBody } from '../assessment/scheme.js';

/** The `assessment` function's routes (see routes.ts: the one table is their concatenation). */
export const ASSESSMENT_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/assessment', 'assessment', 'The service index (助企服务指数) by track: every unit ranked, the red and black lists', {
    query: asmt.AssessmentQuery,
    ok: ok(asmt.AssessmentResponse),
  }),
  r('GET', '/api/assessment/units/{unitId}', 'assessment', "A unit's indicators, trend, entered scores and disputes in a period", {
    params: asmt.UnitIdParam,
    query: asmt.UnitAssessmentQuery,
    ok: ok(asmt.UnitAssessmentResponse),
  }),
  r('GET', '/api/assessment/units/{unitId}/tickets', 'assessment', 'The tickets behind one figure of a unit (the drill-down)', {
    params: asmt.UnitIdParam,
    query: asmt.DrillQuery,
    ok: ok(asmt.DrillResponse),
  }),
  r('GET', '/api/assessment/audit', 'assessment', "The assessor's audit: a period recomputed from the tickets, compared with the running figures", {
    query: asmt.UnitAssessmentQuery,
    ok: ok(asmt.AuditResponse),
  }),
  r('PUT', '/api/assessment/manual', 'assessment', 'Enter a scored indicator (政策宣传 / 供需对接 / 精准服务) with evidence', {
    body: asmt.ManualScoreBody,
    ok: ok(asmt.ManualEntryResponse, 'The entry as recorded in the audit trail'),
  }),
  r('GET', '/api/assessment/disputes', 'assessment', 'Disputes (申诉) the caller may see', { query: asmt.DisputeQuery, ok: ok(asmt.DisputesResponse) }),
  r('POST', '/api/assessment/disputes', 'assessment', 'Dispute an item counted against the caller’s unit', {
    body: asmt.DisputeBody,
    ok: { status: 201, schema: asmt.DisputeResponse, description: 'Raised' },
    // 409: this unit has disputed this item already
    errors: [409],
  }),
  r('POST', '/api/assessment/disputes/{disputeId}/decide', 'assessment', 'Accept or reject a dispute (the figures are recomputed)', {
    params: asmt.DisputeIdParam,
    body: asmt.DecideDisputeBody,
    ok: ok(asmt.DisputeResponse, 'The dispute as decided'),
    // 409: decided already
    errors: [409],
  }),
  r('GET', '/api/admin/assessment', 'assessment', 'The assessment scheme: weights, targets, deductions, and its versions', { ok: ok(asmt.SchemeResponse) }),
  r('PUT', '/api/admin/assessment', 'assessment', 'A new version of the assessment scheme, from a month on (never a closed period)', {
    body: SchemeBody,
    ok: ok(asmt.SchemeResponse, 'The scheme with the new version'),
    errors: [409],
  }),
];
