import { TABLE_DEFINITION, ValidationError, type IndexName } from '@whistle/shared';
import { stripKeys } from '../../../functions/src/store/dynamo.js';
import type { Key } from '../../../functions/src/store/keys.js';

/**
 * The single table, in memory: items by (pk, sk) and the indexes of
 * shared/src/table.ts, read the way DynamoDB reads them (a partition in sort
 * key order, a GSI by its own keys, `Limit` before any filter, an opaque
 * cursor). Every write is one synchronous step, its condition checked in that
 * same step, as DynamoDB's conditional writes are atomic; the adapters yield
 * (`roundTrip`) before and after it, as a network round trip would, so
 * concurrent requests interleave between their reads and their writes.
 * Values are deep-copied on the way in and out.
 */
export type Item = Record<string, unknown>;
export type { Key };

/**
 * A network round trip: lets every other pending request run (macrotasks, not
 * just microtasks), for one to three turns of the event loop, so that requests
 * started in one order may reach the table in another, as over a network. The
 * turns come from a seeded generator: a run interleaves the same way each time.
 */
export async function roundTrip(): Promise<void> {
  const turns = 1 + (nextRandom() % 3);
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

let seed = 0x2545f491;
/** xorshift32 */
function nextRandom(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
/** Restarts the round-trip generator (a test that wants one interleaving whatever ran before it). */
export function seedRoundTrips(value: number): void {
  seed = value | 0 || 1;
}

const clone = <T>(v: T): T => structuredClone(v);
const INDEXES = new Map<string, { partitionKey: string; sortKey: string }>(TABLE_DEFINITION.globalSecondaryIndexes.map((i) => [i.name, i]));

/** Where an item sits in a query's order: its index sort key, then its table key (ties never lose items). */
type Position = [string, string, string];
const comparePositions = (a: Position, b: Position): number => {
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

export interface MemoryQuery {
  /** a GSI (shared/src/table.ts); the table itself when absent */
  index?: IndexName;
  pk: string;
  /** a key condition on the sort key */
  range?: (sk: string) => boolean;
  /** false: descending (ScanIndexForward: false) */
  forward?: boolean;
  limit?: number;
  /** applied to the items the page read (after `limit`, as a FilterExpression is) */
  filter?: (item: Item) => boolean;
}

export class MemoryTable {
  private readonly partitions = new Map<string, Map<string, Item>>();

  get(key: Key): Item | undefined {
    const item = this.partitions.get(key.pk)?.get(key.sk);
    return item ? clone(item) : undefined;
  }

  /** Writes the item whole; with a condition, only when it holds for the item there now (false otherwise). */
  put(item: Item & Key, condition?: (current: Item | undefined) => boolean): boolean {
    const current = this.partitions.get(item.pk)?.get(item.sk);
    if (condition && !condition(current)) return false;
    let partition = this.partitions.get(item.pk);
    if (!partition) {
      partition = new Map();
      this.partitions.set(item.pk, partition);
    }
    partition.set(item.sk, clone(item));
    return true;
  }

  /**
   * An UpdateItem: `change` sees the item there now (or undefined) and answers
   * the item to store, or undefined when the condition fails (nothing written).
   * Answers the item as stored (ALL_NEW), or undefined.
   */
  update(key: Key, change: (current: Item | undefined) => Item | undefined): Item | undefined {
    const current = this.partitions.get(key.pk)?.get(key.sk);
    const next = change(current ? clone(current) : undefined);
    if (!next) return undefined;
    this.put({ ...next, pk: key.pk, sk: key.sk });
    return clone({ ...next, pk: key.pk, sk: key.sk });
  }

  delete(key: Key): void {
    this.partitions.get(key.pk)?.delete(key.sk);
  }

  /** One page of a query, with DynamoDB's cursor semantics (a cursor only while items are left). */
  query(q: MemoryQuery, cursor?: string): { items: Item[]; cursor?: string; scanned: number } {
    const index = q.index ? INDEXES.get(q.index) : undefined;
    if (q.index && !index) throw new Error(`no index ${q.index}`);
    const pkName = index?.partitionKey ?? 'pk';
    const skName = index?.sortKey ?? 'sk';
    const candidates: Array<{ item: Item; at: Position }> = [];
    const consider = (item: Item) => {
      if (item[pkName] !== q.pk) return;
      const sk = item[skName];
      if (typeof sk !== 'string') return;
      if (q.range && !q.range(sk)) return;
      candidates.push({ item, at: [sk, String(item.pk), String(item.sk)] });
    };
    if (index) for (const partition of this.partitions.values()) for (const item of partition.values()) consider(item);
    else for (const item of this.partitions.get(q.pk)?.values() ?? []) consider(item);
    const forward = q.forward ?? true;
    candidates.sort((a, b) => (forward ? comparePositions(a.at, b.at) : comparePositions(b.at, a.at)));
    let from = 0;
    if (cursor) {
      const after = decodePosition(cursor);
      from = candidates.findIndex((c) => (forward ? comparePositions(c.at, after) > 0 : comparePositions(c.at, after) < 0));
      if (from < 0) from = candidates.length;
    }
    const limit = q.limit ?? Number.POSITIVE_INFINITY;
    const page = candidates.slice(from, from + limit);
    const more = from + page.length < candidates.length;
    const last = page.at(-1);
    const items = page.map((c) => clone(c.item)).filter((i) => !q.filter || q.filter(i));
    return { items, scanned: page.length, ...(more && last ? { cursor: encodePosition(last.at) } : {}) };
  }

  /** Every page of a query. */
  queryAll(q: MemoryQuery): Item[] {
    const items: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = this.query(q, cursor);
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return items;
  }

  /** Every item (for assertions in tests). */
  dump(): Item[] {
    return [...this.partitions.values()].flatMap((p) => [...p.values()].map(clone));
  }
}

const encodePosition = (at: Position): string => Buffer.from(JSON.stringify(at), 'utf8').toString('base64url');

function decodePosition(cursor: string): Position {
  try {
    const at: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(at) && at.length === 3 && at.every((x) => typeof x === 'string')) return at as Position;
  } catch {
    // answered below
  }
  throw new ValidationError([{ field: 'cursor', message: '分页游标无效，请从第一页重新加载' }]);
}

/** the DynamoDB store's own: the same attributes are storage-only here */
export { stripKeys };

/** An `ADD value 1` on a counter item: the next number of that counter. */
export function nextCount(table: MemoryTable, key: Key): number {
  const out = table.update(key, (current) => ({ ...key, entity: 'COUNTER', value: Number(current?.value ?? 0) + 1 }));
  return Number(out?.value);
}
