import { marshall, unmarshall, type marshallOptions } from '@aws-sdk/util-dynamodb';
import { StoreUnavailableError, ValidationError } from '@whistle/shared';
import * as z from 'zod/mini';
import { AwsCallError, AwsJsonApi } from '../adapters/aws-json-api.js';
import { serviceEndpoint, type AwsCredentials } from '../adapters/aws-signing.js';
import type { Key } from './keys.js';

/**
 * A thin, typed layer over DynamoDB's JSON protocol (adapters/aws-json-api.ts,
 * which says why not the SDK client): items go in and come out as plain
 * objects, marshalled by the SDK's own @aws-sdk/util-dynamodb (what its
 * DocumentClient uses), so values read and write exactly as through the SDK
 * (tests/integration/store-adapter.test.ts). Every call maps transport and service failures to
 * StoreUnavailableError, and a failed write condition to a `false` result the
 * repositories turn into domain answers.
 */
export interface StoreOptions {
  tableName: string;
  region: string;
  /** DynamoDB's regional endpoint by default; the local stack's dynalite */
  endpoint?: string;
  credentials: () => AwsCredentials;
  /** the SDK's standard mode: 3 */
  maxAttempts?: number;
  backoffMs?: (retry: number) => number;
}

export type Item = Record<string, unknown>;
type AttributeMap = Record<string, unknown>;

/** What a query names (the table is the store's; the start key comes from the cursor). */
export interface QueryInput {
  IndexName?: string;
  KeyConditionExpression: string;
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
  ScanIndexForward?: boolean;
  Limit?: number;
  ConsistentRead?: boolean;
}

/** undefined attributes are dropped, class instances are an error (a Date must be an ISO string by then) */
const MARSHALL: marshallOptions = { removeUndefinedValues: true, convertClassInstanceToMap: false };
const toAttributes = (item: Item | Key): AttributeMap => marshall(item, MARSHALL) as AttributeMap;
const fromAttributes = (attrs: AttributeMap): Item => unmarshall(attrs as Parameters<typeof unmarshall>[0]);

const isConditionFailure = (e: unknown) =>
  e instanceof AwsCallError && (e.code === 'ConditionalCheckFailedException' || e.code === 'TransactionCanceledException');

export class Store {
  readonly tableName: string;
  private readonly api: AwsJsonApi;

  constructor(opts: StoreOptions) {
    this.api = new AwsJsonApi({
      endpoint: opts.endpoint ?? serviceEndpoint('dynamodb', opts.region),
      region: opts.region,
      service: 'dynamodb',
      targetPrefix: 'DynamoDB_20120810',
      credentials: opts.credentials,
      ...(opts.maxAttempts !== undefined ? { maxAttempts: opts.maxAttempts } : {}),
      ...(opts.backoffMs ? { backoffMs: opts.backoffMs } : {}),
    });
    this.tableName = opts.tableName;
  }

  /**
   * One operation. A failed condition is rethrown as is (the callers answer it); `refine` may turn
   * another service error into a domain error; anything else is StoreUnavailableError.
   */
  private async call<T>(action: string, input: Item, refine?: (e: AwsCallError) => Error | undefined): Promise<T> {
    try {
      return (await this.api.call(action, input)) as T;
    } catch (e) {
      if (isConditionFailure(e)) throw e;
      const refined = e instanceof AwsCallError ? refine?.(e) : undefined;
      throw refined ?? new StoreUnavailableError(e);
    }
  }

  /** Re-sends what a batch call left unprocessed, with back-off; anything still left is an error. */
  private async untilProcessed<T>(what: string, pending: T[], send: (batch: T[]) => Promise<T[]>): Promise<void> {
    for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      pending = await send(pending);
    }
    if (pending.length > 0) throw new StoreUnavailableError(new Error(`${what} left items unprocessed`));
  }

  async get(key: Key, consistent = false): Promise<Item | undefined> {
    const out = await this.call<{ Item?: AttributeMap }>('GetItem', { TableName: this.tableName, Key: toAttributes(key), ConsistentRead: consistent });
    return out.Item ? fromAttributes(out.Item) : undefined;
  }

  /** Put; returns false when the condition did not hold. */
  async put(item: Item, condition?: { expression: string; names?: Record<string, string>; values?: Item }): Promise<boolean> {
    try {
      await this.call('PutItem', {
        TableName: this.tableName,
        Item: toAttributes(item),
        ...(condition
          ? {
              ConditionExpression: condition.expression,
              ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
              ...(condition.values ? { ExpressionAttributeValues: toAttributes(condition.values) } : {}),
            }
          : {}),
      });
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  /**
   * UpdateItem; returns the new item (or, with `returns: 'UPDATED_NEW'`, only
   * the attributes the update names; with `'NONE'`, nothing: `{}`), or
   * undefined when the condition did not hold.
   */
  async update(
    key: Key,
    update: string,
    opts: { condition?: string; names?: Record<string, string>; values?: Item; returns?: 'ALL_NEW' | 'UPDATED_NEW' | 'NONE' } = {},
  ): Promise<Item | undefined> {
    try {
      const out = await this.call<{ Attributes?: AttributeMap }>('UpdateItem', {
        TableName: this.tableName,
        Key: toAttributes(key),
        UpdateExpression: update,
        ...(opts.condition ? { ConditionExpression: opts.condition } : {}),
        ...(opts.names ? { ExpressionAttributeNames: opts.names } : {}),
        ...(opts.values ? { ExpressionAttributeValues: toAttributes(opts.values) } : {}),
        ReturnValues: opts.returns ?? 'ALL_NEW',
      });
      return out.Attributes ? fromAttributes(out.Attributes) : {};
    } catch (e) {
      if (isConditionFailure(e)) return undefined;
      throw e;
    }
  }

  async delete(key: Key): Promise<void> {
    await this.call('DeleteItem', { TableName: this.tableName, Key: toAttributes(key) });
  }

  /** One page of a query; the cursor is opaque to clients. */
  async queryPage(input: QueryInput, cursor?: string): Promise<{ items: Item[]; cursor?: string; scanned: number }> {
    const start = cursor ? decodeCursor(cursor) : undefined;
    const { ExpressionAttributeValues: values, ...rest } = input;
    const out = await this.call<{ Items?: AttributeMap[]; ScannedCount?: number; LastEvaluatedKey?: AttributeMap }>(
      'Query',
      {
        TableName: this.tableName,
        ...rest,
        ...(values ? { ExpressionAttributeValues: toAttributes(values) } : {}),
        ...(start ? { ExclusiveStartKey: toAttributes(start) } : {}),
      },
      // a well-formed cursor that does not fit this query (edited, or from another list)
      (e) => (start && e.code === 'ValidationException' ? new ValidationError([{ field: 'cursor', message: '分页游标无效，请从第一页重新加载' }], e) : undefined),
    );
    return {
      items: (out.Items ?? []).map(fromAttributes),
      scanned: out.ScannedCount ?? 0,
      ...(out.LastEvaluatedKey ? { cursor: encodeCursor(fromAttributes(out.LastEvaluatedKey)) } : {}),
    };
  }

  /** All pages of a query (bounded: for small partitions such as reference data). */
  async queryAll(input: QueryInput, maxPages = 50): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < maxPages; i++) {
      const page = await this.queryPage(input, cursor);
      items.push(...page.items);
      if (!page.cursor) break;
      cursor = page.cursor;
    }
    return items;
  }

  async batchGet(keyList: Key[], consistent = false): Promise<Item[]> {
    type Res = { Responses?: Record<string, AttributeMap[]>; UnprocessedKeys?: Record<string, { Keys?: AttributeMap[] }> };
    const out: Item[] = [];
    const unique = dedupeKeys(keyList);
    for (let i = 0; i < unique.length; i += 100) {
      await this.untilProcessed('batch get', unique.slice(i, i + 100).map(toAttributes), async (keys) => {
        const res = await this.call<Res>('BatchGetItem', {
          RequestItems: { [this.tableName]: { Keys: keys, ...(consistent ? { ConsistentRead: true } : {}) } },
        });
        out.push(...(res.Responses?.[this.tableName] ?? []).map(fromAttributes));
        return res.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      });
    }
    return out;
  }

  /**
   * Unconditional puts and deletes, 25 a request (one round trip for a
   * ticket's timeline entries and index rows instead of one each).
   * Unprocessed items are retried with backoff; any left over is an error.
   */
  async batchWrite(puts: Item[], deletes: Key[] = []): Promise<void> {
    type WriteRequest = { PutRequest: { Item: AttributeMap } } | { DeleteRequest: { Key: AttributeMap } };
    const requests: WriteRequest[] = [
      ...puts.map((item) => ({ PutRequest: { Item: toAttributes(item) } })),
      ...deletes.map((key) => ({ DeleteRequest: { Key: toAttributes({ pk: key.pk, sk: key.sk }) } })),
    ];
    await Promise.all(
      Array.from({ length: Math.ceil(requests.length / 25) }, (_, c) =>
        this.untilProcessed('batch write', requests.slice(c * 25, c * 25 + 25), async (batch) => {
          const res = await this.call<{ UnprocessedItems?: Record<string, WriteRequest[]> }>('BatchWriteItem', { RequestItems: { [this.tableName]: batch } });
          return res.UnprocessedItems?.[this.tableName] ?? [];
        }),
      ),
    );
  }
}

const dedupeKeys = (list: Key[]): Key[] => {
  const seen = new Set<string>();
  return list.filter((k) => {
    const id = `${k.pk}\u0000${k.sk}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
};

const CursorShape = z.record(z.string(), z.union([z.string(), z.number()]));

export const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

export function decodeCursor(cursor: string): Record<string, string | number> {
  try {
    return CursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (cause) {
    throw new ValidationError([{ field: 'cursor', message: '分页游标无效，请从第一页重新加载' }], cause);
  }
}

/** Removes the storage-only attributes (keys, index keys, bookkeeping) from an item. */
export function stripKeys(item: Item): Item {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    gsi3pk: _e,
    gsi3sk: _f,
    duePk: _g,
    dueSk: _h,
    entity: _i,
    expiresAt: _j,
    ...rest
  } = item;
  return rest;
}
