import { describe, expect, it } from 'vitest';
import { EFFECTS_RECOVERY_MS, OUTBOX_REDELIVERY_MS } from '../../../functions/src/ports.js';
import { deliver } from '../../../functions/src/services/notify.js';
import { MAX_OUTBOX_ATTEMPTS, sweepAll } from '../../../functions/src/services/sweep.js';
import { issueCommand, ticketDetail } from '../../../functions/src/services/tickets.js';
import { KEY_OWNER, kit } from './kit.js';

const MINUTE = 60_000;

/** The durable outbox: nothing that must reach people is lost, and nothing that cannot be sent wedges a ticket. */
describe('durable outbox on in-memory ports', () => {
  it('a queue that refuses never blocks the ticket: the command succeeds, the message waits, the sweep sends it, delivery forgets it', async () => {
    const k = await kit();
    const owner = await k.as(KEY_OWNER);
    const officer = await k.as('officer-jxw');
    const t = await k.raise(KEY_OWNER);
    await issueCommand(k.ports, officer, t.id, { type: 'claim' });
    k.ports.queue.failNext(1, 'outbox');
    const replied = await issueCommand(k.ports, officer, t.id, { type: 'message', text: '收到，马上处理👍' });
    expect(replied.version).toBe(3);
    // reads and commands keep working
    const d = await ticketDetail(k.ports, owner, t.id);
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published', 'claimed', 'message']);
    expect((await k.ports.tickets.get(k.tenantId, t.id))?.pending).toBeUndefined();
    const id = `${t.id}:3:0`;
    expect(k.ports.queue.outboxOf(t.id).map((m) => m.id)).not.toContain(id);
    expect(k.ports.outbox.pending().map((m) => m.id)).toContain(id);
    expect(k.ports.logger.warnings().map((l) => l.message)).toContain('outbox messages not sent; the sweep sends them again');

    // not yet due: nothing is sent again
    expect((await sweepAll(k.ports)).outboxResent).toBe(0);
    // due: the sweep sends every undelivered message once (two sweeps at once: still once)
    k.ports.clock.advance(OUTBOX_REDELIVERY_MS + MINUTE);
    const [a, b] = await Promise.all([sweepAll(k.ports), sweepAll(k.ports)]);
    const resent = k.ports.queue.outboxOf(t.id).filter((m) => m.id === id);
    expect(resent).toHaveLength(1);
    expect(a.outboxResent + b.outboxResent).toBe(k.ports.outbox.pending().length);

    // the notifier delivers them all: the records go, and no sweep sends anything again
    for (const m of k.ports.outbox.pending()) await deliver(k.ports, m);
    expect(k.ports.outbox.pending()).toEqual([]);
    k.ports.clock.advance(24 * 60 * MINUTE);
    expect((await sweepAll(k.ports)).outboxResent).toBe(0);
    const items = await k.ports.inbox.list(k.tenantId, KEY_OWNER);
    expect(items.filter((i) => i.id.startsWith(`${id}:`))).toHaveLength(1);
  });

  it('a message never delivered is sent again with growing pauses, then parked with a log line naming its ticket', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    // the intake's assess message was consumed; its notification never is
    await k.ports.outbox.delivered(k.ports.queue.assessments);
    let sends = 0;
    for (let i = 0; i < 40 && k.ports.outbox.pending().length > 0; i++) {
      k.ports.clock.advance(2 * 60 * MINUTE);
      sends += (await sweepAll(k.ports)).outboxResent;
    }
    // the published message was sent with the intake, then MAX_OUTBOX_ATTEMPTS more times, then parked
    expect(k.ports.outbox.pending()).toEqual([]);
    expect(sends).toBe(MAX_OUTBOX_ATTEMPTS);
    const parked = k.ports.logger.errors().filter((l) => l.message === 'outbox message parked: never delivered');
    expect(parked).toHaveLength(1);
    expect(parked[0]?.extra[0]).toMatchObject({ ticketId: t.id, ticketNumber: t.number, messageId: `${t.id}:1:0` });
    expect(k.ports.metrics.count('OutboxParked')).toBe(1);
  });

  it('a commit whose writer died before its effects, and that nobody reads, is finished by the sweep', async () => {
    const k = await kit();
    const officer = await k.as('officer-jxw');
    const t = await k.raise(KEY_OWNER);
    for (const m of k.ports.outbox.pending()) await deliver(k.ports, m);
    k.ports.tickets.failApplyNext(1);
    await expect(issueCommand(k.ports, officer, t.id, { type: 'claim' })).rejects.toThrow();
    expect((await k.ports.tickets.get(k.tenantId, t.id))?.pending).toBeDefined();
    expect((await sweepAll(k.ports)).effectsFinished).toBe(0);
    k.ports.clock.advance(EFFECTS_RECOVERY_MS + MINUTE);
    expect((await sweepAll(k.ports)).effectsFinished).toBe(1);
    expect((await k.ports.tickets.get(k.tenantId, t.id))?.pending).toBeUndefined();
    expect(k.ports.queue.outboxOf(t.id).map((m) => m.event)).toEqual(['published', 'claimed']);
  });
});
