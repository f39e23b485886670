import { workingMinutesBetween, type WorkingCalendar } from '../calendar/index.js';
import type { Clock, SupervisionLevel, SupervisionNotice, Ticket } from '../schemas/ticket.js';
import { INDICATOR_CODES, INDICATOR_COUNTERS, INDICATORS, type CounterName, type Counters, type IndicatorCode, type IndicatorSpec } from './indicators.js';
import { monthOf } from './period.js';

/**
 * What one ticket contributes to the assessment, pure: per unit and month,
 * the counters its facts add. A ticket counts in the month it was raised;
 * each notice in the month it was issued, against the unit it was issued to
 * (an unclaimed ticket's claim notices: the lead units of its groups). The
 * running aggregates add these up as tickets change, and the assessor's
 * recomputation adds them up from scratch: the same function, so the same
 * figures.
 */
export interface Contribution {
  unitId: string;
  /** `2026-11` */
  month: string;
  counters: Partial<Counters>;
  /** the notices counted here (the drill-down lists them) */
  noticeIds?: string[];
}

/** An accepted dispute, as the facts see it: this unit does not answer for this item. */
export type Exclusion =
  | { unitId: string; kind: 'notice'; noticeId: string }
  | { unitId: string; kind: 'indicator'; ticketId: string; indicator: IndicatorCode | 'notices' };

const LEVEL_COUNTER: Record<SupervisionLevel, CounterName> = { reminder: 'reminders', urge: 'urges', warning: 'warnings' };
const LEADER_CLOCKS: readonly Clock['kind'][] = ['leaderProgress', 'leaderOnsite', 'leaderReview'];

/** Minutes between two instants on the clock's own basis (working time for working clocks). */
function minutesOn(cal: WorkingCalendar, basis: Clock['basis'], from: string, to: string): number {
  if (to <= from) return 0;
  return basis === 'working' ? workingMinutesBetween(cal, from, to) : Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

/** The units an issued notice counts against. */
export const noticeUnits = (n: Pick<SupervisionNotice, 'unitId' | 'leadUnitIds'>): string[] => (n.unitId ? [n.unitId] : [...(n.leadUnitIds ?? [])]);

/**
 * The pseudo-unit a district's whole volume is counted under (not an `Id`, so
 * no real unit can have it): `handled` every request raised, `resolved` those resolved.
 */
export const DISTRICT_WHOLE = '_district';

export function ticketContributions(
  t: Ticket,
  notices: readonly SupervisionNotice[],
  exclusions: readonly Exclusion[],
  cal: WorkingCalendar,
): Contribution[] {
  const out = new Map<string, Contribution>();
  const add = (unitId: string, month: string, c: Partial<Counters>, noticeId?: string) => {
    const key = `${unitId}#${month}`;
    const cur = out.get(key) ?? { unitId, month, counters: {} };
    for (const [k, v] of Object.entries(c) as Array<[CounterName, number]>) if (v) cur.counters[k] = (cur.counters[k] ?? 0) + v;
    if (noticeId) cur.noticeIds = [...(cur.noticeIds ?? []), noticeId];
    out.set(key, cur);
  };
  const month = monthOf(t.createdAt);
  const noticed = (clockId: string) => notices.some((n) => n.clockId === clockId);
  const clock = (kind: Clock['kind']) => t.clocks.find((c) => c.kind === kind);

  const unit = t.handlingUnitId;
  if (unit) {
    const c: Partial<Counters> = { handled: 1 };
    const claim = clock('claim');
    if (claim?.metAt) {
      c.claimed = 1;
      c.claimOnTime = claim.metAt <= claim.dueAt ? 1 : 0;
      c.claimMinutes = minutesOn(cal, claim.basis, claim.startedAt, claim.metAt);
    }
    const contact = clock('contact');
    if (contact && (contact.metAt || noticed(contact.id))) {
      c.contactDue = 1;
      c.contactOnTime = contact.metAt && contact.metAt <= contact.dueAt ? 1 : 0;
    }
    if (contact?.metAt || t.resolution) c.replied = 1;
    if (t.resolution && (t.status === 'resolved' || t.status === 'closed')) {
      c.resolved = 1;
      const resolve = clock('resolve');
      c.resolvedOnTime = resolve?.metAt && resolve.metAt <= resolve.dueAt ? 1 : 0;
      const from = t.claimedAt ?? claim?.metAt;
      if (from) c.resolveMinutes = minutesOn(cal, resolve?.basis ?? 'working', from, t.resolution.at);
    }
    if (t.reopenCount > 0) c.reopened = 1;
    if (t.rating) {
      c.rated = 1;
      c.satisfied = t.rating.score === 'unsatisfied' ? 0 : 1;
    }
    if (t.leader) {
      c.leaderLed = 1;
      c.leaderKept = t.clocks.some((k) => LEADER_CLOCKS.includes(k.kind) && noticed(k.id)) ? 0 : 1;
    }
    add(unit, month, withoutDisputed(c, unit, t.id, exclusions));
  }
  // the district as a whole: every request raised, and resolved, whoever holds it (one nobody claimed yet, one the
  // desk answered): the province's volume and open figures; never a unit, so never ranked
  add(DISTRICT_WHOLE, month, { handled: 1, resolved: t.status === 'resolved' || t.status === 'closed' ? 1 : 0 });
  for (const task of t.joint?.coUnits ?? []) {
    const k = t.clocks.find((c) => c.id === `task:${task.unitId}`);
    const late = k ? noticed(k.id) : false;
    if (!task.doneAt && !late) continue;
    const onTime = task.doneAt !== undefined && (!k || task.doneAt <= k.dueAt);
    add(task.unitId, month, withoutDisputed({ tasks: 1, tasksOnTime: onTime ? 1 : 0 }, task.unitId, t.id, exclusions));
  }
  // a plan's items (a key matter's, a joint handling's: 一企一策) count as the joint tasks do, each for its owner unit:
  // done (on time when by its due instant), or late once noticed
  for (const item of t.plan?.items ?? []) {
    const k = t.clocks.find((c) => c.id === `item:${item.id}`);
    const late = k ? noticed(k.id) : false;
    if (!item.doneAt && !late) continue;
    const onTime = item.doneAt !== undefined && item.doneAt <= item.dueAt;
    add(item.ownerUnitId, month, withoutDisputed({ tasks: 1, tasksOnTime: onTime ? 1 : 0 }, item.ownerUnitId, t.id, exclusions));
  }
  for (const n of notices) {
    // a retrospective's task notices share its ticket's partition but are not the ticket's handling:
    // records of their own are not in the index yet (docs/plan-items.md)
    if (n.holder) continue;
    for (const u of noticeUnits(n)) {
      if (excluded(exclusions, u, t.id, n.id)) continue;
      add(u, monthOf(n.issuedAt), { [LEVEL_COUNTER[n.level]]: 1 }, n.id);
    }
  }
  return [...out.values()]
    .filter((c) => Object.values(c.counters).some((v) => v !== 0) || (c.noticeIds?.length ?? 0) > 0)
    .sort((a, b) => `${a.unitId}#${a.month}`.localeCompare(`${b.unitId}#${b.month}`));
}

function excluded(exclusions: readonly Exclusion[], unitId: string, ticketId: string, noticeId: string): boolean {
  return exclusions.some(
    (e) =>
      e.unitId === unitId &&
      ((e.kind === 'notice' && e.noticeId === noticeId) || (e.kind === 'indicator' && e.ticketId === ticketId && e.indicator === 'notices')),
  );
}

/** A ticket's facts for a unit with the disputed indicators taken out (their numerator and denominator). */
function withoutDisputed(c: Partial<Counters>, unitId: string, ticketId: string, exclusions: readonly Exclusion[]): Partial<Counters> {
  const out = { ...c };
  for (const e of exclusions) {
    if (e.kind !== 'indicator' || e.unitId !== unitId || e.ticketId !== ticketId) continue;
    for (const name of disputedCounters(e.indicator)) delete out[name];
  }
  return out;
}

/**
 * The counters a dispute of an indicator takes out: its own, and those of the
 * indicators dividing by what it takes out (a ticket out of "claimed" is out of
 * the average claim time too), so every figure stays a ratio of the same tickets.
 */
export function disputedCounters(indicator: IndicatorCode | 'notices'): Set<CounterName> {
  const out = new Set<CounterName>(INDICATOR_COUNTERS[indicator]);
  for (const code of INDICATOR_CODES) {
    const spec: IndicatorSpec = INDICATORS[code];
    if (spec.of && out.has(spec.of.den)) out.add(spec.of.num);
  }
  return out;
}
