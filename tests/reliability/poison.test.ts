import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Ticket } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OUTBOX_ATTEMPTS, sweepTenant } from '../../functions/src/services/sweep.js';
import { keys } from '../../functions/src/store/keys.js';
import { wire } from '../../functions/src/wiring.js';
import { newKey, outboxPoller, startKit, withEnv, type Kit } from '../integration/requests-kit.js';

/**
 * One bad message must never wedge a ticket. Emoji and supplementary-plane
 * CJK travel through the queue as through real SQS (the local emulator
 * refused them, and a committed message then answered 503 on every read of
 * its ticket); and a message the queue refuses for good waits in the durable
 * outbox, is sent again by the sweep, and is parked after MAX_OUTBOX_ATTEMPTS,
 * while reads and commands on the ticket keep working.
 */
let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.close();
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const inboxOf = async (userId: string) => (await kit.api.call('GET', '/api/inbox', { token: await kit.token(userId) })).body.items as Array<{ title: string; body: string; ticketId?: string }>;

describe('a poison message', () => {
  it('emoji and rare CJK characters go through the queue: the intake is created once, the notifications arrive intact', async () => {
    const poller = await outboxPoller(kit.env);
    const key = newKey();
    const title = '收到😭厂房漏水 𠀀𡈼';
    const first = await kit.api.call('POST', '/api/tickets', { token: await kit.token('owner-01'), body: { title, description: '屋顶漏水👍，请尽快处理𠀀', category: 'utilities' }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const t = first.body.ticket as Ticket;
    const again = await kit.api.call('POST', '/api/tickets', { token: await kit.token('owner-01'), body: { title, description: '屋顶漏水👍，请尽快处理𠀀', category: 'utilities' }, headers: { 'idempotency-key': key } });
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(t.id);

    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/claim`)).status).toBe(200);
    expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/messages`, { text: '收到，马上处理👍' })).status).toBe(200);
    await poller.drain();
    const owner = await inboxOf('owner-01');
    expect(owner.find((i) => i.ticketId === t.id && i.body.includes('收到，马上处理👍'))).toBeDefined();
    const grid = await inboxOf('grid-g01');
    expect(grid.find((i) => i.ticketId === t.id)?.body).toContain(title);
    const d = await kit.api.call('GET', `/api/tickets/${t.id}`, { token: await kit.token('owner-01') });
    expect(d.status).toBe(200);
    expect(d.body.timeline.map((e: { text?: string }) => e.text)).toContain('收到，马上处理👍');
  });

  it('a queue that refuses for good: reads and commands keep working, the sweep sends again, then parks the message', async () => {
    const t = await kit.raise('owner-02', { title: '队列拒收测试' });
    const port = await closedPort();
    let messageId = '';
    await withEnv({ SQS_ENDPOINT: `http://127.0.0.1:${port}` }, async () => {
      expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/claim`)).status).toBe(200);
      const replied = await kit.post('officer-jxw', `/api/tickets/${t.id}/messages`, { text: '收到，马上处理👍' });
      expect(replied.status).toBe(200);
      messageId = `${t.id}:${replied.body.ticket.version}:0`;
      // reads and further commands on the ticket work while its messages cannot be sent
      for (const user of ['owner-02', 'officer-jxw', 'supervisor']) {
        expect((await kit.api.call('GET', `/api/tickets/${t.id}`, { token: await kit.token(user) })).status, user).toBe(200);
      }
      expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/progress`, { text: '已联系供电所' })).status).toBe(200);

      // the sweep sends it again at growing intervals, each time refused, and parks it after the last attempt
      const deps = wire();
      const record = () => kit.env.doc.send(new GetCommand({ TableName: deps.store.tableName, ConsistentRead: true, Key: keys.outboxRecord(kit.tenantId, t.id, messageId) }));
      expect((await record()).Item?.duePk).toBeDefined();
      let at = Date.now();
      let parked = 0;
      for (let i = 0; i < 3 * MAX_OUTBOX_ATTEMPTS && parked === 0; i++) {
        at += 2 * 3600_000;
        // the clock steps due meanwhile cannot be queued either: the sweep reports that, and goes on next time
        parked += (await sweepTenant(deps, kit.tenantId, new Date(at).toISOString()).catch(() => undefined))?.outboxParked ?? 0;
      }
      const item = (await record()).Item;
      expect(item?.duePk).toBeUndefined();
      expect(item?.parkedAt).toBeDefined();
      expect(item?.attempts).toBe(MAX_OUTBOX_ATTEMPTS);
    });
    // and the ticket still answers
    expect((await kit.api.call('GET', `/api/tickets/${t.id}`, { token: await kit.token('owner-02') })).status).toBe(200);
  });
});
