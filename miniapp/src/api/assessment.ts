import {
  AssessmentResponse,
  DisputeResponse,
  DisputesResponse,
  DrillResponse,
  UnitAssessmentResponse,
  type DecideDisputeBody,
  type DisputeBody,
  type Dispute,
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
};
