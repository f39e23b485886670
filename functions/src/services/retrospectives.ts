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
  type CreateRetrospectiveBody,
  type EditRetrospectiveBody,
  type Principal,
  type Retrospective,
  type RetrospectiveDossier,
  type RetroContext,
  type Ticket,
  type Unit,
} from '@whistle/shared';
import type { Ports } from '../ports.js';

/**
 * Retrospectives (典型问题复盘) on a ticket: the supervisor opens and edits them
 * (conditional on rev); the staff and leads of the participating units read them.
 * The rectification tasks live in the record's own plan (see shared/src/retrospective/rules.ts).
 */
export type RetroPorts = Pick<Ports, 'tickets' | 'refs' | 'settings' | 'clock' | 'retrospectives' | 'notices'>;

async function ticketOf(ports: RetroPorts, tenantId: string, ticketId: string): Promise<Ticket> {
  const stored = await ports.tickets.get(tenantId, ticketId);
  if (!stored) throw new NotFoundError('诉求');
  return stored.ticket;
}

async function contextOf(ports: RetroPorts, p: Principal): Promise<RetroContext> {
  const [calendar, units] = await Promise.all([ports.settings.calendar(p.tenantId), ports.refs.list('UNIT', p.tenantId)]);
  const byId = new Map(units.map((u: Unit) => [u.id, { id: u.id, name: u.name }]));
  return { calendar, now: ports.clock.now().toISOString(), by: { userId: p.userId, name: p.name }, unitOf: (id) => byId.get(id) };
}

export async function createRetrospective(ports: RetroPorts, p: Principal, ticketId: string, body: CreateRetrospectiveBody): Promise<{ retrospective: Retrospective; created: boolean }> {
  if (!mayWriteRetrospective(p)) throw new ForbiddenError('只有督查人员可以发起复盘');
  const ticket = await ticketOf(ports, p.tenantId, ticketId);
  const opened = openRetrospective(ticket, body, await contextOf(ports, p));
  if (!opened.ok) throw opened.error;
  if (await ports.retrospectives.create(opened.value)) return { retrospective: opened.value, created: true };
  // the same one opened already (a retry, a double tap): answer it
  const existing = await ports.retrospectives.get(p.tenantId, ticketId, opened.value.id);
  if (!existing) throw new ConflictError('复盘正在创建，请稍后重试');
  return { retrospective: existing, created: false };
}

export async function readRetrospective(ports: RetroPorts, p: Principal, ticketId: string, retroId: string): Promise<Retrospective> {
  const r = await ports.retrospectives.get(p.tenantId, ticketId, retroId);
  if (!r) throw new NotFoundError('复盘');
  if (!mayReadRetrospective(p, r)) throw new ForbiddenError('只有督查人员和参与单位可以查看该复盘');
  return r;
}

export async function listRetrospectives(ports: RetroPorts, p: Principal, ticketId: string): Promise<Retrospective[]> {
  if (!mayWriteRetrospective(p) && !p.unitId) throw new ForbiddenError('只有督查人员和参与单位可以查看复盘');
  await ticketOf(ports, p.tenantId, ticketId);
  return (await ports.retrospectives.ofTicket(p.tenantId, ticketId)).filter((r) => mayReadRetrospective(p, r));
}

export async function updateRetrospective(ports: RetroPorts, p: Principal, ticketId: string, retroId: string, body: EditRetrospectiveBody): Promise<Retrospective> {
  if (!mayWriteRetrospective(p)) throw new ForbiddenError('只有督查人员可以修改复盘');
  const r = await ports.retrospectives.get(p.tenantId, ticketId, retroId);
  if (!r) throw new NotFoundError('复盘');
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
export async function completeRetrospectiveTask(ports: RetroPorts, p: Principal, ticketId: string, retroId: string, itemId: string, note: string | undefined): Promise<Retrospective> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await ports.retrospectives.get(p.tenantId, ticketId, retroId);
    if (!r) throw new NotFoundError('复盘');
    if (!mayCompleteTask(p, r, itemId)) throw new ForbiddenError('只有整改任务的责任单位可以标记完成');
    const done = completeTask(r, itemId, { userId: p.userId, name: p.name }, note, ports.clock.now().toISOString());
    if (!done.ok) throw done.error;
    if (done.value.already) return r;
    if (await ports.retrospectives.replace(done.value.retrospective, r.rev)) return done.value.retrospective;
  }
  throw new ConflictError('复盘正被同时修改，请稍后重试');
}

export async function retrospectiveDossier(ports: RetroPorts, p: Principal, ticketId: string, retroId: string): Promise<RetrospectiveDossier> {
  const retrospective = await readRetrospective(ports, p, ticketId, retroId);
  const [withTimeline, notices, tenant] = await Promise.all([
    ports.tickets.getWithTimeline(p.tenantId, ticketId),
    ports.notices.byTicket(p.tenantId, ticketId),
    ports.refs.tenant(p.tenantId),
  ]);
  if (!withTimeline) throw new NotFoundError('诉求');
  return { retrospective, ticket: withTimeline.stored.ticket, timeline: withTimeline.timeline, notices, tenantName: tenant?.name ?? '' };
}
