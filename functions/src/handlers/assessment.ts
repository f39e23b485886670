import '../wiring/assessment.js';
import type { DecideDisputeBody, DisputeBody, IndicatorCode, ManualScoreBody, SchemeBody, UnitTrack } from '@whistle/shared';
import { ASSESSMENT_ROUTES } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import { assessment, drill, mayAudit, recompute, unitAssessment } from '../services/assessment.js';
import { decideDispute, enterManualScore, listDisputes, putScheme, raiseDispute, schemes } from '../services/assessment-admin.js';

type Q = Record<string, string | undefined>;

/** The assessment: ranking, a unit's figures and the tickets behind them, disputes, entered scores, the scheme. */
export const handler = httpFunction(ASSESSMENT_ROUTES, {
  'GET /api/assessment': async ({ deps, principal, req }) => {
    const q = req.query as Q;
    return { body: await assessment(deps, principal, { period: q.period ?? '', ...(q.track ? { track: q.track as UnitTrack } : {}) }) };
  },
  'GET /api/assessment/units/{unitId}': async ({ deps, principal, req }) => ({
    body: await unitAssessment(deps, principal, req.params.unitId ?? '', (req.query as Q).period ?? ''),
  }),
  'GET /api/assessment/units/{unitId}/tickets': async ({ deps, principal, req }) => {
    const q = req.query as Q;
    return { body: await drill(deps, principal, req.params.unitId ?? '', q.period ?? '', q.indicator as IndicatorCode | 'notices') };
  },
  'GET /api/assessment/audit': async ({ deps, principal, req }) => {
    mayAudit(principal);
    const period = (req.query as Q).period ?? '';
    const { differences, recomputed } = await recompute(deps, principal.tenantId, period);
    return { body: { period, matches: differences.length === 0, differences: differences.slice(0, 200), units: recomputed.size } };
  },
  'PUT /api/assessment/manual': async ({ deps, principal, req }) => ({ body: { entry: await enterManualScore(deps, principal, req.body as ManualScoreBody) } }),
  'GET /api/assessment/disputes': async ({ deps, principal, req }) => ({
    body: await listDisputes(deps, principal, req.query as { status?: 'open' | 'accepted' | 'rejected' }),
  }),
  'POST /api/assessment/disputes': async ({ deps, principal, req }) => ({
    status: 201,
    body: { dispute: await raiseDispute(deps, principal, req.body as DisputeBody) },
  }),
  'POST /api/assessment/disputes/{disputeId}/decide': async ({ deps, principal, req }) => ({
    body: { dispute: await decideDispute(deps, principal, req.params.disputeId ?? '', req.body as DecideDisputeBody) },
  }),
  'GET /api/admin/assessment': async ({ deps, principal }) => ({ body: await schemes(deps, principal) }),
  'PUT /api/admin/assessment': async ({ deps, principal, req }) => ({ body: await putScheme(deps, principal, req.body as SchemeBody) }),
});
