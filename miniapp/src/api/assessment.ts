import {
  AssessmentResponse,
  DisputeResponse,
  DisputesResponse,
  DrillResponse,
  ManualEntryResponse,
  SchemeResponse,
  UnitAssessmentResponse,
  type DecideDisputeBody,
  type DisputeBody,
  type Dispute,
  type ManualScoreBody,
  type UnitTrack,
} from '@whistle/shared';
import { request } from './client';

/**
 * The assessment API (助企服务指数), answers checked against the route table's
 * schemas. Its own module: only the assessment subpackage imports it, so it
 * stays out of the main package.
 */
const enc = encodeURIComponent;

export const assessApi = {
  ranking: (period: string, track?: UnitTrack) =>
    request({ method: 'GET', path: '/api/assessment', schema: AssessmentResponse, query: { period, track } }),
  unit: (unitId: string, period: string) =>
    request({ method: 'GET', path: `/api/assessment/units/${enc(unitId)}`, schema: UnitAssessmentResponse, query: { period } }),
  /** the tickets behind one figure of a unit: an indicator's code, or `notices` */
  drill: (unitId: string, period: string, indicator: string) =>
    request({ method: 'GET', path: `/api/assessment/units/${enc(unitId)}/tickets`, schema: DrillResponse, query: { period, indicator } }),
  disputes: (status?: Dispute['status']) => request({ method: 'GET', path: '/api/assessment/disputes', schema: DisputesResponse, query: { status } }),
  raiseDispute: (body: DisputeBody) => request({ method: 'POST', path: '/api/assessment/disputes', schema: DisputeResponse, body }),
  decideDispute: (disputeId: string, body: DecideDisputeBody) =>
    request({ method: 'POST', path: `/api/assessment/disputes/${enc(disputeId)}/decide`, schema: DisputeResponse, body }),
  /** 政策宣传 / 供需对接 / 精准服务: the supervisor's or the assessor's score, with its evidence */
  enterScore: (body: ManualScoreBody) => request({ method: 'PUT', path: '/api/assessment/manual', schema: ManualEntryResponse, body }),
  /** 考核方案: the version in force and every version (supervisor, admin, assessor) */
  scheme: () => request({ method: 'GET', path: '/api/admin/assessment', schema: SchemeResponse }),
};
