import { ForbiddenError, ValidationError, type LedgerRow, type Ticket } from '@whistle/shared';
import { describe, expect, it, vi } from 'vitest';
import { applyJob } from '../../../functions/src/services/escalation.js';
import { exportSheets, MAX_EXPORT_ROWS } from '../../../functions/src/services/exports.js';
import { sweepAll } from '../../../functions/src/services/sweep.js';
import { issueCommand } from '../../../functions/src/services/tickets.js';
import { failure, kit, type Kit } from './kit.js';

/** Shanghai wall time → UTC ISO */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

/** Four tickets around the fourth quarter of 2026, one claimed late (a 督办单), one handled to the end. */
async function ledgerKit(): Promise<Kit & { q3: Ticket; october: Ticket; resolved: Ticket; other: Ticket }> {
  const k = await kit(sh('2026-09-30T23:30:00'));
  const q3 = await k.raise('owner-01', { title: '九月最后一单' });
  k.ports.clock.set(sh('2026-10-08T10:00:00'));
  const october = await k.raise('owner-02', { title: '十月无人认领' });
  // past its claim clock: the sweep issues a reminder
  k.ports.clock.set(sh('2026-10-09T10:00:00'));
  await sweepAll(k.ports);
  for (const job of k.ports.queue.escalations.splice(0)) await applyJob(k.ports, job);
  k.ports.clock.set(sh('2026-11-30T10:00:00'));
  const resolvedRaised = await k.raise('owner-01', { title: '用电增容' });
  const other = await k.raise('owner-01', { title: '招工难', category: 'talent' });
  const jxw = await k.as('officer-jxw');
  k.ports.clock.advance(30 * 60_000);
  await issueCommand(k.ports, jxw, resolvedRaised.id, { type: 'claim' });
  await issueCommand(k.ports, await k.as('officer-fgw'), other.id, { type: 'claim' });
  k.ports.clock.advance(60 * 60_000);
  await issueCommand(k.ports, jxw, resolvedRaised.id, { type: 'resolve', kind: 'answered', summary: '已答复' });
  const resolved = await issueCommand(k.ports, await k.as('owner-01'), resolvedRaised.id, { type: 'rate', score: 'satisfied' });
  return { ...k, q3, october, resolved, other };
}

const rowsOf = (sheets: { rows: readonly unknown[] }[]) => sheets[0]?.rows as LedgerRow[];

describe('exportSheets: the ledger', () => {
  it('gives the supervisor every ticket created in the period, oldest first, with clocks, notices, unit and rating', async () => {
    const k = await ledgerKit();
    const q4 = await exportSheets(k.ports, await k.as('supervisor'), { period: '2026-Q4', sheet: 'ledger' });
    expect(q4.filename).toBe('清溪区-诉求台账-2026-Q4.xlsx');
    expect(q4.fallbackFilename).toBe('ledger-2026-Q4.xlsx');
    expect(q4.sheets[0]?.title).toBe('清溪区 诉求台账（2026年第四季度）');
    const rows = rowsOf(q4.sheets);
    expect(rows.map((r) => r.title)).toEqual(['十月无人认领', '用电增容', '招工难']);
    expect(rows[0]).toMatchObject({ status: '待认领', unit: undefined, overdue: '是', reminders: 1, urges: 0, warnings: 0, claimedAt: undefined });
    expect(rows[1]).toMatchObject({
      number: k.resolved.number,
      status: '已销号',
      unit: '区经济和信息化委员会',
      createdAt: sh('2026-11-30T10:00:00'),
      claimedAt: sh('2026-11-30T10:30:00'),
      claimMet: sh('2026-11-30T10:30:00'),
      resolution: '直接解答',
      resolvedAt: sh('2026-11-30T11:30:00'),
      rating: '满意',
      overdue: '否',
      reminders: 0,
      reopens: 0,
      category: '水电气网',
      priority: '一般',
      channel: '小程序',
    });
    expect(rows[1]?.claimDue).toBe(k.resolved.clocks.find((c) => c.id === 'claim')?.dueAt);
    // a month and a year
    expect(rowsOf((await exportSheets(k.ports, await k.as('admin'), { period: '2026-11', sheet: 'ledger' })).sheets).map((r) => r.title)).toEqual(['用电增容', '招工难']);
    expect(rowsOf((await exportSheets(k.ports, await k.as('leader-zhang'), { period: '2026', sheet: 'ledger' })).sheets)).toHaveLength(4);
    expect(rowsOf((await exportSheets(k.ports, await k.as('supervisor'), { period: '2026-09', sheet: 'ledger' })).sheets).map((r) => r.title)).toEqual(['九月最后一单']);
    expect(rowsOf((await exportSheets(k.ports, await k.as('supervisor'), { period: '2025', sheet: 'ledger' })).sheets)).toEqual([]);
  });

  it("gives a unit lead its own unit's tickets only, under the unit's name", async () => {
    const k = await ledgerKit();
    const jxw = await exportSheets(k.ports, await k.as('lead-jxw'), { period: '2026-Q4', sheet: 'ledger' });
    expect(rowsOf(jxw.sheets).map((r) => r.title)).toEqual(['用电增容']);
    expect(jxw.filename).toBe('清溪区-区经济和信息化委员会-诉求台账-2026-Q4.xlsx');
    expect(jxw.sheets[0]?.title).toBe('清溪区 区经济和信息化委员会 诉求台账（2026年第四季度）');
    expect(rowsOf((await exportSheets(k.ports, await k.as('lead-fgw'), { period: '2026-Q4', sheet: 'ledger' })).sheets).map((r) => r.title)).toEqual(['招工难']);
    expect(rowsOf((await exportSheets(k.ports, await k.as('lead-rsj'), { period: '2026-Q4', sheet: 'ledger' })).sheets)).toEqual([]);
  });

  it('refuses owners, officers and agents', async () => {
    const k = await kit();
    for (const user of ['owner-01', 'officer-jxw', 'agent-1', 'grid-g01']) {
      expect(await failure(async () => exportSheets(k.ports, await k.as(user), { period: '2026-Q4', sheet: 'ledger' })), user).toBeInstanceOf(ForbiddenError);
    }
  });

  it('refuses a period with more tickets than one export holds, naming the period', async () => {
    const k = await ledgerKit();
    const many = Array.from({ length: MAX_EXPORT_ROWS + 1 }, () => k.resolved);
    vi.spyOn(k.ports.tickets, 'createdBetween').mockResolvedValue({ items: many, scanned: many.length });
    const e = await failure(async () => exportSheets(k.ports, await k.as('supervisor'), { period: '2026', sheet: 'ledger' }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).details[0]?.field).toBe('period');
  });
});
