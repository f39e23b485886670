import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError, ValidationError } from '@whistle/shared';
import * as z from 'zod/mini';
import { AwsCallError } from '../adapters/aws-errors.js';
import type { Key } from './keys.js';

/**
 * A thin, typed layer over the AWS SDK's DynamoDBDocumentClient: items go in
 * and come out as plain objects (tests/integration/store-adapter.test.ts).
 * Retries and throttling are the SDK's (standard mode). Every call maps
 * transport and service failures to StoreUnavailableError (the cause says
 * which: an AwsCallError wrapping the SDK's exception), and a failed write
 * condition to a `false` / `undefined` result the repositories turn into
 * domain answers.
 */
export interface StoreOptions {
  tableName: string;
  region: string;
  /** DynamoDB's regional endpoint by default; the local stack's dynalite */
  endpoint?: string;
  /** only for a local endpoint; on Lambda the SDK's default provider chain */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** the SDK's standard mode: 3 */
  maxAttempts?: number;
}

export type Item = Record<string, unknown>;

/** What a query names (the table is the store's; the start key comes from the cursor). */
export interface QueryInput {
  IndexName?: string;
  KeyConditionExpression: string;
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
  /** the attributes to return (the read costs the whole item all the same) */
  ProjectionExpression?: string;
  ScanIndexForward?: boolean;
  Limit?: number;
  ConsistentRead?: boolean;
}

const isConditionFailure = (e: unknown) =>
  e instanceof AwsCallError && (e.code === 'ConditionalCheckFailedException' || e.code === 'TransactionCanceledException');

const CURSOR_INVALID = '分页游标无效，请从第一页重新加载';

export class Store {
  readonly tableName: string;
  private readonly doc: DynamoDBDocumentClient;

  constructor(opts: StoreOptions) {
    const client = new DynamoDBClient({
      region: opts.region,
      retryMode: 'standard',
      maxAttempts: opts.maxAttempts ?? 3,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      ...(opts.endpoint && opts.credentials ? { credentials: opts.credentials } : {}),
    });
    // undefined attributes are dropped, class instances are an error (a Date must be an ISO string by then)
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
    this.tableName = opts.tableName;
  }

  /**
   * One operation. A failed condition is rethrown as AwsCallError (the callers answer it); `refine` may turn
   * another service error into a domain error; a malformed request is an internal error; anything else is
   * StoreUnavailableError.
   */
  private async call<T>(what: string, send: () => Promise<T>, refine?: (e: AwsCallError) => Error | undefined): Promise<T> {
    try {
      return await send();
    } catch (e) {
      const err = AwsCallError.from(e, `dynamodb ${what}`);
      if (isConditionFailure(err)) throw err;
      const refined = refine?.(err);
      if (refined) throw refined;
      // a request DynamoDB refuses as malformed is our bug, not an outage: a 500 that stands out, never a 503 to retry
      if (err.code === 'ValidationException') throw new Error(`dynamodb ${what}: the request was refused as malformed`, { cause: err });
      throw new StoreUnavailableError(err);
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
    const out = await this.call('GetItem', () =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: consistent })),
    );
    return out.Item;
  }

  /** Put; returns false when the condition did not hold. */
  async put(item: Item, condition?: { expression: string; names?: Record<string, string>; values?: Item }): Promise<boolean> {
    try {
      await this.call('PutItem', () =>
        this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: item,
            ...conditionInput(condition),
          }),
        ),
      );
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
      const out = await this.call('UpdateItem', () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: key.pk, sk: key.sk },
            UpdateExpression: update,
            ...(opts.condition ? { ConditionExpression: opts.condition } : {}),
            ...(opts.names ? { ExpressionAttributeNames: opts.names } : {}),
            ...(opts.values ? { ExpressionAttributeValues: opts.values } : {}),
            ReturnValues: opts.returns ?? 'ALL_NEW',
          }),
        ),
      );
      return out.Attributes ?? {};
    } catch (e) {
      if (isConditionFailure(e)) return undefined;
      throw e;
    }
  }

  /** Delete; with a condition, returns false when it did not hold (nothing deleted). */
  async delete(key: Key, condition?: { expression: string; names?: Record<string, string>; values?: Item }): Promise<boolean> {
    try {
      await this.call('DeleteItem', () =>
        this.doc.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { pk: key.pk, sk: key.sk },
            ...conditionInput(condition),
          }),
        ),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  private queryCommand(input: QueryInput, start?: Record<string, unknown>): QueryCommandInput {
    return { TableName: this.tableName, ...input, ...(start ? { ExclusiveStartKey: start } : {}) };
  }

  /** a well-formed cursor that does not fit this query (edited, or from another list) */
  private static badCursor(start: unknown) {
    return (e: AwsCallError) => (start && e.code === 'ValidationException' ? new ValidationError([{ field: 'cursor', message: CURSOR_INVALID }], e) : undefined);
  }

  /** One page of a query; the cursor is opaque to clients. */
  async queryPage(input: QueryInput, cursor?: string): Promise<{ items: Item[]; cursor?: string; scanned: number }> {
    const start = cursor ? decodeCursor(cursor) : undefined;
    const out = await this.call('Query', () => this.doc.send(new QueryCommand(this.queryCommand(input, start))), Store.badCursor(start));
    return {
      items: out.Items ?? [],
      scanned: out.ScannedCount ?? 0,
      ...(out.LastEvaluatedKey ? { cursor: encodeCursor(out.LastEvaluatedKey) } : {}),
    };
  }

  /** All pages of a query (bounded: for small partitions such as reference data). */
  async queryAll(input: QueryInput, maxPages = 50): Promise<Item[]> {
    return this.call('Query', async () => {
      const items: Item[] = [];
      let pages = 0;
      for await (const page of paginateQuery({ client: this.doc }, this.queryCommand(input))) {
        items.push(...(page.Items ?? []));
        if (++pages >= maxPages) break;
      }
      return items;
    });
  }

  async batchGet(keyList: Key[], consistent = false): Promise<Item[]> {
    const out: Item[] = [];
    const unique = dedupeKeys(keyList);
    for (let i = 0; i < unique.length; i += 100) {
      await this.untilProcessed('batch get', unique.slice(i, i + 100), async (keys) => {
        const res = await this.call('BatchGetItem', () =>
          this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ...(consistent ? { ConsistentRead: true } : {}) } } })),
        );
        out.push(...(res.Responses?.[this.tableName] ?? []));
        return (res.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Key[];
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
    type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };
    // DynamoDB refuses a batch that names one key twice: the last write of a key wins, as if written in order
    const byKey = new Map<string, WriteRequest>();
    for (const item of puts) byKey.set(`${String(item.pk)}\u0000${String(item.sk)}`, { PutRequest: { Item: item } });
    for (const key of deletes) byKey.set(`${key.pk}\u0000${key.sk}`, { DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } });
    const requests = [...byKey.values()];
    await Promise.all(
      Array.from({ length: Math.ceil(requests.length / 25) }, (_, c) =>
        this.untilProcessed('batch write', requests.slice(c * 25, c * 25 + 25), async (batch) => {
          const res = await this.call('BatchWriteItem', () => this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: batch } })));
          return (res.UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[];
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
    throw new ValidationError([{ field: 'cursor', message: CURSOR_INVALID }], cause);
  }
}

/** A write's condition as the SDK's input fields (none without one). */
function conditionInput(condition: { expression: string; names?: Record<string, string>; values?: Item } | undefined) {
  if (!condition) return {};
  return {
    ConditionExpression: condition.expression,
    ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
    ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
  };
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
    changedPk: _k,
    changedSk: _l,
    ...rest
  } = item;
  return rest;
}
