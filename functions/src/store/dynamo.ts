import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { isWhistleError, StoreUnavailableError, ValidationError } from '@whistle/shared';
import * as z from 'zod/mini';
import type { Key } from './keys.js';

/**
 * A thin, typed layer over the DocumentClient: every call maps transport and
 * service failures to StoreUnavailableError, and a failed write condition to
 * a `false` result the repositories turn into domain answers.
 */
export interface StoreOptions {
  tableName: string;
  region: string;
  endpoint?: string;
  /** local stack: dynalite accepts any credentials */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export type Item = Record<string, unknown>;

const isConditionFailure = (e: unknown) =>
  e instanceof Error && (e.name === 'ConditionalCheckFailedException' || e.name === 'TransactionCanceledException');

export class Store {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;

  constructor(opts: StoreOptions) {
    const client = new DynamoDBClient({
      region: opts.region,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      ...(opts.credentials ? { credentials: opts.credentials } : {}),
      maxAttempts: 3,
    });
    this.doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
    this.tableName = opts.tableName;
  }

  private async call<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      if (isConditionFailure(e) || isWhistleError(e)) throw e;
      throw new StoreUnavailableError(e);
    }
  }

  async get(key: Key, consistent = false): Promise<Item | undefined> {
    const out = await this.call(() =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent })),
    );
    return out.Item;
  }

  /** Put; returns false when the condition did not hold. */
  async put(item: Item, condition?: { expression: string; names?: Record<string, string>; values?: Item }): Promise<boolean> {
    try {
      await this.call(() =>
        this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: item,
            ...(condition
              ? {
                  ConditionExpression: condition.expression,
                  ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
                  ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
                }
              : {}),
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
      const out = await this.call(() =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
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

  async delete(key: Key): Promise<void> {
    await this.call(() => this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key })));
  }

  /** One page of a query; the cursor is opaque to clients. */
  async queryPage(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
    cursor?: string,
  ): Promise<{ items: Item[]; cursor?: string; scanned: number }> {
    const start = cursor ? decodeCursor(cursor) : undefined;
    const out = await this.call(async () => {
      try {
        return await this.doc.send(new QueryCommand({ TableName: this.tableName, ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
      } catch (e) {
        // a well-formed cursor that does not fit this query (edited, or from another list)
        if (start && e instanceof Error && e.name === 'ValidationException') {
          throw new ValidationError([{ field: 'cursor', message: '分页游标无效，请从第一页重新加载' }], e);
        }
        throw e;
      }
    });
    return {
      items: out.Items ?? [],
      scanned: out.ScannedCount ?? 0,
      ...(out.LastEvaluatedKey ? { cursor: encodeCursor(out.LastEvaluatedKey) } : {}),
    };
  }

  /** All pages of a query (bounded: for small partitions such as reference data). */
  async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>, maxPages = 50): Promise<Item[]> {
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
    const out: Item[] = [];
    for (let i = 0; i < keyList.length; i += 100) {
      let pending: Key[] = dedupeKeys(keyList.slice(i, i + 100));
      for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
        const res = await this.call(() =>
          this.doc.send(
            new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ...(consistent ? { ConsistentRead: true } : {}) } } }),
          ),
        );
        out.push(...(res.Responses?.[this.tableName] ?? []));
        pending = (res.UnprocessedKeys?.[this.tableName]?.Keys as Key[] | undefined) ?? [];
      }
      if (pending.length > 0) throw new StoreUnavailableError(new Error('batch get left keys unprocessed'));
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
    const requests: WriteRequest[] = [
      ...puts.map((item) => ({ PutRequest: { Item: item } })),
      ...deletes.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })),
    ];
    await Promise.all(
      Array.from({ length: Math.ceil(requests.length / 25) }, async (_, c) => {
        let pending = requests.slice(c * 25, c * 25 + 25);
        for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
          const batch = pending;
          const res = await this.call(() => this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: batch } })));
          pending = (res.UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[];
        }
        if (pending.length > 0) throw new StoreUnavailableError(new Error('batch write left items unprocessed'));
      }),
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
