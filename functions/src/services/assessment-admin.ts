import { createHash, randomUUID } from 'node:crypto';
import {
  ConflictError,
  DEFAULT_SCHEME,
  ForbiddenError,
  hasRole,
  monthOf,
  NotFoundError,
  schemeFor,
  ValidationError,
  type AssessmentScheme,
  type DisputeBody,
  type Dispute,
  type ManualEntry,
  type ManualIndicator,
  type ManualScoreBody,
  type Principal,
  type SchemeBody,
} from '@whistle/shared';
import type { Ports } from '../ports.js';
import { project } from './assessment.js';

/**
 * What people do to the assessment besides reading it: a unit disputes an
 * item (申诉) and the supervisor decides; the supervisor or the assessor
 * enters the scored indicators with evidence; the scheme gets a new version.
 */

/** A dispute's id: its ticket's, then a digest of what is disputed by whom (one dispute per item and unit). */
export const disputeIdOf = (ticketId: string, unitId: string, indicator: string, noticeId?: string): string =>
  `${ticketId}-${createHash('sha256').update(`${unitId}|${indicator}|${noticeId ?? ''}`).digest('hex').slice(0, 12)}`;

export async function raiseDispute(ports: Ports, p: Principal, body: DisputeBody): Promise<Dispute> {
  if (!hasRole(p, 'officer', 'unitLead') || !p.unitId) throw new ForbiddenError('只有承办单位可以对考核事项提出申诉');
  const stored = await ports.tickets.get(p.tenantId, body.ticketId);
  if (!stored || stored.intakePending) throw new NotFoundError('诉求');
  // only an item that counts against the unit can be disputed
  const projection = await ports.assessment.projection(p.tenantId, body.ticketId);
  const mine = (projection?.contributions ?? []).filter((c) => c.unitId === p.unitId);
  if (body.indicator === 'notices' || body.noticeId) {
    if (!body.noticeId || !mine.some((c) => c.noticeIds?.includes(body.noticeId ?? ''))) {
      throw new ValidationError([{ field: 'noticeId', message: '该督办单未计入本单位考核' }]);
    }
  } else if (mine.length === 0) {
    throw new ValidationError([{ field: 'ticketId', message: '该诉求未计入本单位考核' }]);
  }
  const dispute: Dispute = {
    id: disputeIdOf(body.ticketId, p.unitId, body.indicator, body.noticeId),
    tenantId: p.tenantId,
    unitId: p.unitId,
    unitName: p.unitName ?? p.unitId,
    ticketId: body.ticketId,
    ticketNumber: stored.ticket.number,
    indicator: body.indicator,
    ...(body.noticeId ? { noticeId: body.noticeId } : {}),
    reason: body.reason,
    status: 'open',
    raisedBy: p.userId,
    raisedAt: ports.clock.now().toISOString(),
  };
  if (!(await ports.assessment.createDispute(dispute))) throw new ConflictError('本单位已对该事项提出过申诉');
  return dispute;
}

export async function listDisputes(ports: Ports, p: Principal, q: { status?: Dispute['status'] }): Promise<{ items: Dispute[] }> {
  const all = await ports.assessment.disputes(p.tenantId);
  let items: Dispute[];
  if (hasRole(p, 'supervisor', 'admin', 'assessor')) items = all;
  else if (hasRole(p, 'officer', 'unitLead') && p.unitId) items = all.filter((d) => d.unitId === p.unitId);
  else throw new ForbiddenError('无权查看考核申诉');
  return { items: q.status ? items.filter((d) => d.status === q.status) : items };
}

/** The supervisor accepts (the item stops counting; the figures are recomputed at once) or rejects, with a reason. */
export async function decideDispute(ports: Ports, p: Principal, disputeId: string, body: { accept: boolean; reason: string }): Promise<Dispute> {
  if (!hasRole(p, 'supervisor')) throw new ForbiddenError('只有督办人员可以处理申诉');
  const dispute = await ports.assessment.dispute(p.tenantId, disputeId);
  if (!dispute) throw new NotFoundError('申诉');
  const decision = {
    status: body.accept ? ('accepted' as const) : ('rejected' as const),
    decidedBy: p.userId,
    decidedAt: ports.clock.now().toISOString(),
    decision: body.reason,
  };
  let decided: Dispute = { ...dispute, ...decision };
  if (!(await ports.assessment.decideDispute(dispute, decision))) {
    // decided already: by this same decision (a retry after a failure below: the figures are brought up to date again), or 409
    if (dispute.status !== decision.status || dispute.decidedBy !== p.userId) throw new ConflictError('该申诉已处理');
    decided = dispute;
  }
  // accepted: the ticket's contributions change now (rejected: nothing changes)
  if (body.accept) await project(ports, p.tenantId, dispute.ticketId);
  return decided;
}

export async function enterManualScore(ports: Ports, p: Principal, body: ManualScoreBody): Promise<ManualEntry> {
  if (!hasRole(p, 'supervisor', 'assessor')) throw new ForbiddenError('只有督办人员或第三方评估可以录入评分');
  const unit = await ports.refs.get('UNIT', p.tenantId, body.unitId);
  if (!unit) throw new ValidationError([{ field: 'unitId', message: '单位不存在' }]);
  const previous = (await ports.assessment.period(p.tenantId, body.period)).manual.get(body.unitId)?.[body.indicator as ManualIndicator];
  const entry: ManualEntry = {
    id: randomUUID(),
    period: body.period,
    unitId: body.unitId,
    indicator: body.indicator,
    score: body.score,
    ...(previous !== undefined ? { previous } : {}),
    evidence: body.evidence,
    by: p.userId,
    byName: p.name,
    at: ports.clock.now().toISOString(),
  };
  await ports.assessment.putManual(entry, p.tenantId);
  return entry;
}

export async function schemes(ports: Ports, p: Principal): Promise<{ current: AssessmentScheme; versions: AssessmentScheme[] }> {
  if (!hasRole(p, 'supervisor', 'admin', 'assessor')) throw new ForbiddenError('无权查看考核方案');
  const versions = await ports.assessment.schemes(p.tenantId);
  return { current: schemeFor(versions, monthOf(ports.clock.now().toISOString())), versions: versions.length ? versions : [DEFAULT_SCHEME] };
}

/** A new version of the scheme, from its first month on: never earlier than this month (a closed period stays as scored). */
export async function putScheme(ports: Ports, p: Principal, body: SchemeBody): Promise<{ current: AssessmentScheme; versions: AssessmentScheme[] }> {
  if (!hasRole(p, 'supervisor', 'admin')) throw new ForbiddenError('只有督办人员或管理员可以修改考核方案');
  const now = ports.clock.now().toISOString();
  if (body.effectiveFrom < monthOf(now)) {
    throw new ValidationError([{ field: 'effectiveFrom', message: `生效月份不能早于本月（${monthOf(now)}）：已结束的周期按原方案考核` }]);
  }
  const versions = await ports.assessment.schemes(p.tenantId);
  const version = Math.max(DEFAULT_SCHEME.version, ...versions.map((v) => v.version)) + 1;
  if (!(await ports.assessment.addScheme(p.tenantId, { ...body, version, createdAt: now, createdBy: p.userId }))) {
    throw new ConflictError('考核方案刚被修改，请刷新后重试');
  }
  return schemes(ports, p);
}
