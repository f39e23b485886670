import { principalFrom } from '../services/principal.js';
import { createHash } from 'node:crypto';
import {
  actorOf,
  addWorkingMinutes,
  applyNotice,
  birth,
  buildNotice,
  clockCycle,
  COMMANDS,
  CreateTicketBody,
  dayInfo,
  decideJob,
  dueJobs,
  effectsOf,
  groupUnitIdsOf,
  guard,
  intakeParty,
  isWorkingTime,
  levelName,
  localDate,
  noticeId,
  numberingYear,
  SCHEDULER_ACTOR,
  SHANGHAI_OFFSET_MS,
  SimilarityIndex,
  type SimilarTicket,
  TaskUnitParam,
  PlanItemParam,
  transition,
  type Actor,
  type Category,
  type Channel,
  type Command,
  type CommandRequest,
  type Enterprise,
  type Notification,
  type PendingEffects,
  type Principal,
  type Priority,
  type RatingScore,
  type SupervisionLevel,
  type SupervisionNotice,
  type Ticket,
  type TicketStatus,
  type TimelineDraft,
  type Unit,
} from '@whistle/shared';
import type { ClaimLock, StoredTicket } from '../ports.js';
import { intakeRequestHash, intakeTicketId } from '../services/tickets.js';
import { type TenantContext } from '../services/tenant-context.js';
import { SIMILAR_LIMIT } from '../services/similar-requests.js';
import type { TenantData } from './demo-data.js';
import { classificationOf, keyMatterWithPlan, type StoryDistrict } from './demo-key-matter.js';
import {
  CONTACT_PREFIX,
  DECLINE_REASONS,
  DESK_ANSWER_PREFIX,
  DESK_FORWARD_NOTES,
  GENERIC_PROGRESS,
  LEADER_ONSITE,
  LEADER_REVIEW,
  OWNER_CHASERS,
  RATING_COMMENTS,
  REOPEN_REASONS,
  REOPEN_REPLIES,
  TASK_NOTES,
  TEMPLATES,
  type RequestTemplate,
} from './demo-history-content.js';

/**
 * The demo district's history, planned: about three months of requests lived
 * through the same domain code as the live system — `birth` for intake, the
 * state machine's `transition` for every command (each request body parsed by
 * the command catalogue's schema first, as the edge does), and the supervision
 * ladder (`dueJobs` → `decideJob` → `buildNotice` → `applyNotice`) for every
 * notice, on a simulated clock that moves through the tenant's working
 * calendar. Pure: the same district, context and anchor give the same plan,
 * byte for byte (a seeded PRNG, no wall clock). The loader
 * (demo-history.ts) writes it through the ports.
 *
 * Every ticket lives its own story (whom it is for, which unit takes it, how
 * fast that unit works) until the anchor: what would happen after it does not
 * happen, so tickets still open keep their running clocks and the live sweep
 * carries on from there. Units differ in diligence: a diligent unit claims,
 * calls and resolves in time and is rated well; a slow one collects notices and
 * complaints, so a ranking of units shows a clear spread.
 */

/** How far back the history reaches. */
export const HISTORY_WEEKS = 13;
/** How many requests the district raised in that time (a few may fall after the anchor and are dropped). */
export const HISTORY_TICKETS = 356;
const SEED = 'qingxi-history-v1';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * How diligent each unit of the demo district is (0 slow … 1 prompt): it sets
 * how fast the unit claims, first calls, resolves, reports and signs notices,
 * and so how it is rated and how many notices it collects.
 */
export const UNIT_DILIGENCE: Readonly<Record<string, number>> = {
  rsj: 0.95,
  swj: 0.92,
  jxw: 0.88,
  scjg: 0.82,
  dgjd: 0.8,
  fgw: 0.72,
  jrb: 0.66,
  nsz: 0.52,
  zjw: 0.45,
  ghzy: 0.32,
  xcjd: 0.26,
};

/**
 * What differs between demo districts' histories (the local stack's second district is smaller and slower):
 * how many requests, the random seed, each unit's diligence. Default: the demo district's.
 */
export interface HistoryShape {
  tickets: number;
  seed: string;
  diligence: Readonly<Record<string, number>>;
}
export const DEMO_DISTRICT_SHAPE: HistoryShape = { tickets: HISTORY_TICKETS, seed: SEED, diligence: UNIT_DILIGENCE };

// ── plan shapes ─────────────────────────────────────────────────────────────

/** One write of a ticket: its intake (no `read`) or a commit of a command or a notice. */
export interface PlannedStep {
  /** the ticket as this step leaves it */
  ticket: Ticket;
  effects: PendingEffects;
  /** the ticket as the commit read it (its version and claim lock are the commit's condition) */
  read?: StoredTicket;
  /** a claim's own commit keeps its winner's lock, as the claim service does */
  claimLock?: ClaimLock;
  /** the 督办单 this step issues (written before the commit, as the escalation worker does) */
  notice?: { notice: SupervisionNotice; cycle: number };
  /** signatures of that notice by the addressed unit */
  acks: Array<{ noticeId: string; userId: string; at: string }>;
}

export interface PlannedTicket {
  id: string;
  createdAt: string;
  requestHash: string;
  steps: PlannedStep[];
}

/** The readable numbers the loader drew from the tenant's counters, by ticket id and notice id. */
export interface HistoryNumbers {
  tickets: Record<string, string>;
  notices: Record<string, string>;
}

export interface HistoryStats {
  statuses: Record<TicketStatus, number>;
  commands: Record<string, number>;
  notices: Record<SupervisionLevel, number>;
  ratings: Record<RatingScore, number>;
  /** claims that came after the winner's (refused by the machine's guard: nothing written, as in the live system) */
  claimsLost: number;
  acknowledged: number;
  /** commands the machine refused that the story expected to pass (a bug in the story; 0) */
  refused: string[];
}

export interface HistoryPlan {
  anchor: string;
  /** in creation order */
  tickets: PlannedTicket[];
  /** every notice, in issue order (for numbering) */
  notices: Array<{ id: string; issuedAt: string }>;
  stats: HistoryStats;
}

// ── a seeded PRNG ───────────────────────────────────────────────────────────

/** mulberry32: a tiny 32-bit PRNG, plenty for invented history. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: the seed of a named stream. */
const fnv = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

export class Rng {
  private readonly next: () => number;
  constructor(name: string) {
    this.next = mulberry32(fnv(name));
  }
  float(): number {
    return this.next();
  }
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** an integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.next() * xs.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  }
  weighted<T>(xs: ReadonlyArray<readonly [T, number]>): T {
    const total = xs.reduce((s, [, w]) => s + Math.max(0, w), 0);
    let r = this.next() * total;
    for (const [x, w] of xs) {
      r -= Math.max(0, w);
      if (r < 0) return x;
    }
    const last = xs.at(-1);
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
}

// ── the district as the stories see it ──────────────────────────────────────

type Scenario = 'answer' | 'coordinate' | 'info' | 'orphan' | 'transfer' | 'joint' | 'leader';

interface TicketSeed {
  index: number;
  at: number;
  enterprise: Enterprise;
  ownerId: string;
  creatorId: string;
  channel?: Channel;
  town: string;
  template: RequestTemplate;
  vars: Record<string, number>;
  priority: Priority;
  scenario: Scenario;
  /** raised in the last working week before the anchor */
  recent: boolean;
  /** the district's key matter with a plan (demo-key-matter.ts) */
  showcase?: boolean;
}

class District {
  readonly principals = new Map<string, Principal>();
  readonly units = new Map<string, Unit>();
  readonly notices: Array<{ id: string; issuedAt: string }> = [];
  readonly stats: HistoryStats = {
    statuses: { published: 0, claimed: 0, waitingEnterprise: 0, resolved: 0, closed: 0 },
    commands: {},
    notices: { reminder: 0, urge: 0, warning: 0 },
    ratings: { satisfied: 0, fair: 0, unsatisfied: 0 },
    claimsLost: 0,
    acknowledged: 0,
    refused: [],
  };

  constructor(
    readonly data: TenantData,
    readonly ctx: TenantContext,
    readonly now: number,
    private readonly numbers: HistoryNumbers | undefined,
    readonly shape: HistoryShape = DEMO_DISTRICT_SHAPE,
  ) {
    for (const u of data.units) this.units.set(u.id, u);
    for (const user of data.users) {
      // the caller as the API builds it from the user and the user's unit
      this.principals.set(user.id, principalFrom(user, user.unitId ? this.units.get(user.unitId) : undefined));
    }
  }

  /** the requests raised so far, in order (each story is told from its intake: the earlier ones are all in) */
  private readonly similarIndex = new SimilarityIndex();
  private readonly shownForSimilar = new Map<string, { number: string; enterpriseName: string }>();

  /** What a warm intake stores of the request's look-alikes from other enterprises (services/similar-requests.ts). */
  similarAtIntake(t: Ticket): SimilarTicket[] {
    return this.similarIndex.similar(t, { limit: SIMILAR_LIMIT }).flatMap((m) => {
      const shown = this.shownForSimilar.get(m.id);
      return shown ? [{ ticketId: m.id, number: shown.number, enterpriseName: shown.enterpriseName, title: m.title, score: Math.round(m.score * 1000) / 1000 }] : [];
    });
  }

  rememberForSimilar(t: Ticket): void {
    this.similarIndex.add(t);
    this.shownForSimilar.set(t.id, { number: t.number, enterpriseName: t.enterpriseName });
  }

  /** how diligent a unit is (0 slow … 1 prompt) */
  diligence(unitId: string): number {
    return this.shape.diligence[unitId] ?? 0.6;
  }

  principal(userId: string): Principal {
    const p = this.principals.get(userId);
    if (!p) throw new Error(`demo history: no user ${userId}`);
    return p;
  }

  unitRef(unitId: string) {
    const unit = this.units.get(unitId);
    if (!unit) throw new Error(`demo history: no unit ${unitId}`);
    return { id: unit.id, name: unit.name };
  }

  /**
   * A command as the API takes it: its body (and path parameters) parsed by the
   * catalogue's schemas, then its ids resolved to units and people, as
   * services/tickets.ts#resolveCommand does.
   */
  command(req: CommandRequest): Command {
    const { type, ...rest } = req as CommandRequest & Record<string, unknown>;
    const spec = COMMANDS[type];
    let parsed: Record<string, unknown> = {};
    if (type === 'taskDone') {
      const { unitId, ...body } = rest;
      parsed = { ...TaskUnitParam.parse({ unitId }), ...('body' in spec ? (spec.body.parse(body) as Record<string, unknown>) : {}) };
    } else if (type === 'itemDone' || type === 'itemDue') {
      const { itemId, ...body } = rest;
      parsed = { ...PlanItemParam.parse({ itemId }), ...('body' in spec ? (spec.body.parse(body) as Record<string, unknown>) : {}) };
    } else if ('body' in spec) parsed = spec.body.parse(rest) as Record<string, unknown>;
    const r = { type, ...parsed } as CommandRequest;
    switch (r.type) {
      case 'assign':
        return { type: 'assign', unit: this.unitRef(r.unitId) };
      case 'transfer':
        return { type: 'transfer', unit: this.unitRef(r.unitId), reason: r.reason };
      case 'joint':
        return { type: 'joint', lead: this.unitRef(r.leadUnitId), coUnits: r.coUnits.map((c) => ({ unit: this.unitRef(c.unitId), task: c.task })) };
      case 'lead': {
        const leader = this.principal(r.leaderUserId);
        if (!leader.roles.includes('leader')) throw new Error(`demo history: ${r.leaderUserId} is no leader`);
        return { type: 'lead', leader: { userId: leader.userId, name: leader.name } };
      }
      case 'progress':
        return { type: 'progress', text: r.text, ...(r.cadence ? { cadence: r.cadence } : {}) };
      case 'taskDone':
        return { type: 'taskDone', unitId: r.unitId, ...(r.note ? { note: r.note } : {}) };
      case 'plan':
        return { type: 'plan', coUnits: r.coUnitIds.map((u) => this.unitRef(u)), items: r.items.map((i) => ({ title: i.title, owner: this.unitRef(i.ownerUnitId), dueDate: i.dueDate })) };
      case 'addItem':
        return { type: 'addItem', title: r.title, owner: this.unitRef(r.ownerUnitId), dueDate: r.dueDate };
      case 'itemDone':
        return { type: 'itemDone', itemId: r.itemId, ...(r.note ? { note: r.note } : {}) };
      case 'rate':
        return { type: 'rate', score: r.score, ...(r.comment ? { comment: r.comment } : {}) };
      case 'deskForward':
        return { type: 'deskForward', ...(r.text ? { text: r.text } : {}) };
      default:
        return r;
    }
  }

  ticketNumber(id: string, createdAt: string): string {
    if (!this.numbers) return `${numberingYear(createdAt)}-000000`;
    const n = this.numbers.tickets[id];
    if (!n) throw new Error(`demo history: no number drawn for ticket ${id}`);
    return n;
  }

  noticeNumber(id: string, issuedAt: string): string {
    if (!this.numbers) return `DB${numberingYear(issuedAt)}-000000`;
    const n = this.numbers.notices[id];
    if (!n) throw new Error(`demo history: no number drawn for notice ${id}`);
    return n;
  }

  // ── time on the district's calendar ──

  /** `minutes` working minutes after `t` (from the next working period when `t` is out of hours) */
  work(t: number, minutes: number): number {
    return Date.parse(addWorkingMinutes(this.ctx.calendar, t, Math.max(0, Math.round(minutes))).dueAt);
  }

  /** an officer acts in office hours: `t`, or a little after the next working period starts */
  office(t: number, rng: Rng): number {
    return isWorkingTime(this.ctx.calendar, t) ? t : this.work(t, rng.int(4, 45));
  }

  /** an owner acts between 08:00 and 22:00 local time, any day */
  owner(t: number, rng: Rng): number {
    const local = t + SHANGHAI_OFFSET_MS;
    const hour = (((local % DAY) + DAY) % DAY) / HOUR;
    if (hour >= 8 && hour < 22) return t;
    const midnight = local - (((local % DAY) + DAY) % DAY) - SHANGHAI_OFFSET_MS;
    const morning = midnight + (hour >= 22 ? DAY : 0) + 8 * HOUR;
    return morning + rng.int(5, 150) * MINUTE;
  }
}

/** The sweep runs every minute and the worker right after: a step due at `t` is issued at the next minute, plus a moment. */
const sweepAt = (due: number): number => Math.ceil(due / MINUTE) * MINUTE + 2_000;

/** A claim lock's token, stable per ticket and version (the live service draws a random one). */
const lockToken = (ticketId: string, version: number): string => {
  const h = createHash('sha256').update(`${SEED}|${ticketId}|${version}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** The district's calendar as the key matter's story needs it (no randomness: office hours rounded on). */
const storyDistrict = (d: District): StoryDistrict => ({
  now: d.now,
  calendar: d.ctx.calendar,
  work: (t, minutes) => d.work(t, minutes),
  officeAt: (t) => (isWorkingTime(d.ctx.calendar, t) ? t : d.work(t, 10)),
});

/** The simulation horizon: the next action of a story would come after the anchor. */
class Horizon extends Error {}

/** One ticket's life: each step decided by the domain, recorded as the write the live system makes. */
class TicketSim {
  readonly steps: PlannedStep[] = [];
  private t!: Ticket;
  private lock: ClaimLock | undefined;
  private requestHash = '';
  private last = 0;
  /** notices recorded on each unit (they weigh on the owner's rating) */
  readonly unitNotices = new Map<string, number>();

  constructor(
    readonly d: District,
    readonly rng: Rng,
    readonly seed: TicketSeed,
  ) {}

  get ticket(): Ticket {
    return this.t;
  }
  /** the time of the last step */
  get at(): number {
    return this.last;
  }

  /** 企业吹哨: the request as intake takes it, born published. */
  intake(): void {
    const s = this.seed;
    const p = this.d.principal(s.creatorId);
    const body = CreateTicketBody.parse({
      title: fill(s.template.title, s.vars),
      description: fill(s.template.description, s.vars),
      category: s.template.category,
      priority: s.priority,
      ...(p.roles.includes('owner') ? {} : { enterpriseId: s.enterprise.id, ...(s.channel ? { channel: s.channel } : {}) }),
    });
    const party = intakeParty(p, body);
    const id = intakeTicketId(p.tenantId, p.userId, `demo-history-${String(s.index).padStart(4, '0')}`);
    const grid = this.d.data.grids.find((g) => g.id === s.enterprise.gridId);
    const now = iso(s.at);
    const born = birth({
      id,
      number: this.d.ticketNumber(id, now),
      principal: p,
      body,
      party,
      enterprise: s.enterprise,
      townUnitId: grid?.townUnitId,
      groups: this.d.ctx.groups,
      calendar: this.d.ctx.calendar,
      policy: this.d.ctx.policy,
      now,
    });
    this.requestHash = intakeRequestHash(body, party);
    // the requests of other enterprises that say the same thing, as a warm intake stores them (相似诉求)
    const similar = this.d.similarAtIntake(born.ticket);
    this.t = { ...born.ticket, ...(similar.length > 0 ? { similar } : {}) };
    this.d.rememberForSimilar(this.t);
    this.last = s.at;
    this.steps.push({ ticket: this.t, effects: effectsOf(this.t, actorOf(p), born.entries, born.notifications), acks: [] });
  }

  /**
   * Issues a command at `at` (no sooner than a minute after the last step),
   * after every supervision step that fell due before it. Past the anchor the
   * story stops (Horizon). False when the machine refused (recorded: a story bug).
   */
  act(at: number, userId: string, req: CommandRequest): boolean {
    let when = Math.max(Math.round(at / 1000) * 1000, this.last + MINUTE);
    if (when > this.d.now) throw new Horizon();
    this.escalate(when);
    when = Math.max(when, this.last);
    const p = this.d.principal(userId);
    const command = this.d.command(req);
    const result = transition(this.t, command, {
      principal: p,
      now: iso(when),
      calendar: this.d.ctx.calendar,
      policy: this.d.ctx.policy,
      groupUnitIds: groupUnitIdsOf(this.t, this.d.ctx.groups),
    });
    if (!result.ok) {
      this.d.stats.refused.push(`${this.seed.index} ${req.type} by ${userId}: ${result.error.message}`);
      return false;
    }
    if (result.replay) return true;
    const claimLock =
      command.type === 'claim'
        ? { token: lockToken(this.t.id, result.ticket.version), unitId: p.unitId ?? '', unitName: p.unitName ?? p.unitId ?? '', until: iso(when + 10_000) }
        : undefined;
    this.commit(result.ticket, actorOf(p), result.entries, result.notifications, claimLock ? { claimLock } : {});
    this.d.stats.commands[req.type] = (this.d.stats.commands[req.type] ?? 0) + 1;
    return true;
  }

  /** A claim that comes after the winner's: the machine's guard refuses it, nothing is written (as a lost claim in the live system). */
  claimLost(at: number, userId: string): void {
    if (at > this.d.now) return;
    const refused = guard('claim', this.t, {
      principal: this.d.principal(userId),
      now: iso(at),
      policy: this.d.ctx.policy,
      groupUnitIds: groupUnitIdsOf(this.t, this.d.ctx.groups),
    });
    if (refused && !refused.ok) this.d.stats.claimsLost++;
  }

  /** Runs the supervision ladder up to the anchor: the history ends where the live sweep takes over. */
  finish(): PlannedTicket {
    this.escalate(this.d.now);
    this.d.stats.statuses[this.t.status]++;
    if (this.t.rating) this.d.stats.ratings[this.t.rating.score]++;
    return { id: this.t.id, createdAt: this.steps[0]?.ticket.createdAt ?? iso(this.seed.at), requestHash: this.requestHash, steps: this.steps };
  }

  private commit(next: Ticket, actor: Actor, entries: TimelineDraft[], notifications: Notification[], opts: { claimLock?: ClaimLock; notice?: PlannedStep['notice'] } = {}): PlannedStep {
    const read: StoredTicket = { ticket: this.t, requestHash: this.requestHash, ...(this.lock ? { claimLock: this.lock } : {}) };
    const step: PlannedStep = {
      ticket: next,
      effects: effectsOf(next, actor, entries, notifications),
      read,
      ...(opts.claimLock ? { claimLock: opts.claimLock } : {}),
      ...(opts.notice ? { notice: opts.notice } : {}),
      acks: [],
    };
    this.steps.push(step);
    // the repository's rule: the claim's own lock stays on the item, another lock only while it stays published
    this.lock = opts.claimLock ?? (next.status === 'published' ? this.lock : undefined);
    this.t = next;
    this.last = Date.parse(next.updatedAt);
    return step;
  }

  /** What the sweep and the escalation worker do (services/sweep.ts, escalation.ts#applyJob), for every step due by `limit`. */
  private escalate(limit: number): void {
    const { calendar, policy, groups } = this.d.ctx;
    for (let n = 0; n < 200; n++) {
      const jobs = dueJobs(this.t, iso(limit)).sort((a, b) => (a.dueAt === b.dueAt ? (a.clockId < b.clockId ? -1 : 1) : a.dueAt < b.dueAt ? -1 : 1));
      const job = jobs[0];
      if (!job) return;
      const at = sweepAt(Date.parse(job.dueAt));
      if (at > limit) return;
      const now = iso(at);
      const decision = decideJob(this.t, job, now);
      if (decision.kind === 'drop') throw new Error(`demo history: a due job was dropped (${decision.reason})`);
      const clock = decision.clock;
      const cycle = clockCycle(clock);
      const id = noticeId(this.t.id, clock.id, cycle, levelName(job.level));
      const notice = buildNotice(this.t, clock, job.level, groups, this.d.noticeNumber(id, now), now);
      const result = applyNotice(this.t, notice, job.level, { calendar, policy, groups, now });
      const step = this.commit(result.ticket, SCHEDULER_ACTOR, result.entries, result.notifications, { notice: { notice, cycle } });
      this.d.notices.push({ id, issuedAt: now });
      this.d.stats.notices[notice.level]++;
      if (notice.unitId) {
        this.unitNotices.set(notice.unitId, (this.unitNotices.get(notice.unitId) ?? 0) + 1);
        this.planAck(step, notice, at);
      }
    }
    throw new Error('demo history: a ticket kept escalating');
  }

  /** The addressed unit signs the notice (签收): a diligent unit soon, a slow one late or never. */
  private planAck(step: PlannedStep, notice: SupervisionNotice, at: number): void {
    const unitId = notice.unitId;
    if (!unitId) return;
    const dil = this.d.diligence(unitId);
    if (!this.rng.chance(0.2 + 0.75 * dil)) return;
    const ackAt = this.d.office(this.d.work(at, this.rng.int(5, 40 + Math.round((1 - dil) * 700))), this.rng);
    if (ackAt > this.d.now) return;
    const userId = notice.level === 'reminder' ? `officer-${unitId}` : `lead-${unitId}`;
    step.acks.push({ noticeId: notice.id, userId, at: iso(ackAt) });
    this.d.stats.acknowledged++;
  }
}

const fill = (text: string, vars: Record<string, number>): string => text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

// ── the schedule: who raised what, when ─────────────────────────────────────

const CATEGORY_WEIGHTS: Record<Category, number> = { finance: 12, talent: 15, land: 8, permits: 13, policy: 18, utilities: 11, market: 12, other: 11 };

function categoryWeights(e: Enterprise): Array<[Category, number]> {
  return (Object.entries(CATEGORY_WEIGHTS) as Array<[Category, number]>).map(([c, w]) => {
    let x = w;
    if (c === 'finance' && e.tier === 'struggling') x *= 2.5;
    if (c === 'market' && e.industry === 'logistics') x *= 2;
    if (c === 'permits' && (e.industry === 'chemicals' || e.industry === 'food')) x *= 1.8;
    if (c === 'land' && (e.tier === 'leading' || e.tier === 'backbone')) x *= 1.6;
    if (c === 'talent' && (e.industry === 'textiles' || e.industry === 'electronics')) x *= 1.7;
    return [c, x];
  });
}

const localMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

function schedule(d: District): TicketSeed[] {
  const rng = new Rng(`${d.shape.seed}:schedule`);
  const cal = d.ctx.calendar;
  const start = d.now - HISTORY_WEEKS * 7 * DAY;
  const days: string[] = [];
  for (let day = localDate(start); day <= localDate(d.now); day = nextDate(day)) days.push(day);
  // more requests as the platform catches on; few on days off (those go to the desk)
  const dayWeights = days.map((day, i) => [day, (dayInfo(cal, day).working ? 1 : 0.12) * (0.8 + (0.4 * i) / Math.max(1, days.length - 1))] as const);
  const times: number[] = [];
  for (let k = 0; k < d.shape.tickets; k++) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const day = rng.weighted(dayWeights);
      let minute: number;
      if (dayInfo(cal, day).working) {
        if (rng.chance(0.86)) {
          const m = rng.int(0, 414);
          minute = m < 175 ? 9 * 60 + m : 13 * 60 + 30 + (m - 175);
        } else minute = rng.chance(0.65) ? rng.int(17 * 60 + 35, 22 * 60 + 30) : rng.int(7 * 60 + 20, 8 * 60 + 50);
      } else minute = rng.int(8 * 60 + 30, 21 * 60 + 30);
      const at = localMidnight(day) + minute * MINUTE + rng.int(0, 59) * 1000;
      if (at >= start && at <= d.now - 2 * MINUTE) {
        times.push(at);
        break;
      }
    }
  }
  times.sort((a, b) => a - b);

  // the last five working days before the anchor (and the anchor's own day)
  let recentFrom = localMidnight(localDate(d.now));
  for (let n = 0; n < 5; ) {
    recentFrom -= DAY;
    if (dayInfo(cal, localDate(recentFrom)).working) n++;
  }
  const owners = new Map(d.data.users.filter((u) => u.enterpriseId).map((u) => [u.enterpriseId ?? '', u.id]));
  const enterprises = d.data.enterprises.map((e) => [e, { leading: 3, backbone: 2, growth: 1.4, struggling: 1.6 }[e.tier]] as const);
  const hard = TEMPLATES.filter((t) => t.joint);
  return times.map((at, index) => {
    const enterprise = rng.weighted(enterprises);
    const ownerId = owners.get(enterprise.id) ?? '';
    const town = d.data.grids.find((g) => g.id === enterprise.gridId)?.townUnitId ?? 'dgjd';
    const inHours = isWorkingTime(cal, at);
    const recent = at >= recentFrom;
    let scenario: Scenario;
    let template: RequestTemplate;
    if (index % 19 === 7 || index % 31 === 13) {
      scenario = index % 31 === 13 ? 'leader' : 'joint';
      template = rng.pick(hard);
    } else {
      const category = rng.weighted(categoryWeights(enterprise));
      template = rng.pick(TEMPLATES.filter((t) => t.category === category));
      scenario = rng.weighted<Scenario>([
        ['answer', template.consult ? 62 : 40],
        ['coordinate', template.consult ? 14 : 30],
        ['info', 10],
        ['orphan', recent ? 30 : 6],
        ['transfer', 4],
      ]);
    }
    const vars = Object.fromEntries(Object.entries(template.vars ?? {}).map(([k, [lo, hi]]) => [k, rng.int(lo, hi)]));
    const priority: Priority = inHours && scenario !== 'joint' && scenario !== 'leader' && rng.chance(0.07) ? 'urgent' : 'normal';
    // out of hours only the owners themselves write; in hours grid officers raise what they hear on visits,
    // and the supervisor what comes in on the 12345 hotline or at symposiums
    let creatorId = ownerId;
    let channel: Channel | undefined;
    if (inHours) {
      const who = rng.weighted([['owner', 74], ['grid', 16], ['supervisor', 10]] as const);
      if (who === 'grid') {
        creatorId = `grid-${enterprise.gridId}`;
        channel = 'visit';
      } else if (who === 'supervisor') {
        creatorId = 'supervisor';
        channel = rng.chance(0.5) ? 'hotline' : 'symposium';
      }
    }
    return { index, at, enterprise, ownerId, creatorId, ...(channel ? { channel } : {}), town, template, vars, priority, scenario, recent };
  });
}

// ── the stories ─────────────────────────────────────────────────────────────

const LEADER_FOR: Record<Category, string> = {
  land: 'leader-zhang',
  utilities: 'leader-zhang',
  permits: 'leader-zhang',
  other: 'leader-zhang',
  finance: 'leader-li',
  talent: 'leader-li',
  policy: 'leader-li',
  market: 'leader-li',
};

/** The unit's people: mostly its officer, sometimes its lead. */
const staff = (rng: Rng, unitId: string, leadShare = 0.2) => (rng.chance(leadShare) ? `lead-${unitId}` : `officer-${unitId}`);

function story(s: TicketSim): void {
  const { d, rng, seed } = s;
  const tpl = seed.template;
  const v = seed.vars;

  // 1. out of hours the desk sees it first: answers a consultation, or forwards it to the units
  if (s.ticket.desk) {
    const agent = dayInfo(d.ctx.calendar, localDate(seed.at)).working ? 'agent-1' : 'agent-2';
    const at = seed.at + rng.int(4, 35) * MINUTE;
    if (tpl.consult && seed.scenario === 'answer' && rng.chance(0.8)) {
      s.act(at, agent, { type: 'deskAnswer', text: `${DESK_ANSWER_PREFIX}${fill(tpl.answer, v)}` });
      closing(s, undefined);
      return;
    }
    s.act(at, agent, { type: 'deskForward', text: rng.pick(DESK_FORWARD_NOTES) });
  }

  // 2. who takes it: the competent unit among the groups' members claims, others may race and lose, some decline
  const members = groupUnitIdsOf(s.ticket, d.ctx.groups);
  const competent = [...new Set(tpl.units.map((u) => (u === '@town' ? seed.town : u)))];
  const first = competent[0] ?? 'jxw';
  const generalist = members.includes(seed.town) && seed.town !== first ? seed.town : first !== 'jxw' ? 'jxw' : undefined;
  let scenario = seed.scenario;
  if (scenario === 'transfer' && !generalist) scenario = 'coordinate';
  const claimant = scenario === 'transfer' ? (generalist ?? first) : (competent.find((u) => members.includes(u)) ?? (members.includes(seed.town) ? seed.town : 'jxw'));
  const from = Math.max(s.at, d.work(s.at, 0));
  const urgent = seed.priority === 'urgent';

  const declinable = members.filter((u) => u !== claimant && !competent.includes(u));
  if (declinable.length > 0 && rng.chance(scenario === 'orphan' ? 0.6 : 0.1)) {
    const decliner = rng.weighted(declinable.map((u) => [u, 1.2 - d.diligence(u)] as const));
    s.act(d.work(from, rng.int(5, 40)), staff(rng, decliner), { type: 'decline', reason: rng.pick(DECLINE_REASONS) });
  }

  let handler: string;
  if (scenario === 'orphan') {
    // nobody claims: the ladder reminds the groups' units, then asks the supervisor, who assigns the competent unit
    const claimDue = Date.parse(s.ticket.clocks.find((c) => c.kind === 'claim')?.dueAt ?? iso(s.at));
    const late = seed.recent && rng.chance(0.6);
    s.act(d.office(d.work(claimDue, late ? 840 + rng.int(120, 900) : 420 + rng.int(30, 300)), rng), 'supervisor', { type: 'assign', unitId: first });
    handler = first;
    // then handled like any other: answered at once, or coordinated
    scenario = tpl.consult && rng.chance(0.6) ? 'answer' : 'coordinate';
  } else {
    const dil = d.diligence(claimant);
    const delay = urgent ? rng.between(3, 10 + (1 - dil) * 60) : (6 + (1 - dil) * 210) * rng.between(0.3, 1.7) * (rng.chance((1 - dil) * 0.25) ? 3.5 : 1);
    const claimAt = Math.max(s.at + MINUTE, urgent ? from + delay * MINUTE : d.work(from, delay));
    s.act(claimAt, staff(rng, claimant, 0.15), { type: 'claim' });
    // racing units: their claims come after the winner's and lose
    if (rng.chance(0.22)) {
      const racers = members.filter((u) => u !== claimant && !s.ticket.declinedUnitIds.includes(u));
      for (let i = rng.int(1, 2); i > 0 && racers.length > 0; i--) {
        const racer = racers.splice(rng.int(0, racers.length - 1), 1)[0] ?? '';
        s.claimLost(s.at + rng.int(1, 90) * 1000, staff(rng, racer, 0.3));
      }
    }
    handler = claimant;
  }

  // 3. handling
  if (scenario === 'transfer') {
    contact(s, handler);
    const to = first === handler ? (competent[1] ?? 'fgw') : first;
    s.act(d.office(d.work(s.at, rng.int(60, 600)), rng), `officer-${handler}`, {
      type: 'transfer',
      unitId: to,
      reason: `经研判，该事项主要涉及${d.unitRef(to).name}职能，移交其承办，本单位配合做好相关工作。`,
    });
    handler = to;
    coordinate(s, handler, false);
  } else if (scenario === 'answer') {
    const dil = d.diligence(handler);
    const minutes = urgent ? rng.between(10, 60 + (1 - dil) * 300) : (20 + (1 - dil) * 520) * rng.between(0.3, 1.7);
    const resolveAt = d.work(s.at, minutes);
    if (rng.chance(0.55)) contact(s, handler, resolveAt);
    s.act(resolveAt, staff(rng, handler), { type: 'resolve', kind: 'answered', summary: fill(tpl.answer, v) });
  } else if (scenario === 'coordinate') {
    coordinate(s, handler, true);
  } else if (scenario === 'info') {
    if (rng.chance(0.5)) contact(s, handler);
    s.act(d.office(d.work(s.at, rng.int(10, 240)), rng), `officer-${handler}`, { type: 'requestInfo', text: fill(tpl.info[0], v) });
    const wait = seed.recent && rng.chance(0.4) ? rng.between(3, 9) * DAY : rng.between(2, 60) * HOUR;
    s.act(d.owner(s.at + wait, rng), seed.ownerId, { type: 'message', text: fill(tpl.info[1], v) });
    const dil = d.diligence(handler);
    s.act(d.work(s.at, (0.3 + (1 - dil) * 3) * rng.between(0.5, 1.5) * 420), staff(rng, handler), { type: 'resolve', kind: 'resolved', summary: fill(tpl.resolution, v) });
  } else if (seed.showcase) {
    // open at the anchor: nothing to rate
    keyMatterWithPlan(s, storyDistrict(d), handler, seed.town, LEADER_FOR[tpl.category]);
    return;
  } else {
    hardMatter(s, handler, scenario === 'leader');
  }
  closing(s, handler);
}

/** The first contact (首次联系企业): soon for a diligent unit, after the 24-hour clock for a slow one. */
function contact(s: TicketSim, unitId: string, before?: number): void {
  const { d, rng, seed } = s;
  const dil = d.diligence(unitId);
  const hours = seed.priority === 'urgent' ? (0.3 + (1 - dil) * 6) * rng.between(0.4, 1.7) : (0.5 + (1 - dil) * 32) * rng.between(0.3, 1.7);
  const at = d.office(s.at + hours * HOUR, rng);
  if (before !== undefined && at >= before) return;
  s.act(at, `officer-${unitId}`, { type: 'message', text: `${CONTACT_PREFIX(d.unitRef(unitId).name)}${fill(seed.template.contact, seed.vars)}` });
}

/** 协调解决: a call, perhaps a progress note and the owner chasing, then the outcome; slow units pass the 3-day clock. */
function coordinate(s: TicketSim, unitId: string, callFirst: boolean): void {
  const { d, rng, seed } = s;
  const start = s.at;
  if (callFirst || !s.ticket.clocks.some((c) => c.kind === 'contact' && c.metAt)) contact(s, unitId);
  const dil = d.diligence(unitId);
  const days = seed.priority === 'urgent' ? rng.between(0.2, 0.6 + (1 - dil) * 2) : (0.8 + (1 - dil) * 5.5) * rng.between(0.45, 1.55);
  const resolveAt = d.work(start, days * 420);
  const events: Array<{ at: number; userId: string; req: CommandRequest }> = [];
  if (days > 1.5 && rng.chance(0.45)) {
    events.push({ at: d.office(d.work(start, days * 210), rng), userId: `officer-${unitId}`, req: { type: 'progress', text: fill(rng.pick(seed.template.progress), seed.vars) } });
  }
  if (days > 2.5 && rng.chance(0.6)) {
    events.push({ at: d.owner(start + rng.between(2, 4) * DAY, rng), userId: seed.ownerId, req: { type: 'message', text: rng.pick(OWNER_CHASERS) } });
  }
  for (const e of events.sort((a, b) => a.at - b.at)) if (e.at < resolveAt) s.act(e.at, e.userId, e.req);
  s.act(resolveAt, staff(rng, unitId), { type: 'resolve', kind: 'resolved', summary: fill(seed.template.resolution, seed.vars) });
}

/**
 * A hard matter: joint handling (a lead unit and co-units with tasks on their own clocks), weekly progress
 * reports on the progress clock, and for a leader-led one (领导领办) a county leader who takes it, reports and
 * goes on site. Slow co-units finish late and slow lead units report late: the ladder sees both.
 */
function hardMatter(s: TicketSim, unitId: string, leaderLed: boolean): void {
  const { d, rng, seed } = s;
  const tpl = seed.template;
  contact(s, unitId);
  const dil = d.diligence(unitId);
  const joint = !leaderLed || rng.chance(0.55);
  const events: Array<{ at: number; run: (at: number) => void }> = [];
  let end = s.at;
  let progressFrom = s.at;

  if (joint) {
    const jointAt = d.office(d.work(s.at, rng.int(60, 900)), rng);
    const coUnits = [...new Map((tpl.joint ?? []).map(([u, task]) => [u === '@town' ? seed.town : u, task] as const)).entries()]
      .filter(([u]) => u !== unitId)
      .map(([u, task]) => ({ unitId: u, task }));
    if (coUnits.length === 0) coUnits.push({ unitId: unitId === 'jxw' ? 'fgw' : 'jxw', task: '配合牵头单位研究解决方案并出具意见' });
    s.act(jointAt, rng.chance(0.7) ? `officer-${unitId}` : 'supervisor', { type: 'joint', leadUnitId: unitId, coUnits });
    progressFrom = s.at;
    for (const co of coUnits) {
      const coDil = d.diligence(co.unitId);
      const doneAt = d.office(d.work(s.at, (0.6 + (1 - coDil) * 5) * rng.between(0.5, 1.5) * 420), rng);
      end = Math.max(end, doneAt);
      events.push({ at: doneAt, run: (at) => s.act(at, `officer-${co.unitId}`, { type: 'taskDone', unitId: co.unitId, note: rng.pick(TASK_NOTES) }) });
    }
  }
  if (leaderLed) {
    const leader = LEADER_FOR[tpl.category];
    const leaderName = d.principal(leader).name;
    const leadAt = d.office(d.work(Math.max(s.at, progressFrom), rng.int(300, 2500)), rng);
    events.push({ at: leadAt, run: (at) => s.act(at, leader, { type: 'lead', leaderUserId: leader }) });
    const onsiteAt = d.office(leadAt + rng.between(18, 40) * DAY, rng);
    events.push({ at: onsiteAt, run: (at) => s.act(at, leader, { type: 'progress', text: LEADER_ONSITE(leaderName), cadence: 'onsite' }) });
    end = Math.max(end, leadAt + rng.between(25, 65) * DAY);
    if (rng.chance(0.3)) {
      const reviewAt = d.office(leadAt + rng.between(45, 70) * DAY, rng);
      events.push({ at: reviewAt, run: (at) => s.act(at, leader, { type: 'progress', text: LEADER_REVIEW(leaderName), cadence: 'review' }) });
      end = Math.max(end, reviewAt + DAY);
    }
  }
  const resolveAt = d.office(d.work(end, rng.int(60, 900)), rng);
  // the weekly report (a slow lead unit reports late: the progress clock escalates); none before there is a progress clock
  let note = 0;
  for (let at = progressFrom; ; ) {
    at = d.office(at + 7 * DAY * (0.72 + (1 - dil) * 0.75 * rng.float()), rng);
    if (at >= resolveAt) break;
    const text = fill(tpl.progress[note] ?? rng.pick(GENERIC_PROGRESS), seed.vars);
    note++;
    events.push({ at, run: (t) => s.act(t, staff(rng, unitId, 0.25), { type: 'progress', text }) });
  }
  events.sort((a, b) => a.at - b.at);
  for (const e of events) e.run(e.at);
  s.act(resolveAt, staff(rng, unitId, 0.4), { type: 'resolve', kind: 'resolved', summary: fill(tpl.resolution, seed.vars) });
}

/** After the outcome: the owner rates it (how well depends on the unit and the notices it drew), reopens it, or never comes back. */
function closing(s: TicketSim, handler: string | undefined, mayReopen = true): void {
  const { d, rng, seed } = s;
  const dil = handler ? d.diligence(handler) : 0.85;
  const notices = handler ? (s.unitNotices.get(handler) ?? 0) : 0;
  const e = Math.min(1, Math.max(0, dil - 0.07 * notices - (s.ticket.reopenCount > 0 ? 0.15 : 0)));
  if (handler && mayReopen && rng.chance(0.025 + 0.12 * (1 - e))) {
    s.act(d.owner(s.at + rng.between(6, 110) * HOUR, rng), seed.ownerId, { type: 'reopen', reason: rng.pick(REOPEN_REASONS) });
    if (rng.chance(0.6)) {
      s.act(d.office(s.at + rng.between(0.5, 6 + (1 - dil) * 30) * HOUR, rng), `officer-${handler}`, {
        type: 'message',
        text: `${CONTACT_PREFIX(d.unitRef(handler).name)}${rng.pick(REOPEN_REPLIES)}`,
      });
    }
    s.act(d.work(s.at, (0.5 + (1 - dil) * 3) * rng.between(0.5, 1.5) * 420), staff(rng, handler, 0.5), {
      type: 'resolve',
      kind: 'resolved',
      summary: `重新办理：${fill(seed.template.resolution, seed.vars)}`,
    });
    closing(s, handler, false);
    return;
  }
  if (!rng.chance(0.9)) return;
  const pSat = 0.2 + 0.75 * e;
  const pUnsat = 0.25 * (1 - e) ** 1.5;
  const score = rng.weighted<RatingScore>([
    ['satisfied', pSat],
    ['fair', Math.max(0, 1 - pSat - pUnsat)],
    ['unsatisfied', pUnsat],
  ]);
  const comment = rng.chance(0.75) ? rng.pick(RATING_COMMENTS[score]) : undefined;
  s.act(d.owner(s.at + rng.between(0.5, 72) * HOUR, rng), seed.ownerId, { type: 'rate', score, ...(comment ? { comment } : {}) });
}

// ── the plan ────────────────────────────────────────────────────────────────

/**
 * Plans the history that ends at `anchor` (the 13 weeks before it). Without
 * `numbers`, tickets and notices carry placeholder numbers (the loader counts
 * them, draws real ones from the tenant's counters, and plans again with them:
 * numbers are only text, so both plans are the same history).
 */
export function planDemoHistory(data: TenantData, ctx: TenantContext, anchor: Date | string, numbers?: HistoryNumbers, shape?: HistoryShape): HistoryPlan {
  const now = new Date(anchor).getTime();
  if (Number.isNaN(now)) throw new Error('demo history: the anchor is not an instant');
  const d = new District(data, ctx, now, numbers, shape);
  const seeds = schedule(d);
  // the key matter with a plan: the leader-led request raised about five weeks before the anchor
  const showcase = seeds.filter((x) => x.scenario === 'leader' && x.at <= now - 34 * DAY).at(-1);
  const tickets = seeds.map((seed) => {
    const sim = new TicketSim(d, new Rng(`${d.shape.seed}:ticket:${seed.index}`), seed === showcase ? { ...seed, showcase: true } : seed);
    sim.intake();
    try {
      story(sim);
      // some tickets classified (共性 / 个性 / 重点) once their story is told
      const c = sim.ticket.classification ? undefined : classificationOf(seed.index, sim.ticket);
      if (c) sim.act(d.office(sim.at + 2 * HOUR, sim.rng), c.by, { type: 'classify', class: c.class, reason: c.reason });
    } catch (e) {
      if (!(e instanceof Horizon)) throw e;
    }
    return sim.finish();
  });
  const notices = [...d.notices].sort((a, b) => (a.issuedAt === b.issuedAt ? (a.id < b.id ? -1 : 1) : a.issuedAt < b.issuedAt ? -1 : 1));
  return { anchor: iso(now), tickets, notices, stats: d.stats };
}
