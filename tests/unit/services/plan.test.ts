import type { Ticket } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { applyJob } from '../../../functions/src/services/escalation.js';
import { sweepAll } from '../../../functions/src/services/sweep.js';
import { issueCommand } from '../../../functions/src/services/tickets.js';
import { KEY_OWNER, kit, type Kit } from './kit.js';

/** Plan items through the services on memory ports: concurrent retries, the due index, the worker. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

async function keyMatter(k: Kit): Promise<Ticket> {
  const t = await k.raise(KEY_OWNER);
  const jxw = await k.as('officer-jxw');
  await issueCommand(k.ports, jxw, t.id, { type: 'claim' });
  await issueCommand(k.ports, jxw, t.id, { type: 'classify', class: 'key', reason: '重点项目' });
  return issueCommand(k.ports, jxw, t.id, { type: 'plan', coUnitIds: ['ghzy'], items: [{ title: '出具规划条件', ownerUnitId: 'nsz', dueDate: '2026-12-01' }] });
}

describe('plan items on memory ports', () => {
  it('the same item added five times at once is one item and one commit', async () => {
    const k = await kit();
    const t = await keyMatter(k);
    const jxw = await k.as('officer-jxw');
    const add = () => issueCommand(k.ports, jxw, t.id, { type: 'addItem', title: '办理施工许可', ownerUnitId: 'zjw', dueDate: '2026-12-04' });
    const answers = await Promise.all(Array.from({ length: 5 }, add));
    const stored = (await k.ports.tickets.get(k.tenantId, t.id))?.ticket;
    expect(stored?.plan?.items.map((i) => i.title)).toEqual(['出具规划条件', '办理施工许可']);
    expect(stored?.version).toBe(t.version + 1);
    expect(new Set(answers.map((a) => a.version))).toEqual(new Set([t.version + 1]));
    expect((await k.ports.tickets.getWithTimeline(k.tenantId, t.id))?.timeline.filter((e) => e.kind === 'itemAdded')).toHaveLength(1);
  });

  it('an overdue item’s clock keeps the ticket in the due index; the worker issues its 提醒 to the owner unit once', async () => {
    const k = await kit();
    const t = await keyMatter(k);
    const item = t.plan?.items[0];
    if (!item) throw new Error('an item');
    expect(item.dueAt).toBe(sh('2026-12-01T17:30:00'));
    k.ports.clock.set(sh('2026-12-01T17:31:00'));
    const before = k.ports.queue.escalations.length;
    await sweepAll(k.ports);
    const job = k.ports.queue.escalations.slice(before).find((j) => j.clockId === `item:${item.id}`);
    if (!job) throw new Error('no job for the item');
    const [first, second] = [await applyJob(k.ports, job), await applyJob(k.ports, job)];
    expect(first).toMatchObject({ kind: 'issued', notice: { level: 'reminder', unitId: 'nsz', itemId: item.id, itemTitle: '出具规划条件' } });
    expect(second).toEqual({ kind: 'dropped', reason: 'done' });
    // done: its clock no longer holds the ticket's due entry at the item's next step
    const nsz = await k.as('officer-nsz');
    const done = await issueCommand(k.ports, nsz, t.id, { type: 'itemDone', itemId: item.id });
    expect(done.clocks.find((c) => c.id === `item:${item.id}`)?.metAt).toBe(sh('2026-12-01T17:31:00'));
    // past the step the urge would have been due: the sweep enqueues nothing for the item
    k.ports.clock.set(sh('2026-12-03T17:31:00'));
    const from = k.ports.queue.escalations.length;
    await sweepAll(k.ports);
    expect(k.ports.queue.escalations.slice(from).filter((j) => j.ticketId === t.id).length).toBeGreaterThan(0);
    expect(k.ports.queue.escalations.slice(from).some((j) => j.clockId === `item:${item.id}`)).toBe(false);
  });
});
