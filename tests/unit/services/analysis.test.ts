import { ForbiddenError, ValidationError, type MonthlyAnalysis } from '@whistle/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoHistory } from '../../../functions/src/local/demo-history.js';
import { monthlyAnalysisOf } from '../../../functions/src/services/analysis.js';
import { keys } from '../../../functions/src/store/keys.js';
import { MemoryHistoryMarker } from '../../support/memory/history-marker.js';
import { demoPorts, type MemoryPorts } from '../../support/memory/index.js';

/**
 * The monthly analysis on the demo district's history (13 weeks before Monday
 * 30 November 2026): the last full month and the current one open populated,
 * and the units the history makes slow (planning, 西城街道) are among the slowest.
 */
const ANCHOR = '2026-11-30T02:00:00.000Z';
let ports: MemoryPorts;
let as: Awaited<ReturnType<typeof demoPorts>>['as'];
let october: MonthlyAnalysis;
let november: MonthlyAnalysis;

beforeAll(async () => {
  const demo = await demoPorts({ now: ANCHOR });
  ports = demo.ports;
  as = demo.as;
  const loaded = await loadDemoHistory(
    { tickets: ports.tickets, notices: ports.notices, outbox: ports.outbox, settings: ports.settings, refs: ports.refs, historyMarker: new MemoryHistoryMarker(ports.table) },
    demo.data,
    ANCHOR,
  );
  expect(loaded.state).toBe('loaded');
  october = await monthlyAnalysisOf(ports, await as('supervisor'), '2026-10');
  november = await monthlyAnalysisOf(ports, await as('leader-zhang'), '2026-11');
}, 60_000);

describe('the monthly analysis of the demo history', () => {
  it('opens the last full month populated: every township, satisfaction, the slow units named', () => {
    expect(october.complete).toBe(true);
    expect(october.figures.total).toBeGreaterThan(60);
    expect(october.byTownship.filter((t) => t.count > 0).map((t) => t.unitId).sort()).toEqual(['dgjd', 'nsz', 'xcjd']);
    expect(october.satisfaction.rated).toBeGreaterThan(10);
    expect(october.slowestUnits.length).toBeGreaterThanOrEqual(3);
    expect(october.slowestUnits.map((u) => u.unitId)).toEqual(expect.arrayContaining(['ghzy']));
    // the history began 13 weeks before the anchor: on the last day of August
    expect(october.trend.filter((m) => m.total > 0).map((m) => m.month)).toEqual(['2026-08', '2026-09', '2026-10']);
  });

  it('opens the current month as of now, and keeps only the finished one', async () => {
    expect(november).toMatchObject({ complete: false, asOf: ANCHOR });
    expect(november.figures.total).toBeGreaterThan(60);
    expect(november.previous?.month).toBe('2026-10');
    expect(november.previous?.total).toBe(october.figures.total);
    const { tenantId } = await as('supervisor');
    expect(ports.table.get(keys.analysisMonth(tenantId, '2026-10'))).toBeDefined();
    expect(ports.table.get(keys.analysisMonth(tenantId, '2026-11'))).toBeUndefined();
  });

  it('answers a kept month from the store, as kept', async () => {
    const again = await monthlyAnalysisOf(ports, await as('admin'), '2026-10');
    expect(again.computedAt).toBe(october.computedAt);
    expect(again).toEqual(october);
  });

  it('refuses officers, unit leads and owners, and months not begun', async () => {
    for (const user of ['officer-jxw', 'lead-jxw', 'owner-01']) {
      await expect(monthlyAnalysisOf(ports, await as(user), '2026-10'), user).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(monthlyAnalysisOf(ports, await as('supervisor'), '2026-12')).rejects.toBeInstanceOf(ValidationError);
  });
});
