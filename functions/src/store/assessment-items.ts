import { COUNTERS, MANUAL_INDICATORS, zeroCounters, type Contribution, type Counters, type Dispute, type ManualIndicator } from '@whistle/shared';
import type { ContributionRow, PeriodFigures, Projection } from '../ports.js';
import type { Item } from './dynamo.js';
import { indexKeys, keys, type Key } from './keys.js';

/**
 * The one place that shapes the assessment's items, for the DynamoDB store
 * and its in-memory twin alike: counters are top-level number attributes
 * `c_<name>`, entered scores `m_<indicator>`; the roll-up, contribution and
 * dispute items; and how each is read back.
 */
export const counterAttr = (name: string): string => `c_${name}`;
export const manualAttr = (indicator: string): string => `m_${indicator}`;

export function countersOf(item: Item): Counters {
  const c = zeroCounters();
  for (const name of COUNTERS) c[name] = Number(item[counterAttr(name)] ?? 0);
  return c;
}

export const counterAttributes = (c: Counters): Item => Object.fromEntries(COUNTERS.map((name) => [counterAttr(name), c[name]]));

const contributionOf = (raw: unknown): Contribution => {
  const c = raw as Contribution;
  return { unitId: c.unitId, month: c.month, counters: { ...c.counters }, ...(c.noticeIds?.length ? { noticeIds: [...c.noticeIds] } : {}) };
};

/** A ticket's `ASSESS` item as the projection reads it. */
export function projectionOf(item: Item): Projection {
  const pending = item.pending as { seq: number; contributions: unknown[] } | undefined;
  return {
    seq: Number(item.seq ?? 0),
    contributions: ((item.contributions as unknown[] | undefined) ?? []).map(contributionOf),
    ...(pending ? { pending: { seq: Number(pending.seq), contributions: pending.contributions.map(contributionOf) } } : {}),
  };
}

/** A period partition's items (`UNIT#<unit>` counters, `MANUAL#<unit>` scores) as figures. */
export function periodFiguresOf(items: readonly Item[]): PeriodFigures {
  const figures: PeriodFigures = { counters: new Map(), manual: new Map() };
  for (const item of items) {
    const sk = String(item.sk);
    if (sk.startsWith('UNIT#')) figures.counters.set(sk.slice(5), countersOf(item));
    else if (sk.startsWith('MANUAL#')) {
      const scores: Partial<Record<ManualIndicator, number>> = {};
      for (const name of MANUAL_INDICATORS as ManualIndicator[]) {
        const value = item[manualAttr(name)];
        if (value !== undefined) scores[name] = Number(value);
      }
      figures.manual.set(sk.slice(7), scores);
    }
  }
  return figures;
}

/** A quarter's or year's aggregate: its months' sum, with the revisions of the months it summed. */
export const rollUpItem = (tenantId: string, unitId: string, period: string, sum: Counters, revs: ReadonlyArray<[month: string, rev: number]>): Item & Key => ({
  ...keys.assessUnit(tenantId, period, unitId),
  entity: 'ASSESS_UNIT',
  unitId,
  ...counterAttributes(sum),
  ...Object.fromEntries(revs.map(([m, rev]) => [`r_${m}`, rev])),
});

/** A drill-down row: one ticket's contribution to one unit in one month, indexed by unit and month. */
export const contributionItem = (tenantId: string, ticket: { id: string; number: string; title: string }, seq: number, c: Contribution): Item & Key => ({
  ...keys.contribution(tenantId, ticket.id, c.unitId, c.month),
  entity: 'CONTRIB',
  seq,
  ticketId: ticket.id,
  number: ticket.number,
  title: ticket.title,
  unitId: c.unitId,
  month: c.month,
  counters: c.counters,
  noticeIds: c.noticeIds ?? [],
  gsi1pk: indexKeys.unitContributions(tenantId, c.unitId, c.month),
  gsi1sk: ticket.id,
});

export const contributionRowOf = (i: Item): ContributionRow => ({
  ticketId: String(i.ticketId),
  number: String(i.number),
  title: String(i.title),
  unitId: String(i.unitId),
  month: String(i.month),
  counters: (i.counters as Partial<Counters>) ?? {},
  noticeIds: (i.noticeIds as string[] | undefined) ?? [],
});

export const disputeItem = (d: Dispute): Item & Key => ({
  ...keys.dispute(d.tenantId, d.ticketId, d.id),
  entity: 'DISPUTE',
  ...d,
  gsi1pk: indexKeys.tenantDisputes(d.tenantId),
  gsi1sk: `${d.raisedAt}#${d.id}`,
});

/** A dispute's ticket: its id is the ticket's, a dash, then its own (disputeIdOf); undefined for any other shape. */
export function disputeTicketId(disputeId: string): string | undefined {
  const dash = disputeId.lastIndexOf('-');
  return dash > 0 ? disputeId.slice(0, dash) : undefined;
}
