import { createHash, randomUUID } from 'node:crypto';
import {
  actorOf,
  allowedCommands,
  AlreadyClaimedError,
  canSeeTicket,
  groupUnitIdsOf,
  ConflictError,
  ForbiddenError,
  guard,
  IdempotencyMismatchError,
  isWorkingTime,
  localDate,
  NotFoundError,
  rulesFor,
  startClock,
  transition,
  ValidationError,
  viewClock,
  type ClockPolicy,
  type Command,
  type CreateTicketBody,
  type Group,
  type Notification,
  type Principal,
  type Ticket,
  type TicketDetailResponse,
  type WorkingCalendar,
} from '@whistle/shared';
import { effectsOf, type ClaimLock, type StoredTicket } from '../store/ticket-store.js';
import type { Deps } from '../wiring.js';

/** What every ticket operation needs of the tenant: calendar, policy, groups. */
export interface TenantContext {
  calendar: WorkingCalendar;
  policy: ClockPolicy;
  groups: Group[];
}

export async function tenantContext(deps: Deps, tenantId: string): Promise<TenantContext> {
  const [calendar, policy, groups] = await Promise.all([
    deps.settings.calendar(tenantId),
    deps.settings.policy(tenantId),
    deps.refs.list('GROUP', tenantId),
  ]);
  return { calendar, policy, groups };
}

const nowIso = (deps: Deps) => deps.clock.now().toISOString();

/** Reads a ticket the principal may see; anything else is "not found" (never 403: no probing). */
export async function visibleTicket(deps: Deps, p: Principal, ticketId: string, groups: Group[]): Promise<StoredTicket> {
  return mustSee(p, await deps.tickets.get(p.tenantId, ticketId), groups);
}

function mustSee(p: Principal, stored: StoredTicket | undefined, groups: Group[]): StoredTicket {
  if (!stored || stored.intakePending || !canSeeTicket(p, stored.ticket, groups)) throw new NotFoundError('诉求');
  return stored;
}

const machineContext = (deps: Deps, p: Principal, t: Ticket, ctx: TenantContext) => ({
  principal: p,
  now: nowIso(deps),
  calendar: ctx.calendar,
  policy: ctx.policy,
  groupUnitIds: groupUnitIdsOf(t, ctx.groups),
});

/**
 * Decides a command on the ticket as read and commits it, conditional on that
 * version; undefined when another write came first (the caller reads again).
 */
async function decideAndCommit(
  deps: Deps,
  p: Principal,
  stored: StoredTicket,
  command: Command,
  ctx: TenantContext,
  claimLock?: ClaimLock,
): Promise<Ticket | undefined> {
  if (stored.pending) await deps.tickets.flush(stored);
  const t = stored.ticket;
  const result = transition(t, command, machineContext(deps, p, t, ctx));
  if (!result.ok) throw result.error;
  const effects = effectsOf(result.ticket, actorOf(p), result.entries, result.notifications);
  const committed = await deps.tickets.commit(result.ticket, t.version, effects, {
    ...(stored.requestHash ? { requestHash: stored.requestHash } : {}),
    ...(claimLock ? { claimLock } : {}),
  });
  if (!committed) return undefined;
  await deps.tickets.flush({ ticket: result.ticket, pending: effects });
  deps.metrics.addMetric(`Command_${command.type}`, 'Count', 1);
  return result.ticket;
}

const MAX_ATTEMPTS = 5;

/**
 * Runs one command through the state machine and commits it with a write
 * conditional on the version read. A lost race re-reads and decides again, so
 * the answer always reflects the winner (e.g. "already claimed by X").
 */
export async function runCommand(deps: Deps, p: Principal, ticketId: string, command: Command): Promise<Ticket> {
  const ctx = await tenantContext(deps, p.tenantId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await visibleTicket(deps, p, ticketId, ctx.groups);
    const t = stored.ticket;
    // decided before finishing pending effects: the committed ticket already names the winner, and
    // 199 losers of a contended claim must not each re-apply the winner's effects (timeline, feeds, outbox)
    if ((command.type === 'claim' || command.type === 'assign') && t.status !== 'published' && t.handlingUnitId) {
      deps.metrics.addMetric('ClaimLost', 'Count', 1);
      throw new AlreadyClaimedError(t.handlingUnitId, t.handlingUnitName ?? t.handlingUnitId);
    }
    const committed = await decideAndCommit(deps, p, stored, command, ctx);
    if (committed) return committed;
  }
  throw new ConflictError('该诉求正被他人同时处理，请刷新后重试');
}

const CLAIM_LOCK_MS = 10_000;

/**
 * 发声认领. Exactly one unit wins however many press at once: the first
 * conditional write (the claim lock) picks the request that goes ahead, so a
 * loser costs that one write, which reads back the winner, and never runs the
 * state machine. The winner then commits through the state machine like any
 * command, keeping its lock on the item for the claims still arriving.
 */
export async function claim(deps: Deps, p: Principal, ticketId: string): Promise<Ticket> {
  const ctx = await tenantContext(deps, p.tenantId);
  const unitId = p.unitId;
  const myGroups = unitId && p.roles.some((r) => r === 'officer' || r === 'unitLead')
    ? ctx.groups.filter((g) => g.memberUnitIds.includes(unitId)).map((g) => g.id)
    : [];
  const token = randomUUID();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const lock = {
      token,
      unitId: unitId ?? '',
      unitName: p.unitName ?? unitId ?? '',
      // the lock lives in wall-clock time (the dev clock may be pinned anywhere)
      until: new Date(Date.now() + CLAIM_LOCK_MS).toISOString(),
      now: new Date().toISOString(),
      groupIds: myGroups,
    };
    let locked = myGroups.length ? await deps.tickets.lockClaim(p.tenantId, ticketId, lock) : undefined;
    if (locked && locked.holder.token !== token) {
      if (locked.holder.until >= lock.now) {
        // another request holds a live lock: it passed every check the machine makes (published, a
        // group member unit), so only its commit is left; it is the winner, and losers hear so at once
        deps.metrics.addMetric('ClaimLost', 'Count', 1);
        throw new AlreadyClaimedError(locked.holder.unitId, locked.holder.unitName);
      }
      // its holder crashed and the lock expired: take it over
      locked = await deps.tickets.lockClaim(p.tenantId, ticketId, lock, { takeOver: true });
    }
    // the lock is ours, and the locking write returned the ticket it guards
    const stored = locked?.stored;
    if (!stored || stored.intakePending || stored.ticket.status !== 'published') {
      // the ticket is not (or no longer) claimable by this unit: answer from what it says now
      const t = (await visibleTicket(deps, p, ticketId, ctx.groups)).ticket;
      if (t.status !== 'published' && t.handlingUnitId) {
        deps.metrics.addMetric('ClaimLost', 'Count', 1);
        throw new AlreadyClaimedError(t.handlingUnitId, t.handlingUnitName ?? t.handlingUnitId);
      }
      const refused = guard('claim', t, machineContext(deps, p, t, ctx));
      if (refused && !refused.ok) throw refused.error;
      continue;
    }
    // conditional on the version, as every command; the item keeps the winner's lock (until the next commit)
    const committed = await decideAndCommit(deps, p, stored, { type: 'claim' }, ctx, {
      token,
      unitId: lock.unitId,
      unitName: lock.unitName,
      until: lock.until,
    });
    if (committed) return committed;
  }
  throw new ConflictError('该诉求正被他人同时处理，请刷新后重试');
}

export async function ticketDetail(deps: Deps, p: Principal, ticketId: string): Promise<TicketDetailResponse> {
  const ctx = await tenantContext(deps, p.tenantId);
  const found = await deps.tickets.getWithTimeline(p.tenantId, ticketId);
  let stored = mustSee(p, found?.stored, ctx.groups);
  let timeline = found?.timeline ?? [];
  if (stored.pending) {
    // finish a transition whose effects were committed but not yet applied
    await deps.tickets.flush(stored);
    const again = await deps.tickets.getWithTimeline(p.tenantId, ticketId);
    if (again) ({ stored, timeline } = again);
  }
  const now = nowIso(deps);
  const t = stored.ticket;
  return {
    ticket: t,
    timeline,
    actions: allowedCommands(t, { principal: p, now, policy: ctx.policy, groupUnitIds: groupUnitIdsOf(t, ctx.groups) }),
    clocks: t.clocks.map((c) => viewClock(ctx.calendar, c, now)),
  };
}

const INTAKE_ROLES = ['owner', 'officer', 'unitLead', 'agent', 'supervisor'] as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Intake (企业吹哨). The ticket id is derived from the caller and the
 * idempotency key, so a retry finds the same ticket instead of making another.
 */
export async function intake(
  deps: Deps,
  p: Principal,
  body: CreateTicketBody,
  idempotencyKey: string,
): Promise<{ ticket: Ticket; created: boolean }> {
  if (!INTAKE_ROLES.some((r) => p.roles.includes(r))) throw new ForbiddenError('当前身份不能提交诉求');
  const isOwner = p.roles.includes('owner');
  const enterpriseId = isOwner ? p.enterpriseId : body.enterpriseId;
  if (!enterpriseId) throw new ValidationError([{ field: 'enterpriseId', message: '请选择代为提交诉求的企业' }]);
  if (isOwner && body.enterpriseId && body.enterpriseId !== p.enterpriseId) throw new ForbiddenError('只能为本企业吹哨');
  const channel = isOwner ? 'miniapp' : (body.channel ?? (p.roles.includes('agent') ? 'desk' : 'visit'));
  if (isOwner && body.channel && body.channel !== 'miniapp') {
    throw new ValidationError([{ field: 'channel', message: '企业在小程序提交，渠道只能是 miniapp' }]);
  }
  if (!isOwner && channel === 'miniapp') {
    throw new ValidationError([{ field: 'channel', message: '代企业提交时，渠道应为 hotline、visit、symposium 或 desk' }]);
  }
  const ticketId = `tk${sha256(`${p.tenantId}|${p.userId}|${idempotencyKey}`).slice(0, 22)}`;
  const requestHash = sha256(JSON.stringify([body.title, body.description, body.category, body.priority, enterpriseId, channel]));

  // a retry finds its ticket before anything is drawn or written (no number is used up by retrying)
  const existing = await deps.tickets.get(p.tenantId, ticketId);
  if (existing) return finishExisting(deps, existing, requestHash);

  const [enterprise, ctx] = await Promise.all([deps.refs.enterprise(p.tenantId, enterpriseId), tenantContext(deps, p.tenantId)]);
  if (!enterprise) throw new ValidationError([{ field: 'enterpriseId', message: '企业不存在' }]);
  const grid = await deps.refs.grid(p.tenantId, enterprise.gridId);
  const groupIds = routeToGroups(ctx.groups, enterprise, grid?.townUnitId);
  const now = deps.clock.now();
  const at = now.toISOString();
  // numbered by the local (Shanghai) year: 01:00 on New Year's Day is the new year, though still the old one in UTC
  const number = await deps.tickets.nextNumber(p.tenantId, Number(localDate(at).slice(0, 4)));
  const outOfHours = !isWorkingTime(ctx.calendar, at);
  const rules = rulesFor(ctx.policy, body.priority);
  const ticket: Ticket = {
    id: ticketId,
    tenantId: p.tenantId,
    number,
    enterpriseId,
    enterpriseName: enterprise.name,
    gridId: enterprise.gridId,
    channel,
    category: body.category,
    priority: body.priority,
    title: body.title,
    description: body.description,
    status: 'published',
    groupIds,
    declinedUnitIds: [],
    difficult: false,
    reopenCount: 0,
    ...(outOfHours ? { desk: { state: 'waiting' as const, at } } : {}),
    // the claim clock starts at publication: not claiming never helps
    clocks: [startClock(ctx.calendar, { kind: 'claim', rule: rules.claim, start: at })],
    createdBy: actorOf(p),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const notifications: Notification[] = [
    {
      event: 'published',
      audience: [...groupIds.map((id) => ({ kind: 'group' as const, id })), { kind: 'gridOfficer', gridId: enterprise.gridId }],
      title: '新的企业吹哨',
      body: `${enterprise.name}：${body.title}`,
    },
    ...(outOfHours
      ? [{ event: 'published' as const, audience: [{ kind: 'deskOnDuty' as const }], title: '8小时外新诉求', body: `${enterprise.name}：${body.title}（请在线答复或转交）` }]
      : []),
  ];
  const effects = effectsOf(ticket, actorOf(p), [
    { kind: 'created', data: { channel } },
    { kind: 'published', data: { groupIds, ...(outOfHours ? { desk: true } : {}) } },
  ], notifications);
  if (!(await deps.tickets.create(ticket, effects, requestHash))) {
    // a concurrent retry with the same key created it first
    const raced = await deps.tickets.get(p.tenantId, ticketId);
    if (!raced) throw new ConflictError('提交冲突，请重试');
    return finishExisting(deps, raced, requestHash);
  }
  await deps.tickets.flush({ ticket, pending: effects, requestHash });
  deps.metrics.addMetric('TicketCreated', 'Count', 1);
  return { ticket, created: true };
}

async function finishExisting(deps: Deps, existing: StoredTicket, requestHash: string): Promise<{ ticket: Ticket; created: boolean }> {
  if (existing.requestHash && existing.requestHash !== requestHash) throw new IdempotencyMismatchError();
  if (existing.intakePending || existing.pending) await deps.tickets.flush(existing);
  return { ticket: existing.ticket, created: false };
}

/** Routing: the industry group, the township group of the grid's town, the key group for key or leading enterprises. */
export function routeToGroups(
  groups: readonly Group[],
  enterprise: { industry: string; tier: string; key: boolean },
  townUnitId: string | undefined,
): string[] {
  const ids = groups
    .filter(
      (g) =>
        (g.kind === 'industry' && g.industry === enterprise.industry) ||
        (g.kind === 'township' && townUnitId !== undefined && g.townUnitId === townUnitId) ||
        (g.kind === 'key' && (enterprise.key || enterprise.tier === 'leading')),
    )
    .map((g) => g.id);
  return [...new Set(ids)];
}
