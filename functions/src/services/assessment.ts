import {
  addCounters,
  COUNTERS,
  ForbiddenError,
  hasRole,
  INDICATOR_COUNTERS,
  monthOf,
  monthsOf,
  NotFoundError,
  periodBounds,
  periodEnded,
  periodKind,
  periodsOfMonth,
  periodsUpTo,
  rankTrack,
  schemeFor,
  scoreUnit,
  ticketContributions,
  UNIT_TRACKS,
  zeroCounters,
  type AssessmentResponse,
  type AssessmentScheme,
  type Contribution,
  type Counters,
  type Dispute,
  type Exclusion,
  type IndicatorCode,
  type Principal,
  type Unit,
  type UnitAssessmentResponse,
  type UnitScore,
  type UnitTrack,
} from '@whistle/shared';
import type { ContributionRow, OutboxMessage, Ports } from '../ports.js';
import { eachLimited } from './each-limited.js';
import { tenantContext } from './tenant-context.js';

/**
 * The assessment (助企服务指数): running aggregates kept from the tickets, and
 * the index, ranking and drill-down read from them.
 *
 * `project` brings one ticket's contributions up to date. It runs on every
 * commit's `assess` message (at least once: redeliveries and concurrent runs
 * are expected) and after a dispute is decided. A step from the counted
 * contributions to the ticket's current ones is begun as pending, applied to
 * each month aggregate once (the aggregate remembers the ticket's last step),
 * rolled up into the quarter and year, and settled; a run finding a step
 * pending finishes it first, the same way. So a redelivered event never counts
 * twice, and a crash anywhere leaves a step the next run finishes.
 */
const MAX_STEPS = 5;

const key = (c: Pick<Contribution, 'unitId' | 'month'>) => `${c.unitId}#${c.month}`;
const same = (a: readonly Contribution[], b: readonly Contribution[]) => JSON.stringify(a) === JSON.stringify(b);

export const exclusionsOf = (disputes: readonly Dispute[]): Exclusion[] =>
  disputes
    .filter((d) => d.status === 'accepted')
    .map((d): Exclusion =>
      d.noticeId
        ? { unitId: d.unitId, kind: 'notice', noticeId: d.noticeId }
        : { unitId: d.unitId, kind: 'indicator', ticketId: d.ticketId, indicator: d.indicator as IndicatorCode | 'notices' },
    );

export type ProjectOutcome = 'applied' | 'unchanged' | 'gone';

export interface ProjectOptions {
  /**
   * false: leave the quarter and year roll-ups to the caller (a bulk projection rolls each unit's periods up
   * once at the end, not once per ticket); `touched` collects the unit months to roll up
   */
  rollUp?: boolean;
  touched?: Set<string>;
}

export async function project(ports: Ports, tenantId: string, ticketId: string, opts: ProjectOptions = {}): Promise<ProjectOutcome> {
  const ctx = await tenantContext(ports, tenantId);
  for (let step = 0; step < MAX_STEPS; step++) {
    const [stored, inputs, projection] = await Promise.all([
      ports.tickets.get(tenantId, ticketId),
      ports.assessment.ticketInputs(tenantId, ticketId),
      ports.assessment.projection(tenantId, ticketId),
    ]);
    const counted = projection ?? { seq: 0, contributions: [] };
    const ticket = stored && !stored.intakePending ? stored.ticket : undefined;
    if (counted.pending) {
      // a step begun and not finished (a crash, or a run in progress): finish it, then look again
      await applyStep(ports, tenantId, ticket ?? { id: ticketId, number: '', title: '' }, counted, counted.pending, opts);
      continue;
    }
    if (!ticket) return 'gone';
    const next = ticketContributions(ticket, inputs.notices, exclusionsOf(inputs.disputes), ctx.calendar);
    for (const c of next) opts.touched?.add(key(c));
    if (same(next, counted.contributions)) return 'unchanged';
    const target = { seq: counted.seq + 1, contributions: next };
    if (!(await ports.assessment.begin(tenantId, ticketId, counted.seq, target))) continue;
    await applyStep(ports, tenantId, ticket, counted, target, opts);
    return 'applied';
  }
  throw new Error(`assessment of ticket ${ticketId} kept changing under ${MAX_STEPS} steps`);
}

/** One step: the month deltas (each once), their roll-ups, the drill-down rows, then settled. */
async function applyStep(
  ports: Ports,
  tenantId: string,
  ticket: { id: string; number: string; title: string },
  from: { seq: number; contributions: Contribution[] },
  to: { seq: number; contributions: Contribution[] },
  opts: ProjectOptions,
): Promise<void> {
  const deltas = new Map<string, { unitId: string; month: string; delta: Counters }>();
  const touch = (c: Contribution, sign: number) => {
    const d = deltas.get(key(c)) ?? { unitId: c.unitId, month: c.month, delta: zeroCounters() };
    addCounters(d.delta, c.counters, sign);
    deltas.set(key(c), d);
  };
  from.contributions.forEach((c) => touch(c, -1));
  to.contributions.forEach((c) => touch(c, 1));
  const changed = [...deltas.values()].filter((d) => COUNTERS.some((c) => d.delta[c] !== 0));
  await Promise.all(changed.map((d) => ports.assessment.applyToMonth(tenantId, d.unitId, d.month, ticket.id, to.seq, d.delta)));
  for (const d of changed) opts.touched?.add(key(d));
  if (opts.rollUp !== false) await rollUpMonths(ports, tenantId, changed, 16);
  const kept = new Set(to.contributions.map(key));
  // the rows of a vanished ticket keep their last number and title
  if (ticket.number) {
    await ports.assessment.writeContributions(tenantId, ticket, to.seq, to.contributions, from.contributions.filter((c) => !kept.has(key(c))));
  }
  await ports.assessment.settle(tenantId, ticket.id, to.seq, to.contributions);
}

/** Rolls the quarters and years of these unit months up from their months (each once). */
async function rollUpMonths(ports: Ports, tenantId: string, months: Iterable<Pick<Contribution, 'unitId' | 'month'>>, limit: number): Promise<void> {
  const rollups = new Set<string>();
  for (const m of months) for (const p of periodsOfMonth(m.month).slice(1)) rollups.add(`${m.unitId}\u0000${p}`);
  await eachLimited([...rollups], limit, async (r) => {
    const [unitId = '', period = ''] = r.split('\u0000');
    await ports.assessment.rollUp(tenantId, unitId, period);
  });
}

// ---- reading ------------------------------------------------------------------------------------------

const STAFF_ROLES = ['supervisor', 'admin', 'leader', 'assessor', 'unitLead', 'officer'] as const;
/** who sees every unit's figures (others: their own unit's) */
const OVERSEERS = ['supervisor', 'admin', 'leader', 'assessor'] as const;

function mayRead(p: Principal): void {
  if (!hasRole(p, ...STAFF_ROLES)) throw new ForbiddenError('考核结果仅向各单位和督办人员公开');
}

function mayReadUnit(p: Principal, unitId: string): void {
  mayRead(p);
  if (!hasRole(p, ...OVERSEERS) && p.unitId !== unitId) throw new ForbiddenError('只能查看本单位的考核明细');
}

async function schemeOf(ports: Ports, tenantId: string, period: string): Promise<AssessmentScheme> {
  return schemeFor(await ports.assessment.schemes(tenantId), monthsOf(period)[0] ?? '');
}

/** Every unit's score in a period, ranked per track, and the scheme version that scored it. */
async function ranking(ports: Ports, tenantId: string, period: string, units: readonly Unit[]) {
  const [figures, scheme] = await Promise.all([ports.assessment.period(tenantId, period), schemeOf(ports, tenantId, period)]);
  const scores: UnitScore[] = units.map((u) => scoreUnit(u, figures.counters.get(u.id), figures.manual.get(u.id) ?? {}, scheme));
  return { scheme, tracks: UNIT_TRACKS.map((track) => rankTrack(track, scores, scheme.listSize)) };
}

/** A period's ranking of both tracks, scored by the period's scheme (the API's and the Excel table's). */
export async function rankingOf(ports: Ports, tenantId: string, period: string) {
  return ranking(ports, tenantId, period, await ports.refs.list('UNIT', tenantId));
}

export async function assessment(ports: Ports, p: Principal, q: { period: string; track?: UnitTrack }): Promise<AssessmentResponse> {
  mayRead(p);
  const { scheme, tracks } = await rankingOf(ports, p.tenantId, q.period);
  return {
    period: q.period,
    schemeVersion: scheme.version,
    ended: periodEnded(q.period, ports.clock.now().toISOString()),
    tracks: tracks.filter((t) => !q.track || t.track === q.track),
  };
}

/** A unit's figures in a period, its trend over the periods before, its entered scores and disputes. */
export async function unitAssessment(ports: Ports, p: Principal, unitId: string, period: string): Promise<UnitAssessmentResponse> {
  mayReadUnit(p, unitId);
  const units = await ports.refs.list('UNIT', p.tenantId);
  const unit = units.find((u) => u.id === unitId);
  if (!unit) throw new NotFoundError('单位');
  const trendPeriods = periodsUpTo(period, periodKind(period) === 'month' ? 6 : 4);
  const [rankings, manualEntries, disputes] = await Promise.all([
    Promise.all(trendPeriods.map(async (tp) => ({ period: tp, ...(await ranking(ports, p.tenantId, tp, units)) }))),
    ports.assessment.manualEntries(p.tenantId, period, unitId),
    ports.assessment.disputes(p.tenantId),
  ]);
  const scoreIn = (r: (typeof rankings)[number]) => r.tracks.find((t) => t.track === unit.track)?.units.find((u) => u.unitId === unitId);
  const current = rankings[rankings.length - 1];
  const score = current ? scoreIn(current) : undefined;
  if (!score || !current) throw new NotFoundError('单位');
  const months = new Set(monthsOf(period));
  return {
    period,
    schemeVersion: current.scheme.version,
    score,
    rankedOf: current.tracks.find((t) => t.track === unit.track)?.units.filter((u) => u.rank !== null).length ?? 0,
    trend: rankings.map((r) => ({ period: r.period, index: scoreIn(r)?.index ?? null, rank: scoreIn(r)?.rank ?? null })),
    manualEntries,
    disputes: disputes.filter((d) => d.unitId === unitId && months.has(monthOf(d.raisedAt))),
  };
}

/** The tickets behind one figure of a unit in a period (the notices with `notices`). */
export async function drill(ports: Ports, p: Principal, unitId: string, period: string, indicator: IndicatorCode | 'notices'): Promise<{ items: ContributionRow[] }> {
  mayReadUnit(p, unitId);
  const rows = await ports.assessment.contributions(p.tenantId, unitId, monthsOf(period));
  const counters = INDICATOR_COUNTERS[indicator];
  const items = rows
    .filter((r) => counters.some((c) => (r.counters[c] ?? 0) !== 0))
    .map((r) => ({ ...r, noticeIds: r.noticeIds ?? [] }))
    .sort((a, b) => b.number.localeCompare(a.number));
  return { items };
}

/**
 * The assessor's audit: a period's figures recomputed from the tickets
 * themselves (every ticket of the tenant raised up to the period's end, its
 * notices and accepted disputes), by the same facts function, compared with
 * the running aggregates.
 */
export async function recompute(ports: Ports, tenantId: string, period: string): Promise<{ recomputed: Map<string, Counters>; running: Map<string, Counters>; differences: string[] }> {
  const ctx = await tenantContext(ports, tenantId);
  const months = new Set(monthsOf(period));
  const { to } = periodBounds(period);
  const recomputed = new Map<string, Counters>();
  let cursor: string | undefined;
  do {
    const page = await ports.tickets.byTenant(tenantId, cursor, 100);
    await Promise.all(
      page.items.map(async (t) => {
        if (t.createdAt >= to) return;
        const inputs = await ports.assessment.ticketInputs(tenantId, t.id);
        for (const c of ticketContributions(t, inputs.notices, exclusionsOf(inputs.disputes), ctx.calendar)) {
          if (!months.has(c.month)) continue;
          addCounters(recomputed.get(c.unitId) ?? recomputed.set(c.unitId, zeroCounters()).get(c.unitId) ?? zeroCounters(), c.counters);
        }
      }),
    );
    cursor = page.cursor;
  } while (cursor);
  const running = (await ports.assessment.period(tenantId, period)).counters;
  const differences: string[] = [];
  for (const unitId of new Set([...recomputed.keys(), ...running.keys()])) {
    const a = recomputed.get(unitId) ?? zeroCounters();
    const b = running.get(unitId) ?? zeroCounters();
    for (const c of COUNTERS) if (a[c] !== b[c]) differences.push(`${unitId}.${c}: recomputed ${a[c]}, running ${b[c]}`);
  }
  return { recomputed, running, differences };
}

/** Who may run the audit: the assessor, the supervisor, the admin. */
export function mayAudit(p: Principal): void {
  if (!hasRole(p, 'assessor', 'supervisor', 'admin')) throw new ForbiddenError('只有第三方评估、督办人员或管理员可以核查考核数据');
}

/**
 * The outbox consumer's share: each ticket named by a batch's `assess`
 * messages projected once (several commits of one ticket in a batch are one
 * projection of its current state); answers, per message id, what went wrong.
 */
export async function assessAll(ports: Ports, messages: readonly OutboxMessage[]): Promise<Map<string, unknown>> {
  const outcome = new Map<string, unknown>(messages.map((m) => [m.id, undefined]));
  const byTicket = new Map<string, OutboxMessage[]>();
  for (const m of messages) {
    if (!m.ticketId) continue;
    const k = `${m.tenantId}\u0000${m.ticketId}`;
    byTicket.set(k, [...(byTicket.get(k) ?? []), m]);
  }
  await Promise.all(
    [...byTicket.values()].map(async (list) => {
      const first = list[0];
      if (!first?.ticketId) return;
      try {
        await project(ports, first.tenantId, first.ticketId);
      } catch (e) {
        for (const m of list) outcome.set(m.id, e);
      }
    }),
  );
  const done = messages.filter((m) => outcome.get(m.id) === undefined);
  if (done.length > 0) await ports.outbox.delivered(done).catch((e: unknown) => done.forEach((m) => outcome.set(m.id, e)));
  return outcome;
}

/**
 * Projects every ticket of a tenant (a loaded history, a repair): idempotent,
 * a few at a time, the quarters and years rolled up once at the end (also for
 * tickets found already counted: a run cut short before its roll-ups is
 * finished by the next). Stops between pages when `signal` is aborted.
 */
export async function projectTenant(ports: Ports, tenantId: string, signal?: AbortSignal): Promise<number> {
  const touched = new Set<string>();
  let cursor: string | undefined;
  let n = 0;
  do {
    if (signal?.aborted) return n;
    const page = await ports.tickets.byTenant(tenantId, cursor, 100);
    await eachLimited(page.items, 8, async (t) => {
      await project(ports, tenantId, t.id, { rollUp: false, touched });
    });
    n += page.items.length;
    cursor = page.cursor;
  } while (cursor);
  await rollUpMonths(
    ports,
    tenantId,
    [...touched].map((k) => ({ unitId: k.slice(0, k.lastIndexOf('#')), month: k.slice(k.lastIndexOf('#') + 1) })),
    8,
  );
  return n;
}
