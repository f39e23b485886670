import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTES, routeKey, type RouteDef, type Ticket } from '@whistle/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../functions/src/adapters/tokens.js';
import { startGateway } from '../../functions/src/local/gateway.js';
import { FUNCTIONS } from '../../functions/src/topology.js';
import { TEST_SIGNING_KEY } from '../support/env.js';
import { canonical, isEnvelope, snapshotDiff, startKit, tenantSnapshot, type Kit } from './requests-kit.js';

/**
 * Every route of the table, with generated bodies, headers, ids and query
 * parameters: the API answers a client error with the envelope (naming the
 * field on VALIDATION), never a 5xx, and a refused request writes nothing.
 */
let kit: Kit;
let published: Ticket;
let claimed: Ticket;
let before: Map<string, string>;
const tokens: Record<string, string> = {};
const USERS = ['owner-01', 'owner-03', 'officer-jxw', 'officer-nsz', 'lead-fgw', 'supervisor', 'leader-zhang', 'agent-1', 'admin'];
const NUM_RUNS = 30;

const handlerExists = (r: RouteDef) =>
  existsSync(fileURLToPath(new URL(`../../functions/src/handlers/${FUNCTIONS[r.fn].entry}.ts`, import.meta.url)));
/** non-dev routes whose handler exists (the clocks helper's desk/supervision/admin join when theirs do) */
const FUZZED = ROUTES.filter((r) => !r.devOnly && handlerExists(r));
const WRITES = FUZZED.filter((r) => r.method !== 'GET');

beforeAll(async () => {
  kit = await startKit();
  published = await kit.raise('owner-01');
  claimed = await kit.raise('owner-03');
  const res = await kit.api.call('POST', `/api/tickets/${claimed.id}/claim`, { token: await kit.token('officer-nsz') });
  expect(res.status).toBe(200);
  for (const u of USERS) tokens[u] = await kit.token(u);
  before = await tenantSnapshot(kit.env);
}, 60_000);
afterAll(async () => {
  await kit.close();
});

/* ---------- generators ---------- */

/** stands for a body over 64 KB (kept short in counterexamples) */
const HUGE = '<huge>';
const hugeBody = `{"text":"${'长'.repeat(30_000)}"}`;
const b64 = (v: string) => Buffer.from(v, 'utf8').toString('base64url');
const odd = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('..', '.', ' ', '%', '#', '?', 'T#x#TICKET', 'tk\u0000', '中文编号', 'a'.repeat(65), 'A-Z_ok', 'null', 'undefined', '<script>'),
);
/** an id for a path segment, already encoded (or deliberately not) */
const pathId = (valid: string[]) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...valid) },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,30}$/) },
    { weight: 3, arbitrary: odd.filter((s) => s.length > 0).map((s) => encodeURIComponent(s)) },
    { weight: 1, arbitrary: fc.constantFrom('%ZZ', '%E0%A4%A', '%', '%00', '%2F', '%C0%AF', 'a%2Fb', '%25') },
  );
const cursor = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.jsonValue().map((v) => b64(JSON.stringify(v))),
  fc.dictionary(fc.constantFrom('pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'x'), fc.oneof(fc.string({ maxLength: 30 }), fc.integer())).map((o) => b64(JSON.stringify(o))),
  fc.constantFrom(
    b64(JSON.stringify({ pk: 'T#other#GROUP#key#FEED', sk: '2026-01-01T00:00:00.000Z#tk1' })),
    b64(JSON.stringify({ pk: 'T#other#TICKET#tk1', sk: 'TICKET', gsi3pk: 'T#other#TICKETS', gsi3sk: 'x' })),
    b64(JSON.stringify({ pk: 1, sk: 2 })),
    b64('[]'),
    b64('null'),
    'a'.repeat(1025),
  ),
);
const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('0', '-1', '101', '1e2', 'NaN', 'Infinity', '2.5', 'mine', 'unit', 'supervision', 'leader', 'open', 'overdue', '2026-Q4', '2026-11', '2026', '2026-13', 'ledger', 'index'),
  cursor,
);
const query = fc.dictionary(
  fc.oneof(fc.constantFrom('cursor', 'since', 'limit', 'view', 'status', 'ticketId', 'level', 'from', 'to', 'period', 'sheet'), fc.string({ minLength: 1, maxLength: 10 })),
  queryValue,
  { maxKeys: 4 },
);
const headerValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,60}[\x21-\x7e])?$/);
const extraHeaders = fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,16}$/), headerValue, { maxKeys: 3 });
/** a well-signed token that expired a day ago */
const EXPIRED_TOKEN = (await new TokenSigner(TEST_SIGNING_KEY).sign({ sub: 'supervisor', ten: 'x', roles: ['supervisor'] }, Date.now() - 86_400_000, 60)).token;

const auth = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...USERS).map((u) => ({ user: u, header: `Bearer ${tokens[u] ?? ''}` })) },
  { weight: 1, arbitrary: fc.constant({ user: undefined, header: undefined }) },
  {
    weight: 1,
    arbitrary: fc.oneof(headerValue.map((v) => `Bearer ${v}`), headerValue, fc.constant('Bearer '), fc.constant(`Bearer ${EXPIRED_TOKEN}`)).map((h) => ({ user: undefined, header: h })),
  },
);
/** a JSON body that the route's schema refuses (or any JSON, for routes that take none) */
const invalidJson = (r: RouteDef) => {
  const anyJson = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
    fc.record({ title: fc.string({ maxLength: 5000 }), text: fc.string({ unit: 'grapheme', maxLength: 3000 }), reason: fc.anything({ maxDepth: 1 }) }, { requiredKeys: [] }),
  );
  const schema = r.body;
  return schema ? anyJson.filter((v) => !schema.safeParse(v ?? {}).success) : anyJson;
};
const badJsonText = fc.oneof(
  fc.constantFrom('{', '{"title":', '[1,2', 'undefined', "{'a':1}", '{"a":1}}', '\u0000', 'NaN', '{"a":01}'),
  fc.string({ maxLength: 40 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return s.trim().length > 0;
    }
  }),
  fc.constant(HUGE), // over 64 KB
);

/* ---------- the request ---------- */

interface Case {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

const send = async (c: Case) => {
  c = { ...c, path: c.path.split('?')[0] ?? c.path };
  const body = c.body === HUGE ? hugeBody : c.body;
  const qs = c.query && Object.keys(c.query).length ? `?${new URLSearchParams(c.query).toString()}` : '';
  const res = await fetch(`${kit.api.url}${c.path}${qs}`, {
    method: c.method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...c.headers },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  let answer: unknown;
  try {
    answer = text ? JSON.parse(text) : undefined;
  } catch {
    answer = text;
  }
  return { status: res.status, body: answer };
};

/** the answer is a client error or success, never a 5xx; errors carry the envelope; VALIDATION names fields */
function expectWellFormed(c: Case, res: { status: number; body: unknown }, mustFail: boolean) {
  const label = `${c.method} ${c.path} ${canonical(c.query ?? {})} ${(c.body ?? '').slice(0, 200)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  expect(res.status, label).toBeLessThan(500);
  if (mustFail) expect(res.status, label).toBeGreaterThanOrEqual(400);
  if (res.status >= 400) {
    expect(isEnvelope(res.body), label).toBe(true);
    if (isEnvelope(res.body) && res.body.error.code === 'VALIDATION') {
      const details = res.body.error.details as Array<{ field?: unknown; message?: unknown }>;
      expect(Array.isArray(details) && details.length > 0, label).toBe(true);
      for (const d of details) {
        expect(typeof d.field === 'string' && d.field.length > 0, label).toBe(true);
        expect(typeof d.message === 'string' && d.message.length > 0, label).toBe(true);
      }
    }
  }
}

const pathOf = (r: RouteDef, ids: Record<string, string>) => r.path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name] ?? 'x');
const validIds = () => ({ id: [published.id, claimed.id], ticketId: [published.id], unitId: ['nsz', 'jxw'], year: ['2026'] }) as Record<string, string[]>;
const idsFor = (r: RouteDef) =>
  fc.record(Object.fromEntries([...r.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1] ?? 'id', pathId(validIds()[m[1] ?? 'id'] ?? ['x'])])) as Record<string, fc.Arbitrary<string>>);

describe('fuzzing every route', () => {
  it('covers the route table', () => {
    expect(FUZZED.length).toBeGreaterThanOrEqual(25);
    expect(FUZZED.map(routeKey)).toContain('POST /api/tickets/{id}/claim');
  });

  for (const route of FUZZED) {
    it(`${routeKey(route)}: generated requests get a 4xx envelope or an answer, never a 5xx`, async () => {
      const isWrite = route.method !== 'GET';
      const arb = fc.record({
        ids: idsFor(route),
        query: fc.option(query, { nil: undefined }),
        headers: extraHeaders,
        idem: fc.option(fc.oneof(headerValue, fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/)), { nil: undefined }),
        auth,
        body: fc.option(fc.oneof(invalidJson(route).map((v) => JSON.stringify(v) ?? 'null'), badJsonText), { nil: undefined }),
        defect: fc.constantFrom('auth', 'id', 'body'),
        badText: badJsonText,
      });
      await fc.assert(
        fc.asyncProperty(arb, async (g) => {
          const ids = { ...g.ids };
          let authHeader = g.auth.header;
          let body = g.body;
          if (isWrite) {
            // a write must be refused: make sure there is at least one defect the API checks before writing
            if (g.defect === 'auth') authHeader = g.auth.user ? `Bearer ${(tokens[g.auth.user] ?? '').slice(0, -3)}xyz` : authHeader;
            else if (g.defect === 'id' && route.path.includes('{')) {
              for (const k of Object.keys(ids)) ids[k] = `missing-${k}-0000`;
            } else if (route.body) body ??= '{"zzUnknown":true}';
            else body = g.badText; // a route without a body still refuses one that is not JSON
          }
          const c: Case = {
            method: route.method,
            path: pathOf(route, ids),
            ...(g.query ? { query: g.query } : {}),
            headers: {
              ...g.headers,
              ...(authHeader !== undefined ? { authorization: authHeader } : {}),
              ...(g.idem !== undefined ? { 'idempotency-key': g.idem } : {}),
            },
            ...(body !== undefined && route.method !== 'GET' ? { body } : {}),
          };
          expectWellFormed(c, await send(c), isWrite);
        }),
        { numRuns: NUM_RUNS, endOnFailure: true },
      );
    });
  }

  it('names the field when one field of a valid body has the wrong type', async () => {
    const VALID: Record<string, Record<string, unknown>> = {
      'POST /api/tickets': { title: '标题', description: '描述', category: 'finance', priority: 'normal' },
      'POST /api/tickets/{id}/decline': { reason: '不属本单位' },
      'POST /api/tickets/{id}/assign': { unitId: 'jxw' },
      'POST /api/tickets/{id}/transfer': { unitId: 'jxw', reason: '移交' },
      'POST /api/tickets/{id}/messages': { text: '内容' },
      'POST /api/tickets/{id}/progress': { text: '进展', cadence: 'progress' },
      'POST /api/tickets/{id}/request-info': { text: '请补充' },
      'POST /api/tickets/{id}/joint': { leadUnitId: 'nsz', coUnits: [{ unitId: 'jxw', task: '任务' }] },
      'POST /api/tickets/{id}/tasks/{unitId}/done': { note: '完成' },
      'POST /api/tickets/{id}/lead': { leaderUserId: 'leader-zhang' },
      'POST /api/tickets/{id}/resolve': { kind: 'answered', summary: '已答复' },
      'POST /api/tickets/{id}/rating': { score: 'satisfied', comment: '好' },
      'POST /api/tickets/{id}/reopen': { reason: '重开' },
      'POST /api/auth/dev-login': { userId: 'owner-01' },
      'POST /api/auth/wechat': { code: 'abc' },
    };
    const wrong = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }), fc.constant('x'.repeat(3000)), fc.constant(''), fc.constant('   '));
    const cases = Object.entries(VALID).flatMap(([key, body]) => Object.keys(body).map((field) => ({ key, body, field })));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), wrong, async ({ key, body, field }, value) => {
        const route = ROUTES.find((r) => routeKey(r) === key);
        if (!route?.body) return;
        const mutated = { ...body, [field]: value };
        fc.pre(!route.body.safeParse(mutated).success);
        const path = pathOf(route, { id: claimed.id, unitId: 'jxw' });
        const res = await send({
          method: 'POST',
          path,
          headers: { authorization: `Bearer ${tokens['officer-nsz'] ?? ''}`, 'idempotency-key': 'fuzz-key-0001' },
          body: JSON.stringify(mutated),
        });
        expect(res.status, `${key} ${field}=${JSON.stringify(value).slice(0, 40)}`).toBe(400);
        const fields = (res.body as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field);
        expect(fields.some((f) => f === field || f.startsWith(`${field}.`)), `${key}: ${fields.join(',')} should name ${field}`).toBe(true);
      }),
      { numRuns: 120, endOnFailure: true },
    );
  });

  it('refuses cursors that were not handed out, on every paged list (400 naming cursor)', async () => {
    const lists: Array<[string, string]> = [
      ['officer-jxw', '/api/groups/key/feed'],
      ['supervisor', '/api/tickets?view=supervision'],
      ['officer-jxw', '/api/tickets?view=unit'],
      ['owner-01', '/api/tickets?view=mine'],
      ['leader-zhang', '/api/tickets?view=leader'],
      ['agent-1', '/api/tickets'],
    ];
    const forged = [
      'not-a-cursor',
      b64(JSON.stringify({ pk: 1 })),
      b64(JSON.stringify({ pk: 'T#other#GROUP#key#FEED', sk: '2026-01-01T00:00:00.000Z#tk1' })),
      b64(JSON.stringify({ pk: 'T#other#TICKET#tk1', sk: 'TICKET', gsi3pk: 'T#other#TICKETS', gsi3sk: 'x' })),
      b64(JSON.stringify({ pk: 'a', sk: 'b', extra: 'c' })),
      b64('{}'),
      b64('[]'),
    ];
    for (const [user, path] of lists) {
      for (const c of forged) {
        const res = await send({ method: 'GET', path, query: { ...Object.fromEntries(new URLSearchParams(path.split('?')[1] ?? '')), cursor: c }, headers: { authorization: `Bearer ${tokens[user] ?? ''}` } });
        const label = `${path} ${c}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        expect(res.status, label).toBe(400);
        expect((res.body as { error: { details: Array<{ field: string }> } }).error.details[0]?.field, label).toBe('cursor');
      }
    }
  });

  it('answers unknown methods and paths with a 4xx envelope', async () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
    const segments = fc.array(fc.oneof(fc.constantFrom('api', 'tickets', 'groups', 'feed', 'claim', 'inbox', 'admin', 'dev', '%ZZ', '%E0%A4%A'), fc.stringMatching(/^[a-z0-9_-][a-z0-9_.-]{0,11}$/).filter((x) => x !== '..')), { maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(method, segments, auth, async (m, segs, a) => {
        const path = `/api/${segs.join('/')}`;
        const c: Case = { method: m, path, headers: a.header ? { authorization: a.header } : {}, ...(m === 'POST' ? { body: '{}' } : {}) };
        const res = await send(c);
        expect(res.status, `${m} ${path}`).toBeLessThan(500);
        if (res.status >= 400) expect(isEnvelope(res.body), `${m} ${path} ${JSON.stringify(res.body)}`).toBe(true);
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('serves the H5 app for a malformed static path instead of stopping the local stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whistle-h5-'));
    writeFileSync(join(dir, 'index.html'), '<html>whistle</html>');
    const gw = await startGateway({ port: 0, h5Dir: dir });
    try {
      for (const path of ['/%ZZ', '/pages/%E0%A4%A', '/%', '/index.html']) {
        const res = await fetch(`${gw.url}${path}`);
        expect(res.status, path).toBe(200);
        expect(await res.text()).toContain('whistle');
      }
      expect((await fetch(`${gw.url}/api/tickets/%ZZ`)).status).toBe(404);
    } finally {
      gw.server.closeAllConnections();
      await new Promise<void>((r) => gw.server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('wrote nothing while refusing all of that', async () => {
    const after = await tenantSnapshot(kit.env);
    // reads may have cached nothing and written nothing: the tenant's items are exactly as before
    expect(snapshotDiff(before, after)).toEqual([]);
    expect(WRITES.length).toBeGreaterThan(10);
  });
});
