import { isItemOverdue, type Ticket } from '@whistle/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { planDemoHistory, type HistoryPlan } from '../../functions/src/local/demo-history.js';
import { tenantContext } from '../../functions/src/services/tenant-context.js';
import { demoPorts } from '../support/memory/index.js';

/** The demo district's key matter with a plan, and its classified tickets (planned as the loader writes them). */
const ANCHOR = '2026-11-30T02:00:00.000Z'; // Monday 10:00 in Shanghai
const lastOf = (plan: HistoryPlan): Ticket[] => plan.tickets.map((t) => t.steps.at(-1)?.ticket).filter((t): t is Ticket => t !== undefined);

describe('the demo key matter (一企一策) and classes', () => {
  let plan: HistoryPlan;
  beforeAll(async () => {
    const { ports, data } = await demoPorts({ now: ANCHOR });
    plan = planDemoHistory(data, await tenantContext(ports, data.tenant.id), ANCHOR);
  }, 30_000);

  it('holds one key matter with a leader, a lead unit, 3–4 co-units and 8 items: some done, one overdue with its 提醒, the rest open', () => {
    expect(plan.stats.refused).toEqual([]);
    const planned = lastOf(plan).filter((t) => t.plan);
    expect(planned).toHaveLength(1);
    const [t] = planned;
    if (!t?.plan) throw new Error('a planned ticket');
    expect(t.classification?.class).toBe('key');
    expect(t.leader).toBeDefined();
    expect(t.status).toBe('claimed');
    expect(t.plan.leadUnitId).toBe(t.handlingUnitId);
    expect(t.plan.coUnits.length).toBeGreaterThanOrEqual(3);
    expect(t.plan.coUnits.length).toBeLessThanOrEqual(4);
    expect(t.plan.items).toHaveLength(8);
    const done = t.plan.items.filter((i) => i.status === 'done');
    expect(done.length).toBeGreaterThanOrEqual(3);
    const overdue = t.plan.items.filter((i) => isItemOverdue(i, ANCHOR));
    expect(overdue).toHaveLength(1);
    const clock = t.clocks.find((c) => c.id === `item:${overdue[0]?.id}`);
    expect(clock?.escalations).toBe(1);
    const noticed = plan.tickets.find((x) => x.id === t.id)?.steps.filter((s) => s.notice).map((s) => s.ticket.clocks.find((c) => c.id === clock?.id)?.escalations);
    expect(noticed).toContain(1);
    expect(t.plan.items.some((i) => i.status === 'open' && !isItemOverdue(i, ANCHOR))).toBe(true);
  });

  it('classifies a few tickets common, individual and key; the rest stay unclassified', () => {
    const tickets = lastOf(plan);
    const by = (c: string) => tickets.filter((t) => t.classification?.class === c).length;
    expect(by('common')).toBeGreaterThan(0);
    expect(by('individual')).toBeGreaterThan(0);
    expect(by('key')).toBeGreaterThan(1);
    expect(tickets.filter((t) => !t.classification).length).toBeGreaterThan(tickets.length / 2);
  });
});
