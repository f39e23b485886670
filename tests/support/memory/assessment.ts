import {
  AssessmentScheme,
  COUNTERS,
  Dispute,
  ManualEntry,
  monthsOf,
  SupervisionNotice,
  zeroCounters,
  type Contribution,
  type Counters,
} from '@whistle/shared';
import type { AssessmentRepository, ContributionRow, PeriodFigures, Projection } from '../../../functions/src/ports.js';
import {
  contributionItem,
  contributionRowOf,
  counterAttr,
  countersOf,
  disputeItem,
  disputeTicketId,
  manualAttr,
  periodFiguresOf,
  projectionOf,
  rollUpItem,
} from '../../../functions/src/store/assessment-items.js';
import { indexKeys, keys } from '../../../functions/src/store/keys.js';
import { roundTrip, stripKeys, type Item, type MemoryTable } from './table.js';

/**
 * The assessment in memory, as functions/src/store/assessment-store.ts keeps
 * it: the same items in the same partitions (a ticket's projection `ASSESS`,
 * its contributions `ASSESS#<unit>#<month>` indexed by unit and month on gsi1,
 * its disputes `DISPUTE#<id>` indexed by tenant on gsi1; a period's
 * aggregates `UNIT#<unit>` and scores `MANUAL#<unit>`; the score trail per
 * period and unit; the schemes in the settings partition), with the same
 * attributes (`c_<counter>`, `a_<ticket>`, `rev`, `r_<month>`, `m_<indicator>`)
 * and the same conditions, each checked and written in one step.
 */
const ROLLUP_ATTEMPTS = 5;

/** the document client's `removeUndefinedValues`: undefined attributes are not stored, at any depth */
function defined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(defined) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, defined(v)]]))) as T;
  }
  return value;
}

/** `attribute_not_exists(seq) OR seq < :seq` */
const olderThan = (seq: number) => (current: Item | undefined) => current?.seq === undefined || Number(current.seq) < seq;

export class MemoryAssessment implements AssessmentRepository {
  constructor(private readonly table: MemoryTable) {}

  async projection(tenantId: string, ticketId: string): Promise<Projection | undefined> {
    await roundTrip();
    const item = this.table.get(keys.projection(tenantId, ticketId));
    return item ? projectionOf(item) : undefined;
  }

  /** the ticket's notices (the items MemoryNotices writes in its partition) and its disputes, in sort-key order */
  async ticketInputs(tenantId: string, ticketId: string): Promise<{ notices: SupervisionNotice[]; disputes: Dispute[] }> {
    const pk = keys.ticketPk(tenantId, ticketId);
    const byPrefix = async (prefix: string) => {
      await roundTrip();
      return this.table.queryAll({ pk, range: (sk) => sk.startsWith(prefix) });
    };
    const [notices, disputes] = await Promise.all([byPrefix(keys.noticePrefix), byPrefix(keys.disputePrefix)]);
    return {
      notices: notices.map((i) => SupervisionNotice.parse(stripKeys(i))),
      disputes: disputes.map((i) => Dispute.parse(stripKeys(i))),
    };
  }

  /** `SET pending, entity` if nothing is pending and the seq is `fromSeq` (an absent seq is 0) */
  async begin(tenantId: string, ticketId: string, fromSeq: number, step: { seq: number; contributions: Contribution[] }): Promise<boolean> {
    const pending = defined(step);
    await roundTrip();
    const out = this.table.update(keys.projection(tenantId, ticketId), (current) => {
      if (current?.pending !== undefined) return undefined;
      const seq = current?.seq;
      if (!(seq === undefined ? fromSeq === 0 : Number(seq) === fromSeq)) return undefined;
      return { ...current, pending, entity: 'PROJECTION' };
    });
    await roundTrip();
    return out !== undefined;
  }

  /** `SET a_<ticket> = :to ADD rev 1, c_… :delta` if `a_<ticket>` is absent or below `toSeq` */
  async applyToMonth(tenantId: string, unitId: string, month: string, ticketId: string, toSeq: number, delta: Partial<Counters>): Promise<boolean> {
    const marker = `a_${ticketId}`;
    const entries = COUNTERS.filter((c) => (delta[c] ?? 0) !== 0);
    await roundTrip();
    const out = this.table.update(keys.assessUnit(tenantId, month, unitId), (current) => {
      if (current?.[marker] !== undefined && !(Number(current[marker]) < toSeq)) return undefined;
      const next: Item = { ...current, [marker]: toSeq, unitId, entity: 'ASSESS_UNIT', rev: Number(current?.rev ?? 0) + 1 };
      for (const c of entries) next[counterAttr(c)] = Number(current?.[counterAttr(c)] ?? 0) + Number(delta[c]);
      return next;
    });
    await roundTrip();
    return out !== undefined;
  }

  /** the months' sum, written only over revisions no newer than the ones read (read again, up to 5 times) */
  async rollUp(tenantId: string, unitId: string, period: string): Promise<void> {
    const months = monthsOf(period);
    for (let attempt = 0; attempt < ROLLUP_ATTEMPTS; attempt++) {
      await roundTrip();
      const sum = zeroCounters();
      const revs: Record<string, number> = {};
      for (const m of months) {
        const item = this.table.get(keys.assessUnit(tenantId, m, unitId));
        if (!item) continue;
        const c = countersOf(item);
        for (const name of COUNTERS) sum[name] += c[name];
        revs[m] = Number(item.rev ?? 0);
      }
      const item = rollUpItem(tenantId, unitId, period, sum, months.map((m) => [m, revs[m] ?? 0]));
      await roundTrip();
      const written = this.table.put(
        item,
        (current) => current === undefined || months.every((m) => current[`r_${m}`] === undefined || Number(current[`r_${m}`]) <= (revs[m] ?? 0)),
      );
      if (written) {
        await roundTrip();
        return;
      }
      // a roll-up that read newer months got there first: read again (its figures are at least as new)
    }
  }

  /** each row put, and each dropped row deleted, only where the stored seq is absent or lower */
  async writeContributions(
    tenantId: string,
    ticket: { id: string; number: string; title: string },
    seq: number,
    put: Contribution[],
    drop: Contribution[],
  ): Promise<void> {
    const older = olderThan(seq);
    await Promise.all([
      ...put.map(async (c) => {
        const item = defined(contributionItem(tenantId, ticket, seq, c));
        await roundTrip();
        this.table.put(item, older);
        await roundTrip();
      }),
      ...drop.map(async (c) => {
        const key = keys.contribution(tenantId, ticket.id, c.unitId, c.month);
        await roundTrip();
        // a conditional DeleteItem: checked and deleted in one step
        if (older(this.table.get(key))) this.table.delete(key);
        await roundTrip();
      }),
    ]);
  }

  /** `SET seq, contributions REMOVE pending` if `pending.seq = :seq` */
  async settle(tenantId: string, ticketId: string, seq: number, contributions: Contribution[]): Promise<boolean> {
    const counted = defined(contributions);
    await roundTrip();
    const out = this.table.update(keys.projection(tenantId, ticketId), (current) => {
      const pending = current?.pending as { seq?: unknown } | undefined;
      if (!current || pending?.seq === undefined || Number(pending.seq) !== seq) return undefined;
      const { pending: _p, ...rest } = current;
      return { ...rest, seq, contributions: counted };
    });
    await roundTrip();
    return out !== undefined;
  }

  async period(tenantId: string, period: string): Promise<PeriodFigures> {
    await roundTrip();
    const items = this.table.queryAll({ pk: keys.assessPk(tenantId, period) });
    return periodFiguresOf(items);
  }

  async contributions(tenantId: string, unitId: string, months: readonly string[]): Promise<ContributionRow[]> {
    const pages = await Promise.all(
      months.map(async (m) => {
        await roundTrip();
        return this.table.queryAll({ index: 'gsi1', pk: indexKeys.unitContributions(tenantId, unitId, m) });
      }),
    );
    return pages.flat().map(contributionRowOf);
  }

  /** the trail entry first (if absent), then the score */
  async putManual(entry: ManualEntry, tenantId: string): Promise<void> {
    const e = defined(ManualEntry.parse(entry));
    await roundTrip();
    this.table.put({ ...keys.assessLog(tenantId, e.period, e.unitId, e.at, e.id), entity: 'ASSESS_LOG', ...e }, (current) => current === undefined);
    await roundTrip();
    this.table.update(keys.assessManual(tenantId, e.period, e.unitId), (current) => ({
      ...current,
      [manualAttr(e.indicator)]: e.score,
      unitId: e.unitId,
      entity: 'ASSESS_MANUAL',
    }));
    await roundTrip();
  }

  /** newest first */
  async manualEntries(tenantId: string, period: string, unitId: string): Promise<ManualEntry[]> {
    await roundTrip();
    return this.table.queryAll({ pk: keys.assessLogPk(tenantId, period, unitId), forward: false }).map((i) => ManualEntry.parse(stripKeys(i)));
  }

  async createDispute(d: Dispute): Promise<boolean> {
    const parsed = defined(Dispute.parse(d));
    const item = disputeItem(parsed);
    await roundTrip();
    const written = this.table.put(item, (current) => current === undefined);
    await roundTrip();
    return written;
  }

  async dispute(tenantId: string, disputeId: string): Promise<Dispute | undefined> {
    const ticketId = disputeTicketId(disputeId);
    if (!ticketId) return undefined;
    await roundTrip();
    const item = this.table.get(keys.dispute(tenantId, ticketId, disputeId));
    return item ? Dispute.parse(stripKeys(item)) : undefined;
  }

  /** `SET status, decidedBy, decidedAt, decision` if the status is open */
  async decideDispute(d: Dispute, decision: Pick<Dispute, 'status' | 'decidedBy' | 'decidedAt' | 'decision'>): Promise<boolean> {
    const set = defined({ status: decision.status, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt, decision: decision.decision });
    await roundTrip();
    const out = this.table.update(keys.dispute(d.tenantId, d.ticketId, d.id), (current) =>
      current && current.status === 'open' ? { ...current, ...set } : undefined,
    );
    await roundTrip();
    return out !== undefined;
  }

  /** the tenant's disputes, newest raised first */
  async disputes(tenantId: string): Promise<Dispute[]> {
    await roundTrip();
    return this.table.queryAll({ index: 'gsi1', pk: indexKeys.tenantDisputes(tenantId), forward: false }).map((i) => Dispute.parse(stripKeys(i)));
  }

  /** every version, oldest first */
  async schemes(tenantId: string): Promise<AssessmentScheme[]> {
    await roundTrip();
    return this.table
      .queryAll({ pk: keys.settingsPk(tenantId), range: (sk) => sk.startsWith(keys.assessSchemePrefix) })
      .map((i) => AssessmentScheme.parse(stripKeys(i)));
  }

  async addScheme(tenantId: string, scheme: AssessmentScheme): Promise<boolean> {
    const parsed = defined(AssessmentScheme.parse(scheme));
    await roundTrip();
    const written = this.table.put({ ...keys.assessScheme(tenantId, parsed.version), entity: 'ASSESS_SCHEME', ...parsed }, (current) => current === undefined);
    await roundTrip();
    return written;
  }
}
