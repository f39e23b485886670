import { request } from 'node:http';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_LOGIN_RATE_LIMITS, DEFAULT_RATE_LIMITS, type RateLimits } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '../../functions/src/config.js';
import { keys, indexKeys } from '../../functions/src/store/keys.js';
import { resetWiring, wire } from '../../functions/src/wiring.js';
import { checkAnswer } from '../support/api.js';
import { newKey, startKit, tenantItems, type Kit } from '../integration/requests-kit.js';

/**
 * Per-caller rate limits over the local gateway and dynalite: counted in the
 * store (so they hold across Lambda instances), refused with 429, Retry-After
 * and the RATE_LIMITED envelope, nothing written for a refused request, an
 * idempotent replay never counted, windows that end.
 */

let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.close();
});

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies field by field
  body: any;
  retryAfter: string | undefined;
}

/**
 * One request over HTTP from a chosen loopback address (the gateway sees it as
 * the caller's source IP), checked against the API document.
 */
function call(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string>; from?: string } = {}): Promise<Answer> {
  const url = new URL(path, kit.api.url);
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: '127.0.0.1',
        port: url.port,
        path: url.pathname + url.search,
        method,
        ...(opts.from ? { localAddress: opts.from } : {}),
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          try {
            checkAnswer(method, path, res.statusCode ?? 0, body);
          } catch (e) {
            reject(e as Error);
            return;
          }
          const ra = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, body, retryAfter: Array.isArray(ra) ? ra[0] : ra });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const BODY = { title: '用电增容审批', description: '新厂房需要增容到 2000 kVA，审批进度不明。', category: 'utilities' };
const intake = async (owner: string, key = newKey()) =>
  call('POST', '/api/tickets', { token: await kit.token(owner), headers: { 'idempotency-key': key }, body: BODY });

const GENEROUS: RateLimits = { intakePerEnterprise: { max: 10_000, windowSeconds: 3600 }, claimsPerOfficer: { max: 10_000, windowSeconds: 60 } };

async function setLimits(limits: Partial<RateLimits>): Promise<Answer> {
  const res = await call('PUT', '/api/admin/rate-limits', { token: await kit.token('admin'), body: { ...GENEROUS, ...limits } });
  expect(res.status).toBe(200);
  return res;
}

/** Waits until at least `needMs` are left in the current fixed window of `windowSeconds` (wall clock). */
async function awayFromEdge(windowSeconds: number, needMs: number): Promise<void> {
  const windowMs = windowSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 50));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ticketsOf = async (owner: string) => {
  const pk = indexKeys.enterpriseTickets(kit.tenantId, kit.enterpriseOf(owner));
  return (await tenantItems(kit.env)).filter((i) => i.entity === 'TICKET' && i.gsi1pk === pk);
};

/** the count stored for a limit's current window (undefined: no item) */
async function storedCount(limit: string, subject: string, windowSeconds: number, tenantId: string | null = kit.tenantId): Promise<number | undefined> {
  const windowMs = windowSeconds * 1000;
  const key = keys.rateCounter(tenantId ?? undefined, limit, subject, Math.floor(Date.now() / windowMs) * windowMs);
  const out = await kit.env.doc.send(new GetCommand({ TableName: kit.env.deps.store.tableName, Key: key, ConsistentRead: true }));
  return out.Item === undefined ? undefined : Number(out.Item.count);
}

function expectLimited(res: Answer, what: string, maxSeconds: number): void {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe('RATE_LIMITED');
  const seconds = Number(res.retryAfter);
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
  expect(res.body.error.details).toEqual({ retryAfterSeconds: seconds });
  expect(res.body.error.message).toBe(`${what}过于频繁，请 ${seconds} 秒后再试`);
}

describe('rate limits', () => {
  it('shows the demo district its limits, written out, and the deployment’s login limits', async () => {
    const res = await call('GET', '/api/admin/rate-limits', { token: await kit.token('admin') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ limits: DEFAULT_RATE_LIMITS, isDefault: false, login: kit.env.deps.loginLimits });
    // a supervisor reads, only an admin writes
    expect((await call('GET', '/api/admin/rate-limits', { token: await kit.token('supervisor') })).status).toBe(200);
    expect((await call('PUT', '/api/admin/rate-limits', { token: await kit.token('supervisor'), body: GENEROUS })).status).toBe(403);
    const bad = await call('PUT', '/api/admin/rate-limits', { token: await kit.token('admin'), body: { ...GENEROUS, claimsPerOfficer: { max: 0, windowSeconds: 60 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('次数上限至少为 1');
  });

  it('(1) lets exactly N of 50 concurrent intakes from one enterprise through; the rest get 429 and nothing is written', async () => {
    const N = 7;
    await setLimits({ intakePerEnterprise: { max: N, windowSeconds: 3600 } });
    await awayFromEdge(3600, 30_000);
    const token = await kit.token('owner-02');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => call('POST', '/api/tickets', { token, headers: { 'idempotency-key': newKey() }, body: BODY })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(N);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(50 - N);
    for (const r of refused) expectLimited(r, '提交', 3600);
    expect(await ticketsOf('owner-02')).toHaveLength(N);
    // the counter holds N: no refused request counted; it expires by TTL after its window
    expect(await storedCount('intake', kit.enterpriseOf('owner-02'), 3600)).toBe(N);
    // another enterprise has its own budget
    expect((await intake('owner-03')).status).toBe(201);
  });

  it('(2) holds across separately wired instances: the count is in the store, not in a process', async () => {
    await setLimits({ intakePerEnterprise: { max: 6, windowSeconds: 3600 } });
    await awayFromEdge(3600, 30_000);
    const first = wire();
    for (let i = 0; i < 4; i++) expect((await intake('owner-10')).status).toBe(201);
    // a new container: new clients, new settings cache, the same table
    resetWiring();
    const second = wire();
    // identity, not deep equality: a deep compare would read every port, wired or not
    expect(second === first).toBe(false);
    const after = await Promise.all(Array.from({ length: 4 }, () => intake('owner-10')));
    expect(after.filter((r) => r.status === 201)).toHaveLength(2);
    expect(after.filter((r) => r.status === 429)).toHaveLength(2);
    expect(await ticketsOf('owner-10')).toHaveLength(6);

    // two instances side by side, 20 concurrent takes at once: exactly `max` pass
    const limit = { tenantId: kit.tenantId, name: 'probe', subject: 'two-instances', max: 5, windowSeconds: 3600 };
    const now = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).rateLimiter.take(limit, now)));
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
  });

  it('(3) limits claims per officer per minute; another officer still claims; a refused claim writes nothing', async () => {
    await setLimits({ claimsPerOfficer: { max: 3, windowSeconds: 60 } });
    await awayFromEdge(60, 20_000);
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push(await kit.raise('owner-01', { title: `认领限流 ${i}` }));
    const jxw = await kit.token('officer-jxw');
    for (const t of tickets.slice(0, 2)) expect((await call('POST', `/api/tickets/${t.id}/claim`, { token: jxw })).status).toBe(200);
    // a ticket that is not there: 404, and it takes nothing from the budget
    expect((await call('POST', '/api/tickets/tk-not-there-000/claim', { token: jxw })).status).toBe(404);
    expect((await call('POST', `/api/tickets/${tickets[2]?.id ?? ''}/claim`, { token: jxw })).status).toBe(200);
    const fourth = tickets[3]?.id ?? '';
    const refused = await call('POST', `/api/tickets/${fourth}/claim`, { token: jxw });
    expectLimited(refused, '认领', 60);
    const d = await kit.detail(fourth);
    expect(d.ticket.status).toBe('published');
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published']);
    expect(await storedCount('claim', 'officer-jxw', 60)).toBe(3);
    // per officer: another officer of the group claims it
    expect((await call('POST', `/api/tickets/${fourth}/claim`, { token: await kit.token('officer-fgw') })).status).toBe(200);
  });

  describe('(4) sign-in, per user and per source (deployment configuration)', () => {
    const saved = { user: process.env.LOGIN_LIMIT_PER_USER, source: process.env.LOGIN_LIMIT_PER_SOURCE };
    beforeAll(() => {
      process.env.LOGIN_LIMIT_PER_USER = '3/900';
      process.env.LOGIN_LIMIT_PER_SOURCE = '5/900';
      resetConfig();
      resetWiring();
    });
    afterAll(() => {
      for (const [name, v] of [['LOGIN_LIMIT_PER_USER', saved.user], ['LOGIN_LIMIT_PER_SOURCE', saved.source]] as const) {
        if (v === undefined) delete process.env[name];
        else process.env[name] = v;
      }
      resetConfig();
      resetWiring();
    });
    const login = (userId: string, from: string) => call('POST', '/api/auth/dev-login', { body: { userId }, from });

    it('refuses a user’s 4th sign-in in 15 minutes, from any source; a source’s 6th, for any user', async () => {
      await awayFromEdge(900, 30_000);
      // sources of their own (the gateway fills sourceIp from the socket)
      const a = '127.0.0.41';
      const b = '127.0.0.42';
      for (let i = 0; i < 3; i++) expect((await login('owner-11', a)).status).toBe(200);
      expectLimited(await login('owner-11', a), '登录', 900);
      // the refusal did not count against the source (nothing written for a refused request)
      expect(await storedCount('login-source', a, 900, null)).toBe(3);
      expect((await login('owner-12', a)).status).toBe(200);
      expect((await login('owner-13', a)).status).toBe(200);
      expectLimited(await login('owner-14', a), '登录', 900);
      // another source: owner-14 signs in; owner-11 is still over its own limit
      expect((await login('owner-14', b)).status).toBe(200);
      expectLimited(await login('owner-11', b), '登录', 900);
      expect(await storedCount('login-user', `dev:${kit.tenantId}:owner-11`, 900, null)).toBe(3);
    });

    it('tells the admin the deployment’s login limits', async () => {
      const res = await call('GET', '/api/admin/rate-limits', { token: await kit.token('admin') });
      expect(res.body.login).toEqual({ perUser: { max: 3, windowSeconds: 900 }, perSource: { max: 5, windowSeconds: 900 } });
      expect(res.body.login).not.toEqual(DEFAULT_LOGIN_RATE_LIMITS);
    });
  });

  it('(5) applies a limit changed through PUT /api/admin/rate-limits at once', async () => {
    await setLimits({ intakePerEnterprise: { max: 2, windowSeconds: 3600 } });
    await awayFromEdge(3600, 30_000);
    expect((await intake('owner-15')).status).toBe(201);
    expect((await intake('owner-15')).status).toBe(201);
    expectLimited(await intake('owner-15'), '提交', 3600);
    const put = await setLimits({ intakePerEnterprise: { max: 3, windowSeconds: 3600 } });
    expect(put.body.limits.intakePerEnterprise).toEqual({ max: 3, windowSeconds: 3600 });
    expect(put.body.isDefault).toBe(false);
    expect((await intake('owner-15')).status).toBe(201);
    expectLimited(await intake('owner-15'), '提交', 3600);
  });

  it('(6) never counts an idempotent retry, even with the budget spent', async () => {
    await setLimits({ intakePerEnterprise: { max: 10, windowSeconds: 3600 } });
    await awayFromEdge(3600, 30_000);
    const key = newKey();
    const first = await intake('owner-16', key);
    expect(first.status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await intake('owner-16', key)).status).toBe(200);
    expect(await storedCount('intake', kit.enterpriseOf('owner-16'), 3600)).toBe(1);
    // concurrent first attempts of one new key: one ticket; the attempts that lost the race give their count back
    const other = newKey();
    const burst = await Promise.all(Array.from({ length: 6 }, () => intake('owner-16', other)));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(1);
    expect(burst.filter((r) => r.status === 200)).toHaveLength(5);
    expect(await storedCount('intake', kit.enterpriseOf('owner-16'), 3600)).toBe(2);
    for (let i = 0; i < 8; i++) expect((await intake('owner-16')).status).toBe(201);
    expectLimited(await intake('owner-16'), '提交', 3600);
    // the budget is spent, and a retry still finds its ticket
    const replay = await intake('owner-16', key);
    expect(replay.status).toBe(200);
    expect(replay.body.ticket.id).toBe(first.body.ticket.id);
    expect(await ticketsOf('owner-16')).toHaveLength(10);
  });

  it('(7) lets requests through again once the window has passed', async () => {
    await setLimits({ intakePerEnterprise: { max: 1, windowSeconds: 2 } });
    await awayFromEdge(2, 1500);
    expect((await intake('owner-17')).status).toBe(201);
    const refused = await intake('owner-17');
    expectLimited(refused, '提交', 2);
    await sleep(Number(refused.retryAfter) * 1000 + 100);
    expect((await intake('owner-17')).status).toBe(201);
    expect(await ticketsOf('owner-17')).toHaveLength(2);
  });

  it('keeps counters as expiring items: expiresAt after the window', async () => {
    await setLimits({ intakePerEnterprise: { max: 5, windowSeconds: 3600 } });
    await awayFromEdge(3600, 30_000);
    expect((await intake('owner-18')).status).toBe(201);
    const windowMs = 3600_000;
    const start = Math.floor(Date.now() / windowMs) * windowMs;
    const key = keys.rateCounter(kit.tenantId, 'intake', kit.enterpriseOf('owner-18'), start);
    expect(key.pk).toBe(`T#${kit.tenantId}#RATE#intake#${kit.enterpriseOf('owner-18')}`);
    const item = (await kit.env.doc.send(new GetCommand({ TableName: kit.env.deps.store.tableName, Key: key }))).Item;
    expect(item?.count).toBe(1);
    expect(Number(item?.expiresAt)).toBeGreaterThan((start + windowMs) / 1000);
  });
});
