import type { MonthlyAnalysis } from '@whistle/shared';
import type { AnalysisRepository } from '../../../functions/src/ports.js';
import { analysisItem, analysisOf, ANALYSIS_VERSION } from '../../../functions/src/store/analysis-store.js';
import { keys } from '../../../functions/src/store/keys.js';
import { roundTrip, type MemoryTable } from './table.js';

/** The monthly analyses kept, in memory, as functions/src/store/analysis-store.ts keeps them (the same items, the same condition). */
export class MemoryAnalysis implements AnalysisRepository {
  constructor(private readonly table: MemoryTable) {}

  async get(tenantId: string, month: string): Promise<MonthlyAnalysis | undefined> {
    await roundTrip();
    const item = this.table.get(keys.analysisMonth(tenantId, month));
    return item ? analysisOf(item) : undefined;
  }

  async months(tenantId: string, from: string, to: string): Promise<MonthlyAnalysis[]> {
    await roundTrip();
    const [a, b] = [keys.analysisMonth(tenantId, from).sk, keys.analysisMonth(tenantId, to).sk];
    return this.table.queryAll({ pk: keys.analysisPk(tenantId), range: (sk) => sk >= a && sk <= b }).flatMap((i) => analysisOf(i) ?? []);
  }

  async keep(tenantId: string, analysis: MonthlyAnalysis): Promise<boolean> {
    await roundTrip();
    return this.table.put(analysisItem(tenantId, analysis), (current) => current === undefined || (typeof current.v === 'number' && current.v < ANALYSIS_VERSION));
  }
}
