import {
  ConflictError,
  completeTask,
  editRetrospective,
  mayCompleteTask,
  ForbiddenError,
  mayReadRetrospective,
  mayWriteRetrospective,
  NotFoundError,
  openRetrospective,
  subjectPartitionId,
  type CreateRetrospectiveBody,
  type EditRetrospectiveBody,
  type Principal,
  type Retrospective,
  type RetrospectiveDossier,
  type RetrospectiveSubject,
  type RetroContext,
  type RetroOn,
  type Unit,
} from '@whistle/shared';
import type { Ports } from '../ports.js';

/**
 * Retrospectives (典型问题复盘) on a ticket or a common issue — one service, the subject
 * given by the route: the supervisor opens and edits them (conditional on rev); the staff
 * and leads of the participating units read them. The record lives in its subject's
 * partition (`subjectPartitionId`); the rectification tasks in its own plan (see
 * shared/src/retrospective/rules.ts).
 */
export type RetroPorts = Pick<Ports, 'tickets' | 'refs' | 'settings' | 'clock' | 'retrospectives' | 'notices' | 'commonIssues'>;

/** The subject as read: the ticket, or the common issue (404 when there is none). */
async function subjectOf(ports: RetroPorts, tenantId: string, subject: RetrospectiveSubject): Promise<RetroOn> {
  if (subject.kind === 'ticket') {
    const stored = await ports.tickets.get(tenantId, subject.ticketId);
    if (!stored) throw new NotFoundError('诉求');
    return { kind: 'ticket', ticket: stored.ticket };
  }
  const stored = await ports.commonIssues.get(tenantId, subject.commonIssueId);
  if (!stored) throw new NotFoundError('共性问题');
  return { kind: 'commonIssue', commonIssue: stored.commonIssue };
}

async function contextOf(ports: RetroPorts, p: Principal): Promise<RetroContext> {
  const [calendar, units] = await Promise.all([ports.settings.calendar(p.tenantId), ports.refs.list('UNIT', p.tenantId)]);
  const byId = new Map(units.map((u: Unit) => [u.id, { id: u.id, name: u.name }]));
  return { calendar, now: ports.clock.now().toISOString(), by: { userId: p.userId, name: p.name }, unitOf: (id) => byId.get(id) };
}

/** The record, when it is one of this subject's (a ticket's route never answers a common issue's, nor the other way). */
async function stored(ports: RetroPorts, tenantId: string, subject: RetrospectiveSubject, retroId: string): Promise<Retrospective> {
  const r = await ports.retrospectives.get(tenantId, subjectPartitionId(subject), retroId);
  if (!r || r.subject.kind !== subject.kind) throw new NotFoundError('复盘');
  return r;
}

export async function createRetrospective(ports: RetroPorts, p: Principal, subject: RetrospectiveSubject, body: CreateRetrospectiveBody): Promise<{ retrospective: Retrospective; created: boolean }> {
  if (!mayWriteRetrospective(p)) throw new ForbiddenError('只有督查人员可以发起复盘');
  const on = await subjectOf(ports, p.tenantId, subject);
  const opened = openRetrospective(on, body, await contextOf(ports, p));
  if (!opened.ok) throw opened.error;
  if (await ports.retrospectives.create(opened.value)) return { retrospective: opened.value, created: true };
  // the same one opened already (a retry, a double tap): answer it
  const existing = await ports.retrospectives.get(p.tenantId, subjectPartitionId(subject), opened.value.id);
  if (!existing) throw new ConflictError('复盘正在创建，请稍后重试');
  return { retrospective: existing, created: false };
}

export async function readRetrospective(ports: RetroPorts, p: Principal, subject: RetrospectiveSubject, retroId: string): Promise<Retrospective> {
  const r = await stored(ports, p.tenantId, subject, retroId);
  if (!mayReadRetrospective(p, r)) throw new ForbiddenError('只有督查人员和参与单位可以查看该复盘');
  return r;
}

export async function listRetrospectives(ports: RetroPorts, p: Principal, subject: RetrospectiveSubject): Promise<Retrospective[]> {
  if (!mayWriteRetrospective(p) && !p.unitId) throw new ForbiddenError('只有督查人员和参与单位可以查看复盘');
  await subjectOf(ports, p.tenantId, subject);
  return (await ports.retrospectives.ofSubject(p.tenantId, subjectPartitionId(subject))).filter((r) => r.subject.kind === subject.kind && mayReadRetrospective(p, r));
}

export async function updateRetrospective(ports: RetroPorts, p: Principal, subject: RetrospectiveSubject, retroId: string, body: EditRetrospectiveBody): Promise<Retrospective> {
  if (!mayWriteRetrospective(p)) throw new ForbiddenError('只有督查人员可以修改复盘');
  const r = await stored(ports, p.tenantId, subject, retroId);
  if (r.rev !== body.rev) throw new ConflictError('复盘已被他人修改，请刷新后重试', { rev: r.rev });
  const next = editRetrospective(r, body, await contextOf(ports, p));
  if (!next.ok) throw next.error;
  if (!(await ports.retrospectives.replace(next.value, r.rev))) throw new ConflictError('复盘已被他人修改，请刷新后重试');
  return next.value;
}

/**
 * A rectification task done by its owner unit (or the supervisor): its clock met, so its
 * 提醒 → 催办 → 警告 stop. Done already: the record as it is (a retry changes nothing). A
 * concurrent edit is retried on the record as re-read.
 */
export async function completeRetrospectiveTask(ports: RetroPorts, p: Principal, subject: RetrospectiveSubject, retroId: string, itemId: string, note: string | undefined): Promise<Retrospective> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await stored(ports, p.tenantId, subject, retroId);
    if (!mayCompleteTask(p, r, itemId)) throw new ForbiddenError('只有整改任务的责任单位可以标记完成');
    const done = completeTask(r, itemId, { userId: p.userId, name: p.name }, note, ports.clock.now().toISOString());
    if (!done.ok) throw done.error;
    if (done.value.already) return r;
    if (await ports.retrospectives.replace(done.value.retrospective, r.rev)) return done.value.retrospective;
  }
  throw new ConflictError('复盘正被同时修改，请稍后重试');
}

/**
 * What the document needs: the retrospective, what happened attached automatically (the ticket with
 * its timeline, or the common issue as it stands) and the 督办单 of the subject's partition.
 */
export async function retrospectiveDossier(ports: RetroPorts, p: Principal, subject: RetrospectiveSubject, retroId: string): Promise<RetrospectiveDossier> {
  const retrospective = await readRetrospective(ports, p, subject, retroId);
  const partition = subjectPartitionId(subject);
  const [notices, tenant] = await Promise.all([ports.notices.byTicket(p.tenantId, partition), ports.refs.tenant(p.tenantId)]);
  const base = { retrospective, notices, tenantName: tenant?.name ?? '' };
  if (subject.kind === 'commonIssue') {
    const ci = await ports.commonIssues.get(p.tenantId, subject.commonIssueId);
    if (!ci) throw new NotFoundError('共性问题');
    return { ...base, kind: 'commonIssue', commonIssue: ci.commonIssue };
  }
  const withTimeline = await ports.tickets.getWithTimeline(p.tenantId, subject.ticketId);
  if (!withTimeline) throw new NotFoundError('诉求');
  return { ...base, kind: 'ticket', ticket: withTimeline.stored.ticket, timeline: withTimeline.timeline };
}
