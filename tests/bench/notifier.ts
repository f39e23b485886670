/**
 * Notifier drain benchmark (issue 11): how fast the outbox queue's consumer
 * turns messages into people's inbox items, against a raw BatchWriteItem of
 * the same inbox items in the same run.
 *
 * The demo district on dynalite in this process; MESSAGES outbox messages,
 * each to a group (its member units' officers: ~20 people), as intake
 * publishes them. The notifier handler is invoked with SQS batches of ten, as
 * the event source mapping hands them over, CONCURRENCY batches at once; its
 * work per message: resolve the audience, look up which items exist (a
 * redelivery), write the new ones, forget the outbox record. Then the same
 * inbox items are written raw (BatchWriteItem, 25 a request, the same
 * concurrency). Prints messages/s, inbox items/s and the ratio items/s ÷ raw
 * items/s (target ≥ 0.5). Figures only: no assertions.
 *
 *   npx tsx tests/bench/notifier.ts        (BENCH_MESSAGES=300 by default)
 */
import '../../functions/src/wiring/queue.js';
import '../../functions/src/wiring/tokens.js';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { handler as notifier } from '../../functions/src/handlers/notifier.js';
import { localDocumentClient } from '../../functions/src/local/services.js';
import { toSqsRecord } from '../../functions/src/local/sqs-poller.js';
import type { OutboxMessage } from '../../functions/src/ports.js';
import { keys } from '../../functions/src/store/keys.js';
import { startBenchApi } from './store.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 300);
const BATCH = 10;
const CONCURRENCY = 4;

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i] as T);
    }),
  );
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const api = await startBenchApi();
  try {
    const groups = ['ind-equipment', 'ind-electronics', 'town-dgjd', 'key'];
    const run = Date.now();
    const message = (i: number): OutboxMessage => ({
      id: `tkbench${run}x${i}:1:0`,
      tenantId: api.tenantId,
      ticketId: `tkbench${run}x${i}`,
      ticketNumber: `2026-${String(i).padStart(6, '0')}`,
      event: 'published',
      audience: [{ kind: 'group', id: groups[i % groups.length] ?? 'key' }],
      title: '新的企业吹哨',
      body: `基准企业 ${i}：厂房用电增容`,
      at: new Date(Date.UTC(2026, 10, 24, 2, 0, i)).toISOString(),
    });
    const batches = (msgs: OutboxMessage[]): SQSEvent[] =>
      Array.from({ length: Math.ceil(msgs.length / BATCH) }, (_, b) => ({
        Records: msgs.slice(b * BATCH, b * BATCH + BATCH).map((m) => toSqsRecord({ MessageId: m.id, ReceiptHandle: m.id, Body: JSON.stringify(m) }, 'arn:aws:sqs:us-east-1:000000000000:outbox')),
      }));
    const deliver = async (event: SQSEvent) => {
      const res = await notifier(event);
      if (res.batchItemFailures.length > 0) throw new Error(`notifier failed ${res.batchItemFailures.length} messages`);
    };
    // warm: handler module, reference caches, connections
    await inParallel(batches(Array.from({ length: 40 }, (_, i) => message(100_000 + i))), CONCURRENCY, deliver);

    const msgs = Array.from({ length: MESSAGES }, (_, i) => message(i));
    api.storeCalls(true);
    const seconds = await inParallel(batches(msgs), CONCURRENCY, deliver);
    const calls = api.storeCalls(true);
    // the inbox items it wrote, read back by their keys' partitions: as many as the audiences hold
    const doc = localDocumentClient(api.endpoint);
    const users = new Map<string, number>();
    const { resolveAudience } = await import('../../functions/src/services/audience.js');
    const { wire } = await import('../../functions/src/wiring.js');
    let itemCount = 0;
    const items: Array<Record<string, unknown>> = [];
    for (const m of msgs) {
      const people = await resolveAudience(wire(), m.tenantId, m.audience, m.at);
      itemCount += people.length;
      for (const u of people) {
        users.set(u.id, (users.get(u.id) ?? 0) + 1);
        items.push({ ...keys.inboxItem(m.tenantId, `raw-${u.id}`, m.at, `${m.id}:${u.id}`), entity: 'INBOX', id: `${m.id}:${u.id}`, userId: u.id, at: m.at, kind: m.event, title: m.title, body: m.body, ticketId: m.ticketId });
      }
    }
    // the raw baseline: the same items, BatchWriteItem 25 a request, the same concurrency
    const chunks = Array.from({ length: Math.ceil(items.length / 25) }, (_, c) => items.slice(c * 25, c * 25 + 25));
    const rawSeconds = await inParallel(chunks, CONCURRENCY, async (chunk) => {
      let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [api.tableName]: pending } }));
        pending = (out.UnprocessedItems?.[api.tableName] ?? []) as typeof pending;
      }
    });
    doc.destroy();
    const itemsPerSec = itemCount / seconds;
    const rawPerSec = items.length / rawSeconds;
    console.log(`notifier: ${MESSAGES} outbox messages to groups (${(itemCount / MESSAGES).toFixed(1)} people each, ${itemCount} inbox items), batches of ${BATCH}, ${CONCURRENCY} at once`);
    console.log(`  notifier        ${(MESSAGES / seconds).toFixed(0)} messages/s = ${itemsPerSec.toFixed(0)} inbox items/s   (${seconds.toFixed(2)} s)`);
    console.log(`  store calls per message: ${Object.entries(calls).map(([k, v]) => `${k} ${(v / MESSAGES).toFixed(2)}`).join(', ')}`);
    console.log(`  raw BatchWriteItem of the same items: ${rawPerSec.toFixed(0)} items/s   (${rawSeconds.toFixed(2)} s)`);
    console.log(`  drain rate ÷ raw: ${(itemsPerSec / rawPerSec).toFixed(2)} (target ≥ 0.5)`);
  } finally {
    await api.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
