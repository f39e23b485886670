/**
 * The province bench's meter: counts every call the handlers make on the
 * DynamoDB DocumentClient (as the other benches do, a middleware on the wired
 * client) and, for each write, the partition key it lands on, in the table and
 * in each GSI, with its write request units. Units are worked out from the
 * item before and after the write, read with a second client that is not
 * counted: the table's are 1 per KB of the larger of the two; a GSI's follow
 * DynamoDB's rules (an entry added or removed: one write; kept under the same
 * key and changed: one write; moved to another key: two). A failed
 * conditional write is charged as AWS charges it (the item's size, at least
 * 1), with no index write. Read units are dynalite's ConsumedCapacity (which
 * counts a string's UTF-16 length, not its UTF-8 bytes: Chinese text reads a
 * little cheaper than on AWS).
 *
 * Calls are put in a bucket: the async context's tag (the sweeper, the
 * notifier: set with `meter.as(tag, fn)`) or else the bench's current phase
 * (`meter.phase`), so the handlers behind the gateway count in the phase
 * that drives them.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_DEFINITION } from '@whistle/shared';
import { dynamoItemSize, writeUnits } from './cost.js';

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };

export interface Tally {
  n: number;
  units: number;
}

export interface Bucket {
  /** store calls by action (GetItem, Query, …) and queue calls (`SQS SendMessageBatch`, …) */
  calls: Record<string, number>;
  /** table writes by partition key */
  writes: Map<string, Tally>;
  /** GSI writes by `<index> <partition key>` */
  indexWrites: Map<string, Tally>;
  writeUnits: number;
  indexWriteUnits: number;
  readUnits: number;
  failedWrites: number;
}

const emptyBucket = (): Bucket => ({ calls: {}, writes: new Map(), indexWrites: new Map(), writeUnits: 0, indexWriteUnits: 0, readUnits: 0, failedWrites: 0 });

const bump = (m: Map<string, Tally>, key: string, units: number) => {
  const t = m.get(key) ?? { n: 0, units: 0 };
  t.n++;
  t.units += units;
  m.set(key, t);
};

const INDEXES = TABLE_DEFINITION.globalSecondaryIndexes;

export class Meter {
  phase = 'setup';
  /** false: calls pass through uncounted (seeding, set-up) */
  on = false;
  readonly buckets = new Map<string, Bucket>();
  private readonly tag = new AsyncLocalStorage<string>();

  as<T>(tag: string, fn: () => Promise<T>): Promise<T> {
    return this.tag.run(tag, fn);
  }

  bucket(name = this.tag.getStore() ?? this.phase): Bucket {
    let b = this.buckets.get(name);
    if (!b) this.buckets.set(name, (b = emptyBucket()));
    return b;
  }

  /** Counts the store calls of `doc`; `raw` (uncounted) reads the items before and after each write. */
  attachStore(doc: DynamoDBDocumentClient, raw: DynamoDBDocumentClient, tableName: string): void {
    const read = async (key: Key): Promise<Item | undefined> =>
      (await raw.send(new GetCommand({ TableName: tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }))).Item;
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (!this.on) return next(args);
        const bucket = this.bucket();
        const action = context.commandName?.replace(/Command$/, '') ?? '?';
        bucket.calls[action] = (bucket.calls[action] ?? 0) + 1;
        const input = args.input as Record<string, unknown>;
        const keys = writeKeys(action, input, tableName);
        if (keys.length === 0) {
          if (['GetItem', 'Query', 'BatchGetItem', 'Scan'].includes(action)) input.ReturnConsumedCapacity = 'TOTAL';
          const out = await next(args);
          const cc = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> }).ConsumedCapacity;
          const list = Array.isArray(cc) ? cc : cc ? [cc] : [];
          bucket.readUnits += list.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
          return out;
        }
        const before = await Promise.all(keys.map(read));
        let failed = false;
        try {
          return await next(args);
        } catch (e) {
          failed = e instanceof Error && e.name === 'ConditionalCheckFailedException';
          throw e;
        } finally {
          if (failed) {
            const b = before[0];
            bucket.failedWrites++;
            const units = writeUnits(b ? dynamoItemSize(b) : 0);
            bucket.writeUnits += units;
            bump(bucket.writes, keys[0]?.pk ?? '?', units);
          } else {
            const after = await Promise.all(keys.map(read));
            keys.forEach((key, i) => this.countWrite(bucket, key, before[i], after[i]));
          }
        }
      },
      { step: 'initialize', name: 'provinceMeter' },
    );
  }

  /** Counts the queue calls of `sqs` under `SQS <action>` (the handlers' sends; the pollers' receives and deletes). */
  attachQueue(sqs: SQSClient): void {
    sqs.middlewareStack.add(
      (next, context) => (args) => {
        if (this.on) {
          const bucket = this.bucket();
          const action = `SQS ${context.commandName?.replace(/Command$/, '') ?? '?'}`;
          bucket.calls[action] = (bucket.calls[action] ?? 0) + 1;
        }
        return next(args);
      },
      { step: 'initialize', name: 'provinceMeterQueue' },
    );
  }

  private countWrite(bucket: Bucket, key: Key, before: Item | undefined, after: Item | undefined): void {
    const sizeBefore = before ? dynamoItemSize(before) : 0;
    const sizeAfter = after ? dynamoItemSize(after) : 0;
    const units = writeUnits(Math.max(sizeBefore, sizeAfter));
    bucket.writeUnits += units;
    bump(bucket.writes, key.pk, units);
    if (before && after && JSON.stringify(before) === JSON.stringify(after)) return;
    for (const ix of INDEXES) {
      const was = before?.[ix.partitionKey] !== undefined && before?.[ix.sortKey] !== undefined ? String(before[ix.partitionKey]) : undefined;
      const is = after?.[ix.partitionKey] !== undefined && after?.[ix.sortKey] !== undefined ? String(after[ix.partitionKey]) : undefined;
      const moved = was !== undefined && is !== undefined && (was !== is || before?.[ix.sortKey] !== after?.[ix.sortKey]);
      if (was !== undefined && (is === undefined || moved)) {
        const u = writeUnits(sizeBefore);
        bucket.indexWriteUnits += u;
        bump(bucket.indexWrites, `${ix.name} ${was}`, u);
      }
      if (is !== undefined) {
        const u = writeUnits(sizeAfter);
        bucket.indexWriteUnits += u;
        bump(bucket.indexWrites, `${ix.name} ${is}`, u);
      }
    }
  }

  reset(): void {
    this.buckets.clear();
  }
}

/** The items a write touches (its keys), or none for a read. */
function writeKeys(action: string, input: Record<string, unknown>, tableName: string): Key[] {
  const keyOf = (x: unknown): Key => {
    const k = x as { pk: string; sk: string };
    return { pk: k.pk, sk: k.sk };
  };
  switch (action) {
    case 'PutItem':
      return [keyOf(input.Item)];
    case 'UpdateItem':
    case 'DeleteItem':
      return [keyOf(input.Key)];
    case 'BatchWriteItem': {
      const reqs = ((input.RequestItems as Record<string, unknown[]> | undefined)?.[tableName] ?? []) as Array<{ PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }>;
      return reqs.map((r) => keyOf(r.PutRequest ? r.PutRequest.Item : r.DeleteRequest?.Key));
    }
    default:
      return [];
  }
}

/**
 * A partition key as a pattern: the tenant, ticket, user, group, unit… ids
 * replaced by their kind (`T#<tenant>#TICKET#<ticket>`), the literal parts kept.
 */
export function keyPattern(pk: string): string {
  const parts = pk.split('#');
  const out: string[] = [];
  const after: Record<string, string[]> = {
    T: ['<tenant>'],
    TICKET: ['<ticket>'],
    GROUP: ['<group>'],
    USER: ['<user>'],
    UNIT: ['<unit>'],
    ENT: ['<enterprise>'],
    LEADER: ['<user>'],
    RACE: ['<quarter>'],
    ASSESS: ['<period>'],
    ASSESSLOG: ['<period>', '<unit>'],
    CONTRIB: ['<unit>', '<month>'],
    AUDIT: ['<month>'],
    WXSEND: ['<message>'],
    WX: ['<openid>'],
    DUE: ['<shard>'],
    OUTBOX: ['<shard>'],
  };
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    out.push(p);
    if (p === 'RATE') {
      // RATE#<limit>#<subject>
      out.push(parts[i + 1] ?? '', '<subject>');
      i += 2;
      continue;
    }
    const names = after[p];
    if (names && i + 1 < parts.length) {
      out.push(...names);
      i += names.length;
    }
  }
  return out.join('#');
}
