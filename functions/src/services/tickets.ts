import { createHash, randomUUID } from 'node:crypto';
import {
  actorOf,
  allowedCommands,
  AlreadyClaimedError,
  birth,
  canSeeTicket,
  consultationBirth,
  policyState,
  policyToday,
  ConflictError,
  ForbiddenError,
  effectsOf,
  groupUnitIdsOf,
  guard,
  hasRole,
  IdempotencyMismatchError,
  enterprisesCommissionedTo,
  gridsOf,
  isOfficial,
  isOpen,
  intakeParty,
  raisesOnlyAsCommissioner,
  NotFoundError,
  RateLimitedError,
  numberingYear,
  transition,
  ticketShownTo,
  ValidationError,
  viewClock,
  type Command,
  type CommandRequest,
  type ConsultedPolicy,
  type CreateTicketBody,
  type Enterprise,
  type Group,
  type Principal,
  type Ticket,
  type TicketDetailResponse,
  type TicketScope,
  type UnitRef,
} from '@whistle/shared';
import type { ClaimLock, Ports, StoredTicket, TicketPage } from '../ports.js';
import { finishEffects } from './effects.js';
import { enforce } from './rate-limits.js';
import { gridPlace } from './places.js';
import { addToSimilarIndex, similarAtIntake } from './similar-requests.js';
import { tenantContext, type TenantContext } from './tenant-context.js';

const nowIso = (ports: Ports) => ports.clock.now().toISOString();

/**
 * The ticket as the principal receives it (`ticketShownTo`: an owner never sees other enterprises' similar
 * requests). The tenant's groups are read (warm reference data) only when the answer needs them.
 */
export async function shownTo(ports: Pick<Ports, 'refs'>, p: Principal, t: Ticket, groups?: readonly Group[]): Promise<Ticket> {
  if (t.similar === undefined) return t;
  return ticketShownTo(p, t, groups ?? (await ports.refs.list('GROUP', p.tenantId)));
}

/** Reads a ticket the principal may see; anything else is "not found" (never 403: no probing). */
export async function visibleTicket(ports: Ports, p: Principal, ticketId: string, groups: Group[]): Promise<StoredTicket> {
  return (await mustSee(ports, p, await ports.tickets.get(p.tenantId, ticketId), groups)).stored;
}

/**
 * The ticket if the principal may see it, with the scope that showed it. The groups, the unit and the role
 * decide most cases with nothing more read; only when they say no are the ticket's enterprise (its
 * commissioners), grid and area read (warm copies: reference data), for commissioners, grid chiefs and area leads.
 */
async function mustSee(ports: Ports, p: Principal, stored: StoredTicket | undefined, groups: Group[]): Promise<{ stored: StoredTicket; scope: TicketScope }> {
  if (!stored || stored.intakePending) throw new NotFoundError('诉求');
  if (canSeeTicket(p, stored.ticket, groups)) return { stored, scope: {} };
  const scope = await scopeOf(ports, p, stored.ticket);
  if (!canSeeTicket(p, stored.ticket, groups, scope)) throw new NotFoundError('诉求');
  return { stored, scope };
}

/** The ticket's enterprise (for officials: they may be its commissioners), grid and the grid's area. */
async function scopeOf(ports: Ports, p: Principal, t: Ticket): Promise<TicketScope> {
  const [enterprise, place] = await Promise.all([enterpriseFor(ports, p, t, {}), gridPlace(ports, p.tenantId, t.gridId)]);
  return { enterprise, ...place };
}

/** The ticket's enterprise when the principal may be one of its commissioners (an official); the scope's if read. */
async function enterpriseFor(ports: Ports, p: Principal, t: Ticket, scope: TicketScope): Promise<Pick<Enterprise, 'id' | 'commissionerUserIds'> | undefined> {
  if (scope.enterprise || !isOfficial(p)) return scope.enterprise;
  return ports.refs.enterprise(p.tenantId, t.enterpriseId);
}

const machineContext = (ports: Ports, p: Principal, t: Ticket, ctx: TenantContext, enterprise?: Pick<Enterprise, 'id' | 'commissionerUserIds'>) => ({
  principal: p,
  now: nowIso(ports),
  calendar: ctx.calendar,
  policy: ctx.policy,
  groupUnitIds: groupUnitIdsOf(t, ctx.groups),
  ...(enterprise ? { enterprise } : {}),
});

/** A claim lock still in force (it lives in wall-clock time: the dev clock may be pinned anywhere). */
const isLive = (lock: ClaimLock | undefined): lock is ClaimLock => lock !== undefined && lock.until >= new Date().toISOString();

/**
 * Decides a command on the ticket as read and commits it, conditional on that
 * read (version and claim lock); undefined when another write came first (the
 * caller reads again).
 */
async function decideAndCommit(
  ports: Ports,
  p: Principal,
  stored: StoredTicket,
  command: Command,
  ctx: TenantContext,
  claimLock?: ClaimLock,
  enterprise?: Pick<Enterprise, 'id' | 'commissionerUserIds'>,
): Promise<Ticket | undefined> {
  if (stored.pending) await finishEffects(ports, stored);
  const t = stored.ticket;
  const result = transition(t, command, machineContext(ports, p, t, ctx, enterprise));
  if (!result.ok) throw result.error;
  // a retry of what is already so (an item there, an item done): answered with the ticket as read, nothing written
  if (result.replay) return t;
  // a claim in progress has won the ticket: nothing else may take it out of the groups meanwhile
  // (an assign, a desk answer), or claimers already told "X claimed it" would have been told wrong
  const lock = stored.claimLock;
  if (t.status === 'published' && result.ticket.status !== 'published' && isLive(lock) && lock.token !== claimLock?.token) {
    ports.metrics.addMetric('ClaimLost', 'Count', 1);
    throw new AlreadyClaimedError(lock.unitId, lock.unitName);
  }
  const effects = effectsOf(result.ticket, actorOf(p), result.entries, result.notifications);
  if (!(await ports.tickets.commit(stored, result.ticket, effects, claimLock ? { claimLock } : {}))) return undefined;
  await finishEffects(ports, { ticket: result.ticket, pending: effects });
  ports.metrics.addMetric(`Command_${command.type}`, 'Count', 1);
  return result.ticket;
}

const MAX_ATTEMPTS = 5;

/**
 * Runs one command through the state machine and commits it with a write
 * conditional on the ticket read. A lost race re-reads and decides again, so
 * the answer always reflects the winner (e.g. "already claimed by X").
 */
export async function runCommand(ports: Ports, p: Principal, ticketId: string, command: Command): Promise<Ticket> {
  const ctx = await tenantContext(ports, p.tenantId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { stored, scope } = await mustSee(ports, p, await ports.tickets.get(p.tenantId, ticketId), ctx.groups);
    const t = stored.ticket;
    // decided before finishing pending effects: the committed ticket already names the winner, and
    // 199 losers of a contended claim must not each re-apply the winner's effects (timeline, feeds, outbox)
    // (for the roles that may ever issue it: anyone else hears 403 from the machine's guard, as the access matrix says)
    const mayTake = command.type === 'claim' ? hasRole(p, 'officer', 'unitLead') : command.type === 'assign' && hasRole(p, 'supervisor');
    if (mayTake && t.status !== 'published' && t.handlingUnitId) {
      ports.metrics.addMetric('ClaimLost', 'Count', 1);
      throw new AlreadyClaimedError(t.handlingUnitId, t.handlingUnitName ?? t.handlingUnitId);
    }
    // only a message asks whether the caller is one of the enterprise's commissioners, and only when nothing else lets them
    const enterprise = command.type === 'message' && guard('message', t, machineContext(ports, p, t, ctx)) ? await enterpriseFor(ports, p, t, scope) : undefined;
    const committed = await decideAndCommit(ports, p, stored, command, ctx, undefined, enterprise);
    if (committed) return committed;
  }
  throw new ConflictError('该诉求正被他人同时处理，请刷新后重试');
}

async function unitRef(ports: Ports, tenantId: string, unitId: string, field: string): Promise<UnitRef> {
  const unit = await ports.refs.unit(tenantId, unitId);
  if (!unit) throw new ValidationError([{ field, message: '单位不存在' }]);
  return { id: unit.id, name: unit.name };
}

/** A command as asked (ids) → as the machine takes it (the units and people the ids name). */
export async function resolveCommand(ports: Ports, p: Principal, req: CommandRequest): Promise<Command> {
  const t = p.tenantId;
  switch (req.type) {
    case 'assign':
      return { type: 'assign', unit: await unitRef(ports, t, req.unitId, 'unitId') };
    case 'transfer':
      return { type: 'transfer', unit: await unitRef(ports, t, req.unitId, 'unitId'), reason: req.reason };
    case 'joint':
      return {
        type: 'joint',
        lead: await unitRef(ports, t, req.leadUnitId, 'leadUnitId'),
        coUnits: await Promise.all(req.coUnits.map(async (c, i) => ({ unit: await unitRef(ports, t, c.unitId, `coUnits.${i}.unitId`), task: c.task }))),
      };
    case 'lead': {
      const leader = await ports.refs.user(t, req.leaderUserId);
      if (!leader || !leader.roles.includes('leader')) throw new ValidationError([{ field: 'leaderUserId', message: '不是本区的县领导' }]);
      return { type: 'lead', leader: { userId: leader.id, name: leader.name } };
    }
    case 'progress':
      return { type: 'progress', text: req.text, ...(req.cadence ? { cadence: req.cadence } : {}) };
    case 'taskDone':
      return { type: 'taskDone', unitId: req.unitId, ...(req.note ? { note: req.note } : {}) };
    case 'plan': {
      // each unit read once (warm reference data), named by the field that asked for it
      const [coUnits, items] = await Promise.all([
        Promise.all(req.coUnitIds.map((u, i) => unitRef(ports, t, u, `coUnitIds.${i}`))),
        Promise.all(req.items.map(async (it, i) => ({ title: it.title, owner: await unitRef(ports, t, it.ownerUnitId, `items.${i}.ownerUnitId`), dueDate: it.dueDate }))),
      ]);
      return { type: 'plan', coUnits, items };
    }
    case 'addItem':
      return { type: 'addItem', title: req.title, owner: await unitRef(ports, t, req.ownerUnitId, 'ownerUnitId'), dueDate: req.dueDate };
    case 'itemDone':
      return { type: 'itemDone', itemId: req.itemId, ...(req.note ? { note: req.note } : {}) };
    case 'rate':
      return { type: 'rate', score: req.score, ...(req.comment ? { comment: req.comment } : {}) };
    case 'deskForward':
      return { type: 'deskForward', ...(req.text ? { text: req.text } : {}) };
    default:
      return req;
  }
}

/** Any catalogue command on a ticket: claims go through the claim lock, the rest through the machine. */
export async function issueCommand(ports: Ports, p: Principal, ticketId: string, req: CommandRequest): Promise<Ticket> {
  const ticket = req.type === 'claim' ? await claim(ports, p, ticketId) : await runCommand(ports, p, ticketId, await resolveCommand(ports, p, req));
  return shownTo(ports, p, ticket);
}

const CLAIM_LOCK_MS = 10_000;

/**
 * 发声认领. Exactly one unit wins however many press at once: the first
 * conditional write (the claim lock) picks the request that goes ahead, so a
 * loser costs at most that one write (shared with its own unit's requests
 * arriving meanwhile: store/claim-lock-writes.ts), which reads back the winner,
 * and never runs the state machine. The winner then commits through the state machine like any
 * command, keeping its lock on the item for the claims still arriving. While
 * the lock is live no other command takes the ticket (decideAndCommit), so the
 * unit a loser is told is the one that ends up handling it.
 */
export async function claim(ports: Ports, p: Principal, ticketId: string): Promise<Ticket> {
  const [ctx, { limits }] = await Promise.all([tenantContext(ports, p.tenantId), ports.settings.rateLimits(p.tenantId)]);
  // every claim attempt on a ticket the officer sees counts (won or lost) against the officer's budget; refused,
  // nothing is written. A ticket that is not there (or not visible) gives its take back: a 404 leaves no trace.
  const giveBack = await enforce(ports, [{ tenantId: p.tenantId, name: 'claim', subject: p.userId, rule: limits.claimsPerOfficer }], '认领');
  try {
    return await claimTicket(ports, p, ticketId, ctx);
  } catch (e) {
    if (e instanceof NotFoundError) await giveBack();
    throw e;
  }
}

async function claimTicket(ports: Ports, p: Principal, ticketId: string, ctx: TenantContext): Promise<Ticket> {
  const unitId = p.unitId;
  const myGroups = unitId && hasRole(p, 'officer', 'unitLead') ? ctx.groups.filter((g) => g.memberUnitIds.includes(unitId)).map((g) => g.id) : [];
  const token = randomUUID();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const lock = {
      token,
      unitId: unitId ?? '',
      unitName: p.unitName ?? unitId ?? '',
      until: new Date(Date.now() + CLAIM_LOCK_MS).toISOString(),
      now: new Date().toISOString(),
      groupIds: myGroups,
    };
    let locked = myGroups.length ? await ports.tickets.lockClaim(p.tenantId, ticketId, lock) : undefined;
    if (locked && locked.holder.token !== token) {
      if (locked.holder.until >= lock.now) {
        // another request holds a live lock: it passed every check the machine makes (published, a
        // group member unit), so only its commit is left; it is the winner, and losers hear so at once
        ports.metrics.addMetric('ClaimLost', 'Count', 1);
        throw new AlreadyClaimedError(locked.holder.unitId, locked.holder.unitName);
      }
      // its holder crashed and the lock expired: take it over
      locked = await ports.tickets.lockClaim(p.tenantId, ticketId, lock, { takeOver: true });
    }
    // the lock is ours, and the ticket it guards was read after it
    const stored = locked?.stored;
    if (!stored || stored.intakePending || stored.ticket.status !== 'published') {
      // the ticket is not (or no longer) claimable by this unit: answer from what it says now
      const t = (await visibleTicket(ports, p, ticketId, ctx.groups)).ticket;
      if (t.status !== 'published' && t.handlingUnitId) {
        ports.metrics.addMetric('ClaimLost', 'Count', 1);
        throw new AlreadyClaimedError(t.handlingUnitId, t.handlingUnitName ?? t.handlingUnitId);
      }
      const refused = guard('claim', t, machineContext(ports, p, t, ctx));
      if (refused && !refused.ok) throw refused.error;
      continue;
    }
    // conditional on the version and this lock, as every command; the item keeps the winner's lock (until the next commit)
    let committed: Ticket | undefined;
    try {
      committed = await decideAndCommit(ports, p, stored, { type: 'claim' }, ctx, { token, unitId: lock.unitId, unitName: lock.unitName, until: lock.until });
    } catch (e) {
      // a winner that fails gives its lock back at once, so nobody is told for ten seconds that this unit claimed it
      await ports.tickets.releaseClaimLock(p.tenantId, ticketId, token).catch(() => undefined);
      throw e;
    }
    if (committed) return committed;
  }
  throw new ConflictError('该诉求正被他人同时处理，请刷新后重试');
}

export async function ticketDetail(ports: Ports, p: Principal, ticketId: string): Promise<TicketDetailResponse> {
  const ctx = await tenantContext(ports, p.tenantId);
  const found = await ports.tickets.getWithTimeline(p.tenantId, ticketId);
  const seen = await mustSee(ports, p, found?.stored, ctx.groups);
  let stored = seen.stored;
  let timeline = found?.timeline ?? [];
  if (stored.pending) {
    // finish a transition whose effects were committed but not yet applied
    await finishEffects(ports, stored);
    const again = await ports.tickets.getWithTimeline(p.tenantId, ticketId);
    if (again) ({ stored, timeline } = again);
  }
  const now = nowIso(ports);
  const t = stored.ticket;
  const machine = { principal: p, now, policy: ctx.policy, groupUnitIds: groupUnitIdsOf(t, ctx.groups) };
  let actions = allowedCommands(t, machine);
  if (!actions.includes('message') && isOfficial(p)) {
    // an official who may message only as the enterprise's commissioner: its commissioners read (warm) only now
    const enterprise = await enterpriseFor(ports, p, t, seen.scope);
    if (enterprise) actions = allowedCommands(t, { ...machine, enterprise });
  }
  return {
    ticket: ticketShownTo(p, t, ctx.groups),
    timeline,
    actions,
    clocks: t.clocks.map((c) => viewClock(ctx.calendar, c, now)),
  };
}

export interface TicketListQuery {
  view: 'mine' | 'unit' | 'supervision' | 'leader' | 'commissioned' | 'area';
  status?: string;
  cursor?: string;
  limit: number;
}

/** A page of tickets by view: the owner's, the unit's, the leader's, or the whole tenant's (supervision). */
export async function listTickets(deps: Ports, p: Principal, q: TicketListQuery): Promise<TicketPage> {
  let view = q.view;
  if (view === 'mine') {
    if (hasRole(p, 'owner')) view = 'mine';
    else if (hasRole(p, 'officer', 'unitLead')) view = 'unit';
    else if (hasRole(p, 'leader')) view = 'leader';
    else if (hasRole(p, 'supervisor', 'admin')) view = 'supervision';
  }
  let page: TicketPage;
  if (view === 'mine') {
    if (!p.enterpriseId) page = hasRole(p, 'agent') ? await deps.tickets.deskQueue(p.tenantId, q.cursor, q.limit) : { items: [] };
    else page = await deps.tickets.byEnterprise(p.tenantId, p.enterpriseId, q.cursor, q.limit);
  } else if (view === 'unit') {
    if (!hasRole(p, 'officer', 'unitLead') || !p.unitId) throw new ForbiddenError('只有部门或镇街工作人员可以查看单位诉求');
    page = await deps.tickets.byUnit(p.tenantId, p.unitId, q.cursor, q.limit);
  } else if (view === 'commissioned') {
    if (!isOfficial(p)) throw new ForbiddenError('只有亲清特使可以查看服务企业的诉求');
    const enterprises = enterprisesCommissionedTo(p.userId, await deps.refs.list('ENT', p.tenantId));
    page = await deps.tickets.byEnterprises(p.tenantId, enterprises.map((e) => e.id), q.cursor, q.limit);
  } else if (view === 'area') {
    const [grids, areas, all] = await Promise.all([deps.refs.list('GRID', p.tenantId), deps.refs.list('AREA', p.tenantId), deps.refs.list('ENT', p.tenantId)]);
    const led = new Set(gridsOf(p.userId, grids, areas));
    if (led.size === 0) throw new ForbiddenError('只有片区负责人和网格总负责人可以查看片区诉求');
    page = await deps.tickets.byEnterprises(p.tenantId, all.filter((e) => led.has(e.gridId)).map((e) => e.id), q.cursor, q.limit);
  } else if (view === 'leader') {
    if (!hasRole(p, 'leader')) throw new ForbiddenError('只有县领导可以查看领办事项');
    page = await deps.tickets.byLeader(p.tenantId, p.userId, q.cursor, q.limit);
  } else {
    if (!hasRole(p, 'supervisor', 'admin')) throw new ForbiddenError('只有督办人员可以查看全区诉求');
    page = await deps.tickets.byTenant(p.tenantId, q.cursor, q.limit);
  }
  let items = page.items;
  if (q.status === 'open') items = items.filter((t) => isOpen(t));
  else if (q.status === 'overdue') {
    const now = deps.clock.now().toISOString();
    items = items.filter((t) => isOpen(t) && t.clocks.some((c) => !c.metAt && !c.pausedAt && c.dueAt < now));
  } else if (q.status) items = items.filter((t) => t.status === q.status);
  const groups = items.some((t) => t.similar !== undefined) ? await deps.refs.list('GROUP', p.tenantId) : [];
  return { items: items.map((t) => ticketShownTo(p, t, groups)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}


const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The ticket an intake makes: derived from caller and idempotency key, so a retry finds the same ticket. */
export const intakeTicketId = (tenantId: string, userId: string, idempotencyKey: string): string =>
  `tk${sha256(`${tenantId}|${userId}|${idempotencyKey}`).slice(0, 22)}`;

/** What an intake asked for: a retry with the same key must ask for the same (IdempotencyMismatchError otherwise). */
export const intakeRequestHash = (body: CreateTicketBody, party: { enterpriseId: string; channel: string }): string =>
  sha256(JSON.stringify([body.title, body.description, body.category, body.priority, party.enterpriseId, party.channel, ...(body.policyId ? [body.policyId] : [])]));

/**
 * The policy a consultation asks about (首问负责制): published and not expired
 * (a policy not yet in force may be asked about), else 400 naming `policyId`.
 */
async function consultedPolicy(ports: Pick<Ports, 'policies' | 'clock'>, tenantId: string, policyId: string): Promise<ConsultedPolicy> {
  const stored = await ports.policies.get(tenantId, policyId);
  const state = stored ? policyState(stored.policy, policyToday(ports.clock.now())) : 'notPublished';
  if (!stored || state === 'notPublished') throw new ValidationError([{ field: 'policyId', message: '政策不存在或未发布' }]);
  if (state === 'expired') throw new ValidationError([{ field: 'policyId', message: `政策已于 ${stored.policy.validTo ?? ''} 到期，不能再咨询` }]);
  const { policy } = stored;
  return { id: policy.id, title: policy.title, unitId: policy.unitId, unitName: policy.unitName, contact: policy.contact };
}

/**
 * Intake (企业吹哨). The ticket id is derived from the caller and the
 * idempotency key, so a retry finds the same ticket instead of making another.
 * `idScope` stands for the caller in that derivation when the request is not
 * one person's: a visit's finding (services/visits.ts) is raised under the
 * visit, so whoever taps, and however many at once, raise one ticket.
 */
export async function intake(
  ports: Ports,
  p: Principal,
  body: CreateTicketBody,
  idempotencyKey: string,
  opts: { idScope?: string } = {},
): Promise<{ ticket: Ticket; created: boolean }> {
  // a county leader raises only for an enterprise they serve as its commissioner: read it before deciding
  const commissioned = raisesOnlyAsCommissioner(p) && body.enterpriseId ? await ports.refs.enterprise(p.tenantId, body.enterpriseId) : undefined;
  const party = intakeParty(p, body, commissioned);
  const ticketId = intakeTicketId(p.tenantId, opts.idScope ?? p.userId, idempotencyKey);
  const requestHash = intakeRequestHash(body, party);

  // other enterprises' requests saying the same thing (issue 14): the warm index's read, if due, runs beside the others
  const request = { id: ticketId, enterpriseId: party.enterpriseId, category: body.category, title: body.title, description: body.description };
  const admit = async () => {
    const [enterprise, ctx, { limits }, consulted, similar] = await Promise.all([
      ports.refs.enterprise(p.tenantId, party.enterpriseId),
      tenantContext(ports, p.tenantId),
      ports.settings.rateLimits(p.tenantId),
      body.policyId ? consultedPolicy(ports, p.tenantId, body.policyId) : undefined,
      similarAtIntake(ports, p.tenantId, request),
    ]);
    if (!enterprise) throw new ValidationError([{ field: 'enterpriseId', message: '企业不存在' }]);
    // a request counts against its enterprise's budget; refused, nothing is written
    const giveBack = await enforce(ports, [{ tenantId: p.tenantId, name: 'intake', subject: party.enterpriseId, rule: limits.intakePerEnterprise }], '提交');
    return { enterprise, ctx, consulted, similar, giveBack };
  };
  // A retry is not looked for first (that would cost every intake a read): it is found by the create's condition
  // below. Refused before that (the budget spent meanwhile, the enterprise or the policy gone since the first
  // attempt), the ticket is read: when it is there, this request was its replay and is answered as one
  let admitted: Awaited<ReturnType<typeof admit>>;
  try {
    admitted = await admit();
  } catch (e) {
    const raced = e instanceof RateLimitedError || e instanceof ValidationError ? await ports.tickets.get(p.tenantId, ticketId) : undefined;
    if (raced) return finishExisting(ports, p, raced, requestHash);
    throw e;
  }
  const { enterprise, ctx, consulted, similar, giveBack } = admitted;
  const grid = await ports.refs.grid(p.tenantId, enterprise.gridId);
  const now = nowIso(ports);
  const number = await ports.tickets.nextNumber(p.tenantId, numberingYear(now));
  const input = {
    id: ticketId,
    number,
    principal: p,
    body,
    party,
    enterprise,
    townUnitId: grid?.townUnitId,
    groups: ctx.groups,
    calendar: ctx.calendar,
    policy: ctx.policy,
    now,
  };
  // a policy consultation goes straight to the policy's unit (首问负责制); any other request to the groups
  const born = consulted ? consultationBirth({ ...input, consulted }) : birth(input);
  // absent when this container's index was still loading (not looked for); [] when none was found
  const ticket: Ticket = similar === undefined ? born.ticket : { ...born.ticket, similar };
  const effects = effectsOf(ticket, actorOf(p), born.entries, born.notifications);
  if (!(await ports.tickets.create(ticket, effects, requestHash))) {
    // the ticket is there: this request is a retry of one that created it (or a concurrent attempt with the same
    // key that came second). It gives its take back, and its number while that is still the last drawn (a retry
    // alone uses none; one racing other intakes may leave a gap; failing to give it back is a gap too), and is
    // answered as a replay
    const [raced] = await Promise.all([ports.tickets.get(p.tenantId, ticketId), giveBack(), ports.tickets.returnNumber(p.tenantId, number).catch(() => undefined)]);
    if (!raced) throw new ConflictError('提交冲突，请重试');
    return finishExisting(ports, p, raced, requestHash);
  }
  await finishEffects(ports, { ticket, pending: effects, intakePending: true, requestHash });
  addToSimilarIndex(ports, ticket);
  ports.metrics.addMetric('TicketCreated', 'Count', 1);
  return { ticket: await shownTo(ports, p, ticket, ctx.groups), created: true };
}

async function finishExisting(ports: Ports, p: Principal, existing: StoredTicket, requestHash: string): Promise<{ ticket: Ticket; created: boolean }> {
  if (existing.requestHash && existing.requestHash !== requestHash) throw new IdempotencyMismatchError();
  if (existing.intakePending || existing.pending) await finishEffects(ports, existing);
  return { ticket: await shownTo(ports, p, existing.ticket), created: false };
}
