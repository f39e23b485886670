import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FeedResponse, Ticket, TicketDetailResponse } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/src/store/keys.js';
import { newKey, startKit, tenantItems, withEnv, type Kit } from './requests-kit.js';

/**
 * The store goes away (or fails half-way through a request): the API answers
 * 503 STORE_UNAVAILABLE with the envelope, and what was half done is either
 * invisible and finished by a retry, or finished by the next reader; never a
 * half-written ticket in lists or feeds.
 */
let kit: Kit;
let proxy: FaultyProxy;
beforeAll(async () => {
  kit = await startKit();
  proxy = await startFaultyProxy(kit.env.env.DYNAMODB_ENDPOINT ?? '');
});
afterAll(async () => {
  await proxy.close();
  await kit.close();
});

/** A DynamoDB endpoint in front of the real one that fails requests when told to. */
interface FaultyProxy {
  url: string;
  /** decides per request (operation, JSON body) whether to fail it; `undefined`: pass everything */
  failWhen: ((op: string, body: string) => boolean) | undefined;
  seen: string[];
  close(): Promise<void>;
}

async function startFaultyProxy(upstream: string): Promise<FaultyProxy> {
  const target = new URL(upstream);
  const state: FaultyProxy = { url: '', failWhen: undefined, seen: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      state.seen.push(op);
      if (state.failWhen?.(op, body.toString('utf8'))) {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'injected failure' }));
        return;
      }
      const up = request(
        { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 500, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      up.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}

/** a port nothing listens on */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const BODY = { title: '厂区道路破损', description: '厂区门口道路破损，影响货车通行。', category: 'utilities' };
const raise = async (userId: string, key: string) =>
  kit.api.call('POST', '/api/tickets', { token: await kit.token(userId), headers: { 'idempotency-key': key }, body: BODY });
const expectUnavailable = (res: { status: number; body: unknown }, code = 'STORE_UNAVAILABLE') => {
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } });
};
const ticketsOf = async (ownerId: string) => (await tenantItems(kit.env)).filter((i) => i.entity === 'TICKET' && i.enterpriseId === kit.enterpriseOf(ownerId));

describe('the store is down', () => {
  it('answers 503 with the envelope on every kind of request, and a later retry creates the ticket once', async () => {
    const key = newKey();
    // tokens first: signing needs no store, but the dev login reads the user
    const owner = await kit.token('owner-20');
    const officer = await kit.token('officer-jxw');
    const existing = await kit.raise('owner-20');
    const before = (await ticketsOf('owner-20')).length;
    const port = await closedPort();
    await withEnv({ DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}` }, async () => {
      expectUnavailable(await kit.api.call('GET', '/api/me', { token: owner }));
      expectUnavailable(await raise('owner-20', key));
      expectUnavailable(await kit.api.call('POST', `/api/tickets/${existing.id}/claim`, { token: officer }));
      expectUnavailable(await kit.api.call('GET', '/api/groups', { token: officer }));
      expectUnavailable(await kit.api.call('POST', '/api/auth/dev-login', { body: { userId: 'owner-20' } }));
      const health = await kit.api.call('GET', '/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'degraded', checks: { store: { ok: false } } });
    });
    expect((await ticketsOf('owner-20')).length).toBe(before);
    const retry = await raise('owner-20', key);
    expect(retry.status).toBe(201);
    expect((await ticketsOf('owner-20')).length).toBe(before + 1);
  });
});

/**
 * Raises a request whose first write (the ticket, still in intake) lands and
 * whose every later store call fails: the caller gets 503. True when the
 * first write did land.
 */
async function raiseFailingAfterCreate(userId: string, key: string): Promise<boolean> {
  await kit.token(userId);
  let created = false;
  proxy.failWhen = (op, body) => {
    if (created) return true;
    if (op === 'PutItem' && body.includes('"intakePending"')) created = true;
    return false;
  };
  await withEnv({ DYNAMODB_ENDPOINT: proxy.url }, async () => {
    expectUnavailable(await raise(userId, key));
  });
  proxy.failWhen = undefined;
  return created;
}

describe('the store fails half-way', () => {
  it('leaves an intake that failed after its first write invisible, and a retry finishes it into one full ticket', async () => {
    const key = newKey();
    expect(await raiseFailingAfterCreate('owner-21', key)).toBe(true);

    // the ticket item exists, still in intake: in no list, no feed, not readable
    const items = await ticketsOf('owner-21');
    expect(items).toHaveLength(1);
    expect(items[0]?.intakePending).toBe(true);
    const id = String(items[0]?.id);
    const owner = await kit.token('owner-21');
    expect((await kit.api.call('GET', `/api/tickets/${id}`, { token: owner })).status).toBe(404);
    expect((await kit.api.call('GET', '/api/tickets', { token: owner })).body.items).toEqual([]);
    const groupIds = items[0]?.groupIds as string[];
    const feedIds = async () => ((await kit.api.call('GET', `/api/groups/${groupIds[0]}/feed?limit=100`, { token: await kit.token('supervisor') })).body as FeedResponse).items.map((c) => c.ticketId);
    expect(await feedIds()).not.toContain(id);
    // nobody can act on it meanwhile
    expect((await kit.api.call('POST', `/api/tickets/${id}/claim`, { token: await kit.token('officer-jxw') })).status).toBe(404);

    // the retry finishes it
    const retry = await raise('owner-21', key);
    expect(retry.status).toBe(200);
    const t = retry.body.ticket as Ticket;
    expect(t.id).toBe(id);
    const after = await ticketsOf('owner-21');
    expect(after).toHaveLength(1);
    expect(after[0]?.intakePending).toBeUndefined();
    expect(after[0]?.pending).toBeUndefined();
    const d = (await kit.api.call('GET', `/api/tickets/${id}`, { token: owner })).body as TicketDetailResponse;
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published']);
    expect(((await kit.api.call('GET', '/api/tickets', { token: owner })).body.items as Ticket[]).map((x) => x.id)).toEqual([id]);
    expect(await feedIds()).toContain(id);
    for (const g of groupIds) {
      const feed = (await kit.api.call('GET', `/api/groups/${g}/feed?limit=100`, { token: await kit.token('supervisor') })).body as FeedResponse;
      expect(feed.items.filter((c) => c.ticketId === id), g).toHaveLength(1);
    }
  });

  it('finishes an intake nobody retried from the sweep, ten minutes after it was made, and not before', async () => {
    const key = newKey();
    expect(await raiseFailingAfterCreate('owner-27', key)).toBe(true);
    const id = String((await ticketsOf('owner-27'))[0]?.id);
    const owner = await kit.token('owner-27');
    const mine = async () => ((await kit.api.call('GET', '/api/tickets', { token: owner })).body.items as Ticket[]).map((t) => t.id);

    // nine minutes on: the caller may still retry; the sweep leaves it
    kit.advance(9 * 60_000);
    expect((await sweepTenant(kit.env.deps, kit.tenantId, kit.env.deps.clock.now().toISOString())).intakesFinished).toBe(0);
    expect(await mine()).toEqual([]);

    // eleven minutes on: nobody did; the sweep finishes it into a full ticket, once
    kit.advance(2 * 60_000);
    expect((await sweepTenant(kit.env.deps, kit.tenantId, kit.env.deps.clock.now().toISOString())).intakesFinished).toBe(1);
    expect(await mine()).toEqual([id]);
    const d = (await kit.api.call('GET', `/api/tickets/${id}`, { token: owner })).body as TicketDetailResponse;
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published']);
    const [item] = await ticketsOf('owner-27');
    expect(item?.intakePending).toBeUndefined();
    // in the due index now for its claim clock, no longer for its recovery
    expect(String(item?.dueSk)).toBe(`${d.ticket.clocks.find((c) => c.kind === 'claim')?.dueAt}#${id}`);
    for (const g of d.ticket.groupIds) {
      const feed = (await kit.api.call('GET', `/api/groups/${g}/feed?limit=100`, { token: await kit.token('supervisor') })).body as FeedResponse;
      expect(feed.items.filter((c) => c.ticketId === id), g).toHaveLength(1);
    }
    expect((await sweepTenant(kit.env.deps, kit.tenantId, kit.env.deps.clock.now().toISOString())).intakesFinished).toBe(0);
    // and the caller's late retry gets that same ticket
    const retry = await raise('owner-27', key);
    expect(retry.status).toBe(200);
    expect((retry.body.ticket as Ticket).id).toBe(id);
  });

  it('finishes a claim whose commit landed but whose effects did not, on the next read', async () => {
    const t = await kit.raise('owner-22');
    const officer = await kit.token('officer-jxw');
    let committed = false;
    proxy.failWhen = (op, body) => {
      if (committed) return true;
      if (op === 'PutItem' && body.includes('"pending"') && body.includes('"claimed"')) committed = true;
      return false;
    };
    await withEnv({ DYNAMODB_ENDPOINT: proxy.url }, async () => {
      expectUnavailable(await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: officer }));
    });
    proxy.failWhen = undefined;
    expect(committed).toBe(true);

    // the claim was committed: another unit learns who has it, and the read completes the effects
    const other = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: await kit.token('officer-fgw') });
    expect(other.status).toBe(409);
    expect(other.body.error.details).toMatchObject({ unitId: 'jxw' });
    const d = (await kit.api.call('GET', `/api/tickets/${t.id}`, { token: officer })).body as TicketDetailResponse;
    expect(d.ticket.status).toBe('claimed');
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published', 'claimed']);
    const item = (await tenantItems(kit.env)).find((i) => i.entity === 'TICKET' && i.id === t.id);
    expect(item?.pending).toBeUndefined();
    // and the unit list and feeds show it claimed
    expect(((await kit.api.call('GET', '/api/tickets?view=unit', { token: officer })).body.items as Ticket[]).map((x) => x.id)).toContain(t.id);
    const feed = (await kit.api.call('GET', '/api/groups/key/feed?limit=100', { token: officer })).body as FeedResponse;
    expect(feed.items.find((c) => c.ticketId === t.id)?.status).toBe('claimed');
    // the claimer retrying hears that its own unit has it
    const again = await kit.api.call('POST', `/api/tickets/${t.id}/claim`, { token: officer });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ unitId: 'jxw' });
  });

  it('writes nothing when the number counter fails, and the retry gets the next number', async () => {
    const key = newKey();
    const owner = await kit.token('owner-23');
    const first = await kit.raise('owner-23');
    proxy.failWhen = (op) => op === 'UpdateItem';
    await withEnv({ DYNAMODB_ENDPOINT: proxy.url }, async () => {
      expectUnavailable(await raise('owner-23', key));
    });
    proxy.failWhen = undefined;
    expect(await ticketsOf('owner-23')).toHaveLength(1);
    const retry = await raise('owner-23', key);
    expect(retry.status).toBe(201);
    expect(Number(retry.body.ticket.number.slice(5))).toBeGreaterThan(Number(first.number.slice(5)));
    expect(((await kit.api.call('GET', '/api/tickets', { token: owner })).body.items as Ticket[]).length).toBe(2);
  });
});

describe('the outbox queue is down', () => {
  // issue 11: a queue that cannot take a message must not block the ticket (it used to answer 503 and leave
  // the intake half done): the ticket is created once, and its notification waits in the durable outbox
  it('creates the ticket once (201) and keeps its notification in the outbox for the sweep; a retry finds it', async () => {
    const key = newKey();
    await kit.token('owner-24');
    const port = await closedPort();
    let created: Ticket | undefined;
    await withEnv({ SQS_ENDPOINT: `http://127.0.0.1:${port}` }, async () => {
      const res = await raise('owner-24', key);
      expect(res.status).toBe(201);
      created = res.body.ticket as Ticket;
    });
    const items = await ticketsOf('owner-24');
    expect(items).toHaveLength(1);
    expect(items[0]?.intakePending).toBeUndefined();
    const owner = await kit.token('owner-24');
    expect(((await kit.api.call('GET', '/api/tickets', { token: owner })).body.items as Ticket[]).map((t) => t.id)).toEqual([created?.id]);
    // the published message is recorded, undelivered, in the ticket's partition
    const record = await kit.env.doc.send(new GetCommand({ TableName: kit.env.deps.store.tableName, ConsistentRead: true, Key: keys.outboxRecord(kit.tenantId, created?.id ?? '', `${created?.id}:1:0`) }));
    expect(record.Item?.message).toMatchObject({ event: 'published', ticketId: created?.id });
    const retry = await raise('owner-24', key);
    expect(retry.status).toBe(200);
    expect(await ticketsOf('owner-24')).toHaveLength(1);
  });
});
