import {
  AssessmentScheme,
  COUNTERS,
  MANUAL_INDICATORS,
  Dispute,
  ManualEntry,
  monthsOf,
  SupervisionNotice,
  zeroCounters,
  type Contribution,
  type Counters,
} from '@whistle/shared';
import type { AssessmentRepository, ContributionRow, PeriodFigures, Projection } from '../ports.js';
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
} from './assessment-items.js';
import { stripKeys, type Item, type Store } from './dynamo.js';
import { indexKeys, keys } from './keys.js';
import { SETTINGS_TTL_MS } from './settings-store.js';
import { TtlCache } from './ttl-cache.js';

/**
 * The assessment in DynamoDB (see AssessmentRepository). Counters are
 * top-level number attributes `c_<name>` (ADD creates them); a month
 * aggregate carries `a_<ticketId>`, the last step of that ticket applied to
 * it, and `rev`, bumped by every step; a quarter or year aggregate is a sum of
 * its months written with the months' revisions `r_<month>`, and only over
 * revisions no newer than its own, so a slow roll-up never writes over a newer
 * one. Readers project the counters only: the markers stay in the store.
 */
const COUNTER_PROJECTION = COUNTERS.map((_, i) => `#c${i}`).join(', ');
const COUNTER_NAMES = Object.fromEntries(COUNTERS.map((c, i) => [`#c${i}`, counterAttr(c)]));
const MANUAL_NAMES = Object.fromEntries(MANUAL_INDICATORS.map((m, i) => [`#m${i}`, manualAttr(m)]));
const ROLLUP_ATTEMPTS = 5;

export class AssessmentStore implements AssessmentRepository {
  /** the scheme versions, read by every ranking: cached like the other settings (a new version reaches warm functions within seconds) */
  private readonly schemeCache: TtlCache<AssessmentScheme[]>;

  constructor(
    private readonly store: Store,
    now: () => number = Date.now,
  ) {
    this.schemeCache = new TtlCache(SETTINGS_TTL_MS, now);
  }

  async projection(tenantId: string, ticketId: string): Promise<Projection | undefined> {
    const item = await this.store.get(keys.projection(tenantId, ticketId), true);
    return item ? projectionOf(item) : undefined;
  }

  async ticketInputs(tenantId: string, ticketId: string): Promise<{ notices: SupervisionNotice[]; disputes: Dispute[] }> {
    const pk = keys.ticketPk(tenantId, ticketId);
    const byPrefix = (prefix: string) =>
      this.store.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': pk, ':p': prefix },
        ConsistentRead: true,
      });
    const [notices, disputes] = await Promise.all([byPrefix(keys.noticePrefix), byPrefix(keys.disputePrefix)]);
    return {
      notices: notices.map((i) => SupervisionNotice.parse(stripKeys(i))),
      disputes: disputes.map((i) => Dispute.parse(stripKeys(i))),
    };
  }

  async begin(tenantId: string, ticketId: string, fromSeq: number, step: { seq: number; contributions: Contribution[] }): Promise<boolean> {
    const out = await this.store.update(keys.projection(tenantId, ticketId), 'SET pending = :step, entity = :entity', {
      condition: `attribute_not_exists(pending) AND ${fromSeq === 0 ? '(attribute_not_exists(seq) OR seq = :from)' : 'seq = :from'}`,
      values: { ':step': step, ':from': fromSeq, ':entity': 'PROJECTION' },
      returns: 'NONE',
    });
    return out !== undefined;
  }

  async applyToMonth(tenantId: string, unitId: string, month: string, ticketId: string, toSeq: number, delta: Partial<Counters>): Promise<boolean> {
    const entries = COUNTERS.filter((c) => (delta[c] ?? 0) !== 0);
    const names: Record<string, string> = { '#a': `a_${ticketId}`, '#rev': 'rev', '#u': 'unitId' };
    const values: Item = { ':to': toSeq, ':one': 1, ':u': unitId, ':entity': 'ASSESS_UNIT' };
    entries.forEach((c, i) => {
      names[`#d${i}`] = counterAttr(c);
      values[`:d${i}`] = delta[c];
    });
    const adds = ['#rev :one', ...entries.map((_, i) => `#d${i} :d${i}`)].join(', ');
    const out = await this.store.update(keys.assessUnit(tenantId, month, unitId), `SET #a = :to, #u = :u, entity = :entity ADD ${adds}`, {
      condition: 'attribute_not_exists(#a) OR #a < :to',
      names,
      values,
      returns: 'NONE',
    });
    return out !== undefined;
  }

  async rollUp(tenantId: string, unitId: string, period: string): Promise<void> {
    const months = monthsOf(period);
    for (let attempt = 0; attempt < ROLLUP_ATTEMPTS; attempt++) {
      const items = await this.store.batchGet(
        months.map((m) => keys.assessUnit(tenantId, m, unitId)),
        true,
      );
      const sum = zeroCounters();
      const revs: Record<string, number> = {};
      for (const item of items) {
        const c = countersOf(item);
        for (const name of COUNTERS) sum[name] += c[name];
        revs[String(item.pk).slice(String(item.pk).lastIndexOf('#') + 1)] = Number(item.rev ?? 0);
      }
      const names: Record<string, string> = {};
      const values: Item = {};
      const guards = months.map((m, i) => {
        names[`#r${i}`] = `r_${m}`;
        values[`:r${i}`] = revs[m] ?? 0;
        return `(attribute_not_exists(#r${i}) OR #r${i} <= :r${i})`;
      });
      const item = rollUpItem(tenantId, unitId, period, sum, months.map((m) => [m, revs[m] ?? 0]));
      if (await this.store.put(item, { expression: `attribute_not_exists(pk) OR (${guards.join(' AND ')})`, names, values })) return;
      // a roll-up that read newer months got there first: read again (its figures are at least as new)
    }
  }

  async writeContributions(
    tenantId: string,
    ticket: { id: string; number: string; title: string },
    seq: number,
    put: Contribution[],
    drop: Contribution[],
  ): Promise<void> {
    const older = { expression: 'attribute_not_exists(seq) OR seq < :seq', values: { ':seq': seq } };
    await Promise.all([
      ...put.map((c) => this.store.put(contributionItem(tenantId, ticket, seq, c), older)),
      ...drop.map((c) => this.store.delete(keys.contribution(tenantId, ticket.id, c.unitId, c.month), older)),
    ]);
  }

  async settle(tenantId: string, ticketId: string, seq: number, contributions: Contribution[]): Promise<boolean> {
    const out = await this.store.update(keys.projection(tenantId, ticketId), 'SET seq = :seq, contributions = :c REMOVE pending', {
      condition: 'pending.seq = :seq',
      values: { ':seq': seq, ':c': contributions },
      returns: 'NONE',
    });
    return out !== undefined;
  }

  async period(tenantId: string, period: string): Promise<PeriodFigures> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.assessPk(tenantId, period) },
      // the counters and scores only: a month aggregate's per-ticket markers stay in the store
      ProjectionExpression: `sk, ${COUNTER_PROJECTION}, ${Object.keys(MANUAL_NAMES).join(', ')}`,
      ExpressionAttributeNames: { ...COUNTER_NAMES, ...MANUAL_NAMES },
    });
    return periodFiguresOf(items);
  }

  async contributions(tenantId: string, unitId: string, months: readonly string[]): Promise<ContributionRow[]> {
    const pages = await Promise.all(
      months.map((m) =>
        this.store.queryAll({
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': indexKeys.unitContributions(tenantId, unitId, m) },
        }),
      ),
    );
    return pages.flat().map(contributionRowOf);
  }

  async putManual(entry: ManualEntry, tenantId: string): Promise<void> {
    const e = ManualEntry.parse(entry);
    // the trail first: a score is never changed without its entry
    await this.store.put({ ...keys.assessLog(tenantId, e.period, e.unitId, e.at, e.id), entity: 'ASSESS_LOG', ...e }, { expression: 'attribute_not_exists(pk)' });
    await this.store.update(keys.assessManual(tenantId, e.period, e.unitId), 'SET #m = :score, unitId = :u, entity = :entity', {
      names: { '#m': manualAttr(e.indicator) },
      values: { ':score': e.score, ':u': e.unitId, ':entity': 'ASSESS_MANUAL' },
      returns: 'NONE',
    });
  }

  async manualEntries(tenantId: string, period: string, unitId: string): Promise<ManualEntry[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.assessLogPk(tenantId, period, unitId) },
      ScanIndexForward: false,
    });
    return items.map((i) => ManualEntry.parse(stripKeys(i)));
  }

  async createDispute(d: Dispute): Promise<boolean> {
    const parsed = Dispute.parse(d);
    return this.store.put(disputeItem(parsed), { expression: 'attribute_not_exists(pk)' });
  }

  async dispute(tenantId: string, disputeId: string): Promise<Dispute | undefined> {
    const ticketId = disputeTicketId(disputeId);
    if (!ticketId) return undefined;
    const item = await this.store.get(keys.dispute(tenantId, ticketId, disputeId), true);
    return item ? Dispute.parse(stripKeys(item)) : undefined;
  }

  async decideDispute(d: Dispute, decision: Pick<Dispute, 'status' | 'decidedBy' | 'decidedAt' | 'decision'>): Promise<boolean> {
    const out = await this.store.update(keys.dispute(d.tenantId, d.ticketId, d.id), 'SET #s = :s, decidedBy = :by, decidedAt = :at, decision = :why', {
      condition: '#s = :open',
      names: { '#s': 'status' },
      values: { ':s': decision.status, ':by': decision.decidedBy, ':at': decision.decidedAt, ':why': decision.decision, ':open': 'open' },
      returns: 'NONE',
    });
    return out !== undefined;
  }

  async disputes(tenantId: string): Promise<Dispute[]> {
    const items = await this.store.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.tenantDisputes(tenantId) },
      ScanIndexForward: false,
    });
    return items.map((i) => Dispute.parse(stripKeys(i)));
  }

  async schemes(tenantId: string): Promise<AssessmentScheme[]> {
    return this.schemeCache.get(tenantId, async () => {
      const items = await this.store.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.settingsPk(tenantId), ':p': keys.assessSchemePrefix },
        ConsistentRead: true,
      });
      return items.map((i) => AssessmentScheme.parse(stripKeys(i)));
    });
  }

  async addScheme(tenantId: string, scheme: AssessmentScheme): Promise<boolean> {
    const parsed = AssessmentScheme.parse(scheme);
    const added = await this.store.put({ ...keys.assessScheme(tenantId, parsed.version), entity: 'ASSESS_SCHEME', ...parsed }, { expression: 'attribute_not_exists(pk)' });
    this.schemeCache.forget(tenantId);
    return added;
  }
}
