import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError, ValidationError } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsCallError } from '../../functions/src/adapters/aws-errors.js';
import { Store } from '../../functions/src/store/dynamo.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { startFakeAws, type FakeAws } from '../support/fake-aws.js';

/**
 * The functions' DynamoDB adapter (store/dynamo.ts: the SDK's
 * DynamoDBDocumentClient) against a real DynamoDB wire protocol: dynalite here, the
 * official DynamoDB Local in the conformance run. What it writes, the AWS SDK
 * reads back the same, and the other way round; and against a misbehaving
 * endpoint, it retries what the SDK would retry and nothing else.
 */
let env: TestEnv;
let store: Store;
beforeAll(async () => {
  env = await useIntegrationEnv({ seed: false });
  store = env.deps.store;
});

const pk = (name: string) => `T#${env.tenantId}#ADAPTER#${name}`;

/** every kind of value a stored ticket has, and some it might */
const sample = () => ({
  title: '企业用电增容',
  empty: '',
  count: 42,
  ratio: 0.375,
  negative: -7,
  flag: false,
  none: null,
  nested: { unit: { id: 'jxw', name: '区经济和信息化委员会' }, list: [1, 'two', { three: 3 }, [], {}] },
  tags: ['重点', 'key'],
  groupIds: new Set(['key', 'ind-equipment']),
  scores: new Set([3, 5]),
});

describe('Store on the DynamoDB wire protocol', () => {
  it('writes items the AWS SDK reads back unchanged, and reads what the SDK wrote', async () => {
    const item = { pk: pk('roundtrip'), sk: 'A', ...sample(), dropped: undefined };
    await store.put(item);
    const viaSdk = await env.doc.send(new GetCommand({ TableName: store.tableName, Key: { pk: item.pk, sk: 'A' }, ConsistentRead: true }));
    const { dropped: _dropped, ...expected } = item;
    expect(viaSdk.Item).toEqual(expected);
    expect(viaSdk.Item && 'dropped' in viaSdk.Item).toBe(false);

    await env.doc.send(new PutCommand({ TableName: store.tableName, Item: { pk: item.pk, sk: 'B', ...sample() } }));
    expect(await store.get({ pk: item.pk, sk: 'B' }, true)).toEqual({ pk: item.pk, sk: 'B', ...sample() });
    expect(await store.get({ pk: item.pk, sk: 'missing' }, true)).toBeUndefined();
  });

  it('answers a failed condition with false or undefined, writing nothing', async () => {
    const key = { pk: pk('condition'), sk: 'A' };
    expect(await store.put({ ...key, version: 1 }, { expression: 'attribute_not_exists(pk)' })).toBe(true);
    expect(await store.put({ ...key, version: 9 }, { expression: 'attribute_not_exists(pk)' })).toBe(false);
    expect(await store.update(key, 'SET version = :v', { condition: 'version = :old', values: { ':v': 3, ':old': 2 } })).toBeUndefined();
    expect(await store.get(key, true)).toEqual({ ...key, version: 1 });

    const updated = await store.update(key, 'SET version = :v, #n = :n', { condition: 'version = :old', names: { '#n': 'note' }, values: { ':v': 2, ':old': 1, ':n': '已联系' }, returns: 'UPDATED_NEW' });
    expect(updated).toEqual({ version: 2, note: '已联系' });
    expect(await store.update(key, 'SET version = :v', { values: { ':v': 3 }, returns: 'NONE' })).toEqual({});
    expect(await store.update(key, 'SET version = :v', { values: { ':v': 4 } })).toEqual({ ...key, version: 4, note: '已联系' });
  });

  it('pages a query with an opaque cursor the SDK would accept as its start key, and refuses a cursor of another list', async () => {
    const p = pk('pages');
    await store.batchWrite(Array.from({ length: 7 }, (_, i) => ({ pk: p, sk: `S#${String(i).padStart(2, '0')}`, i })));
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.queryPage({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': p }, Limit: 3, ConsistentRead: true }, cursor);
      seen.push(...page.items.map((x) => x.i as number));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(pages).toBeGreaterThanOrEqual(3);

    const sdk = await env.doc.send(new QueryCommand({ TableName: store.tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': p }, ScanIndexForward: false, Limit: 2 }));
    const ours = await store.queryPage({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': p }, ScanIndexForward: false, Limit: 2 });
    expect(ours.items).toEqual(sdk.Items);

    const first = await store.queryPage({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': p }, Limit: 2 });
    const other = store.queryPage({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk('elsewhere') } }, first.cursor);
    await expect(other).rejects.toBeInstanceOf(ValidationError);
    await expect(other).rejects.toMatchObject({ details: [expect.objectContaining({ field: 'cursor' })] });
  });

  it('writes and deletes in batches of 25 and reads in batches of 100, duplicates once', async () => {
    const p = pk('batch');
    const items = Array.from({ length: 130 }, (_, i) => ({ pk: p, sk: `S#${String(i).padStart(3, '0')}`, i }));
    await store.batchWrite(items);
    const keys = [...items.map(({ pk: k, sk }) => ({ pk: k, sk })), { pk: p, sk: 'S#000' }];
    const got = await store.batchGet(keys, true);
    expect(got.map((x) => x.i as number).sort((a, b) => a - b)).toEqual(items.map((x) => x.i));
    await store.batchWrite([], items.slice(0, 60).map(({ pk: k, sk }) => ({ pk: k, sk })));
    expect(await store.batchGet(keys, true)).toHaveLength(70);
  });

  it('writes a batch that names one key twice (DynamoDB refuses such a request): the last write of the key wins', async () => {
    const p = pk('dup');
    await store.batchWrite([{ pk: p, sk: 'A', n: 1 }, { pk: p, sk: 'B', n: 1 }, { pk: p, sk: 'A', n: 2 }], [{ pk: p, sk: 'B' }]);
    expect((await store.get({ pk: p, sk: 'A' }, true))?.n).toBe(2);
    expect(await store.get({ pk: p, sk: 'B' }, true)).toBeUndefined();
  });
});

describe('Store against a misbehaving endpoint', () => {
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFakeAws();
  });
  afterAll(() => fake.close());
  const faulty = () =>
    new Store({ tableName: 'whistle', region: 'us-east-1', endpoint: fake.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const status = (code: number, type: string) => () => ({ status: code, body: { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: type } });

  it('retries throttling and 5xx as the SDK does, then succeeds', async () => {
    fake.script(status(400, 'ProvisionedThroughputExceededException'), status(503, 'ServiceUnavailable'), () => ({ status: 200, body: { Item: { pk: { S: 'a' }, sk: { S: 'b' }, n: { N: '1' } } } }));
    expect(await faulty().get({ pk: 'a', sk: 'b' })).toEqual({ pk: 'a', sk: 'b', n: 1 });
    expect(fake.calls).toEqual(['GetItem', 'GetItem', 'GetItem']);
  });

  it('gives up after three attempts with StoreUnavailableError, the service error as its cause', async () => {
    fake.script();
    const err = await faulty().put({ pk: 'a', sk: 'b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as StoreUnavailableError).cause).toBeInstanceOf(AwsCallError);
    expect((err as StoreUnavailableError).cause).toMatchObject({ code: 'InternalError', status: 500 });
    expect(fake.calls).toHaveLength(3);
  });

  it('does not retry a failed condition or a malformed request', async () => {
    fake.script(status(400, 'ConditionalCheckFailedException'));
    expect(await faulty().put({ pk: 'a', sk: 'b' }, { expression: 'attribute_not_exists(pk)' })).toBe(false);
    expect(fake.calls).toEqual(['PutItem']);

    fake.script(status(400, 'ValidationException'));
    const malformed = await faulty().update({ pk: 'a', sk: 'b' }, 'SET x = :x').catch((e: unknown) => e);
    expect(malformed).toMatchObject({ cause: { code: 'ValidationException', retryable: false } });
    // our bug, not an outage: not the 503 that tells a client to retry
    expect(malformed).not.toBeInstanceOf(StoreUnavailableError);
    expect(fake.calls).toEqual(['UpdateItem']);
  });

  it('retries the keys and items DynamoDB left unprocessed', async () => {
    fake.script(
      () => ({ status: 200, body: { Responses: { whistle: [{ pk: { S: 'a' }, sk: { S: '1' } }] }, UnprocessedKeys: { whistle: { Keys: [{ pk: { S: 'a' }, sk: { S: '2' } }] } } } }),
      () => ({ status: 200, body: { Responses: { whistle: [{ pk: { S: 'a' }, sk: { S: '2' } }] } } }),
    );
    expect(await faulty().batchGet([{ pk: 'a', sk: '1' }, { pk: 'a', sk: '2' }])).toEqual([{ pk: 'a', sk: '1' }, { pk: 'a', sk: '2' }]);
    expect(fake.bodies[1]).toEqual({ RequestItems: { whistle: { Keys: [{ pk: { S: 'a' }, sk: { S: '2' } }] } } });

    const left = { PutRequest: { Item: { pk: { S: 'a' }, sk: { S: '2' } } } };
    fake.script(
      () => ({ status: 200, body: { UnprocessedItems: { whistle: [left] } } }),
      () => ({ status: 200, body: {} }),
    );
    await faulty().batchWrite([{ pk: 'a', sk: '1' }, { pk: 'a', sk: '2' }]);
    expect(fake.calls).toEqual(['BatchWriteItem', 'BatchWriteItem']);
    expect(fake.bodies[1]).toEqual({ RequestItems: { whistle: [left] } });
  });
});
