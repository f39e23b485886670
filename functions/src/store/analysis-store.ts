import { MonthlyAnalysisResponse, type MonthlyAnalysis } from '@whistle/shared';
import type { AnalysisRepository } from '../ports.js';
import type { Item, Store } from './dynamo.js';
import { keys, type Key } from './keys.js';

/**
 * The monthly analyses kept (月分析): one item per tenant and finished month,
 * `T#t#ANALYSIS / MONTH#<YYYY-MM>`, holding the analysis as JSON and the
 * version of the figures that computed it (`v`). Kept once: put
 * `attribute_not_exists(pk) OR v < :v`, so the first writer wins and a later
 * version of the figures replaces what an older one kept; an item of another
 * version reads as absent (the month is computed again and kept).
 */
export const ANALYSIS_VERSION = 2;

/** the analysis kept in an item, or undefined when the item is of another version */
export function analysisOf(item: Item): MonthlyAnalysis | undefined {
  if (item.v !== ANALYSIS_VERSION || typeof item.analysis !== 'string') return undefined;
  return MonthlyAnalysisResponse.parse(JSON.parse(item.analysis));
}

export function analysisItem(tenantId: string, a: MonthlyAnalysis): Item & Key {
  return { ...keys.analysisMonth(tenantId, a.month), entity: 'ANALYSIS', v: ANALYSIS_VERSION, analysis: JSON.stringify(MonthlyAnalysisResponse.parse(a)) };
}

export const KEEP_CONDITION = { expression: 'attribute_not_exists(pk) OR v < :v', values: { ':v': ANALYSIS_VERSION } };

export class AnalysisStore implements AnalysisRepository {
  constructor(private readonly store: Store) {}

  async get(tenantId: string, month: string): Promise<MonthlyAnalysis | undefined> {
    const item = await this.store.get(keys.analysisMonth(tenantId, month));
    return item ? analysisOf(item) : undefined;
  }

  async months(tenantId: string, from: string, to: string): Promise<MonthlyAnalysis[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.analysisPk(tenantId), ':from': keys.analysisMonth(tenantId, from).sk, ':to': keys.analysisMonth(tenantId, to).sk },
    });
    return items.flatMap((i) => analysisOf(i) ?? []);
  }

  async keep(tenantId: string, analysis: MonthlyAnalysis): Promise<boolean> {
    return this.store.put(analysisItem(tenantId, analysis), KEEP_CONDITION);
  }
}
