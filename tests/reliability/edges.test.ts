/**
 * The edges a new user or an attacker finds first, over real HTTP through the
 * local gateway: every path id parsed (no 2,048-byte hash key reaching the
 * store), bodies over the limit a 413, text without NUL or lone surrogates,
 * every validation message in Chinese, the Authorization scheme in any case
 * and a malformed header refused even on a public route, and nosniff on every
 * API answer. Each case answers the error envelope and writes nothing.
 */
import * as shared from '@whistle/shared';
import { H5_SECURITY_HEADERS, ROUTES, routeKey, type RouteDef, type Ticket } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as docsHandler } from '../../functions/src/handlers/docs.js';
import { isEnvelope, newKey, snapshotDiff, startKit, tenantSnapshot, type Kit } from '../integration/requests-kit.js';

let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.close();
});

interface Detail {
  field: string;
  message: string;
}
const detailsOf = (body: unknown): Detail[] => (isEnvelope(body) ? ((body.error.details ?? []) as Detail[]) : []);

/** Who may at least be signed in for a route (params and bodies are parsed before any role check). */
const TOKEN_USER = 'supervisor';

/** A valid value of each path parameter, for the parameters not under test. */
const VALID: Record<string, string> = { id: 'x', ticketId: 'x', unitId: 'jxw', year: '2026', n: '0', itemId: 'pi0000000000', commonIssueId: 'ci0000000000', suggestionId: 'cs0000000000' };

const withParams = (route: RouteDef): string[] => [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
const pathWith = (route: RouteDef, name: string, value: string) =>
  route.path.replace(/\{(\w+)\}/g, (_m, p: string) => encodeURIComponent(p === name ? value : (VALID[p] ?? 'x')));

describe('path parameters', () => {
  it('every route with a path parameter declares a params schema naming exactly its parameters', () => {
    const routes = ROUTES.filter((r) => withParams(r).length > 0);
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      expect(r.params, routeKey(r)).toBeDefined();
      expect(Object.keys(r.params?.shape ?? {}).sort(), routeKey(r)).toEqual(withParams(r).sort());
    }
    for (const r of ROUTES.filter((x) => withParams(x).length === 0)) expect(r.params, routeKey(r)).toBeUndefined();
  });

  it('a 3000-character and a 65-character id answer 400 naming the parameter, on every route, and nothing is written', async () => {
    const token = await kit.token(TOKEN_USER);
    const before = await tenantSnapshot(kit.env);
    let cases = 0;
    for (const route of ROUTES) {
      for (const name of withParams(route)) {
        for (const length of [3000, 65]) {
          const path = pathWith(route, name, 'a'.repeat(length));
          const res = await kit.api.call(route.method, path, { token, ...(route.method === 'GET' ? {} : { body: {} }) });
          const label = `${routeKey(route)} ${name}×${length}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
          expect(res.status, label).toBe(400);
          expect(res.body.error.code, label).toBe('VALIDATION');
          expect(res.body.error.message, label).toContain(name);
          expect(detailsOf(res.body).map((d) => d.field), label).toEqual([name]);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(30);
    expect(snapshotDiff(before, await tenantSnapshot(kit.env))).toEqual([]);
  });

  it('ids of the right shape still reach the route: an unknown ticket, group, notice or inbox item is 404', async () => {
    const token = await kit.token(TOKEN_USER);
    expect((await kit.api.call('GET', '/api/tickets/no-such-ticket', { token })).status).toBe(404);
    expect((await kit.api.call('GET', `/api/tickets/${'a'.repeat(64)}`, { token })).status).toBe(404);
    expect((await kit.api.call('GET', '/api/groups/no-such-group/feed', { token })).status).toBe(404);
    expect((await kit.api.call('POST', '/api/inbox/no-such-item/read', { token })).status).toBe(404);
    expect((await kit.api.call('POST', `/api/inbox/${encodeURIComponent('t1:3:0:supervisor')}/read`, { token })).status).toBe(404);
    expect((await kit.api.call('POST', `/api/supervision/notices/${encodeURIComponent('t1~contact~1~warning')}/ack`, { token })).status).toBe(404);
    expect((await kit.api.call('GET', '/api/admin/calendar/2026', { token })).status).toBe(200);
    // a year of four digits outside the calendar's range
    const year = await kit.api.call('GET', '/api/admin/calendar/1999', { token });
    expect(year.status).toBe(400);
    expect(detailsOf(year.body)[0]?.field).toBe('year');
  });
});

describe('bodies over the limit', () => {
  const raise = async (rawBody: string) =>
    kit.api.call('POST', '/api/tickets', { token: await kit.token('owner-01'), headers: { 'idempotency-key': newKey() }, rawBody });

  it('answer 413 PAYLOAD_TOO_LARGE with the envelope: just over 64 KB, 10 MB, and past the gateway’s 10 MB', async () => {
    const before = await tenantSnapshot(kit.env);
    for (const size of [64 * 1024 + 1, 10 * 1024 * 1024, 12 * 1024 * 1024]) {
      const body = JSON.stringify({ title: '超长', description: 'x'.repeat(size), category: 'other' });
      const res = await raise(body);
      expect(res.status, String(size)).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(res.body.error.message).toMatch(/请求内容过大/);
    }
    // a big body to a path no route has: the gateway reads it and answers (no connection reset)
    const lost = await kit.api.call('POST', '/api/nowhere', { rawBody: 'x'.repeat(10 * 1024 * 1024) });
    expect(lost.status).toBe(404);
    expect(lost.body.error.code).toBe('NOT_FOUND');
    const huge = await kit.api.call('POST', '/api/nowhere', { rawBody: 'x'.repeat(11 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(snapshotDiff(before, await tenantSnapshot(kit.env))).toEqual([]);
  });

  it('a body at the limit is still read', async () => {
    const res = await raise(JSON.stringify({ title: '刚好', description: 'x', category: 'other', pad: ' '.repeat(60 * 1024) }));
    // parsed, then refused for the unknown field: not a 413
    expect(res.status).toBe(400);
    expect(detailsOf(res.body)[0]?.message).toMatch(/不认识的字段/);
  });
});

describe('text fields', () => {
  it('refuse NUL and lone surrogates, naming the field, and write nothing', async () => {
    const owner = await kit.token('owner-01');
    const before = await tenantSnapshot(kit.env);
    for (const bad of ['a\u0000b', '\uD800', 'x\uDC00y', '\uDC00\uD800', '👍\uD83D']) {
      const res = await kit.api.call('POST', '/api/tickets', {
        token: owner,
        headers: { 'idempotency-key': newKey() },
        body: { title: bad, description: `说明${bad}`, category: 'other' },
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(detailsOf(res.body)).toEqual([
        { field: 'title', message: '包含无效字符' },
        { field: 'description', message: '包含无效字符' },
      ]);
    }
    const supervisor = await kit.token('supervisor');
    const message = await kit.api.call('POST', '/api/tickets/no-such-ticket/messages', { token: supervisor, body: { text: '\uD800' } });
    expect(detailsOf(message.body)).toEqual([{ field: 'text', message: '包含无效字符' }]);
    const rating = await kit.api.call('POST', '/api/tickets/no-such-ticket/rating', { token: owner, body: { score: 'satisfied', comment: 'ok\u0000' } });
    expect(detailsOf(rating.body)).toEqual([{ field: 'comment', message: '包含无效字符' }]);
    const cursor = await kit.api.call('GET', `/api/tickets?cursor=${encodeURIComponent('\u0000')}`, { token: supervisor });
    expect(cursor.status).toBe(400);
    expect(detailsOf(cursor.body)[0]).toEqual({ field: 'cursor', message: '包含无效字符' });
    expect(snapshotDiff(before, await tenantSnapshot(kit.env))).toEqual([]);
  });

  it('accept emoji and CJK beyond the Basic Multilingual Plane, unchanged', async () => {
    const title = '𠀀𡈼 用地审批 👍';
    const t: Ticket = await kit.raise('owner-01', { title, description: '厂区 𡈼 号地块 👍🏽，家庭 👨‍👩‍👧' });
    expect(t.title).toBe(title);
    const detail = await kit.detail(t.id);
    expect(detail.ticket.title).toBe(title);
    expect(detail.ticket.description).toBe('厂区 𡈼 号地块 👍🏽，家庭 👨‍👩‍👧');
    const msg = await kit.post('owner-01', `/api/tickets/${t.id}/messages`, { text: '谢谢 🙏 𠀀' });
    expect(msg.status).toBe(200);
  });
});

describe('validation messages', () => {
  /** Enum values the schemas name (they may be quoted in a message). */
  const ENUM_VALUES = new Set<string>();
  for (const v of Object.values(shared)) {
    const def = (v as { _zod?: { def?: { type?: string; entries?: Record<string, unknown> } } } | null)?._zod?.def;
    if (def?.type === 'enum') for (const e of Object.values(def.entries ?? {})) ENUM_VALUES.add(String(e));
  }
  // enums declared inline in request schemas
  for (const e of ['mine', 'unit', 'supervision', 'leader', 'published', 'claimed', 'waitingEnterprise', 'resolved', 'closed', 'open', 'overdue', 'reminder', 'urge', 'warning', 'progress', 'onsite', 'review', 'minute', 'hour', 'day']) ENUM_VALUES.add(e);
  /** Words that are part of a format's name, not English prose. */
  const FORMAT_WORDS = new Set(['ISO', 'UTC', 'YYYY', 'MM', 'DD', 'HH', 'mm', 'KB', 'MB', 'Bearer', 'Authorization', 'Idempotency', 'Key', 'true', 'false']);
  const ENGLISH = /\b(expected|invalid|too|received|must|input|string|number|object|array|boolean|unrecognized|small|big|required|nan|undefined|option|format)\b/i;

  /** ASCII words in `message` that are neither field names, nor enum values, nor quoted from the input. */
  const strayWords = (message: string, fields: string[], input: unknown): string[] => {
    const inputText = JSON.stringify(input ?? null);
    const allowed = new Set(fields.flatMap((f) => f.split('.')));
    return (message.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !allowed.has(w) && !ENUM_VALUES.has(w) && !FORMAT_WORDS.has(w) && !inputText.includes(w));
  };

  type Case = { as: string; method: string; path: string; body?: unknown };
  const CASES: Case[] = [
    { as: 'supervisor', method: 'GET', path: '/api/tickets?limit=0' },
    { as: 'supervisor', method: 'GET', path: '/api/tickets?limit=abc' },
    { as: 'supervisor', method: 'GET', path: '/api/tickets?limit=1.5' },
    { as: 'supervisor', method: 'GET', path: '/api/tickets?limit=101' },
    { as: 'supervisor', method: 'GET', path: '/api/tickets?view=everything' },
    { as: 'supervisor', method: 'GET', path: '/api/tickets?status=lost' },
    { as: 'supervisor', method: 'GET', path: '/api/tickets?bogus=1' },
    { as: 'supervisor', method: 'GET', path: '/api/groups/key/feed?limit=-1' },
    { as: 'supervisor', method: 'GET', path: '/api/supervision/notices?level=panic&from=yesterday' },
    { as: 'supervisor', method: 'GET', path: `/api/supervision/notices?ticketId=${'a'.repeat(65)}` },
    { as: 'owner-01', method: 'POST', path: '/api/tickets', body: { title: 1, description: [], category: 'nope', priority: 'x', channel: 7, extra: 1 } },
    { as: 'owner-01', method: 'POST', path: '/api/tickets', body: {} },
    { as: 'owner-01', method: 'POST', path: '/api/tickets', body: [] },
    { as: 'owner-01', method: 'POST', path: '/api/tickets/x/rating', body: { score: 5, comment: 3 } },
    { as: 'owner-01', method: 'POST', path: '/api/tickets/x/rating', body: { score: 'satisfied', comment: 'x'.repeat(501) } },
    { as: 'supervisor', method: 'POST', path: '/api/tickets/x/joint', body: { leadUnitId: 3, coUnits: 'a' } },
    { as: 'supervisor', method: 'POST', path: '/api/tickets/x/joint', body: { leadUnitId: 'jxw', coUnits: [] } },
    { as: 'supervisor', method: 'POST', path: '/api/tickets/x/progress', body: { text: '进展', cadence: 'weekly' } },
    { as: 'supervisor', method: 'POST', path: '/api/tickets/x/resolve', body: { kind: 'done', summary: '' } },
    { as: 'supervisor', method: 'POST', path: '/api/tickets/x/tasks/jxw/done', body: { note: 5 } },
    { as: 'agent-1', method: 'POST', path: '/api/desk/x/forward', body: { text: false } },
    { as: 'admin', method: 'PUT', path: '/api/admin/clock-policy', body: { normal: 3, urgent: { claim: { duration: -1, unit: 'week', basis: 'x' } } } },
    { as: 'admin', method: 'PUT', path: '/api/admin/calendar/2028', body: { holidays: [1], workdays: 'x', source: 5 } },
    { as: 'admin', method: 'PUT', path: '/api/admin/calendar/2028', body: { holidays: ['2028/01/03'], workdays: [] } },
    { as: 'admin', method: 'PUT', path: '/api/admin/duty-roster', body: { shifts: [{}] } },
    { as: 'admin', method: 'PUT', path: '/api/admin/duty-roster', body: { shifts: 'none' } },
    { as: 'supervisor', method: 'POST', path: '/api/dev/clock', body: { now: 5 } },
    { as: 'supervisor', method: 'POST', path: '/api/dev/clock', body: { now: 'tomorrow' } },
    { as: '', method: 'POST', path: '/api/auth/dev-login', body: { userId: 5 } },
    { as: '', method: 'POST', path: '/api/auth/wechat', body: { code: '' } },
    { as: '', method: 'POST', path: '/api/auth/wechat', body: {} },
  ];

  it('every message and every detail is Chinese: only field names, enum values and the input are quoted', async () => {
    const before = await tenantSnapshot(kit.env);
    for (const c of CASES) {
      const token = c.as ? await kit.token(c.as) : undefined;
      const res = await kit.api.call(c.method, c.path, {
        ...(token ? { token } : {}),
        ...(c.body !== undefined ? { body: c.body } : {}),
        ...(c.path === '/api/tickets' && c.method === 'POST' ? { headers: { 'idempotency-key': newKey() } } : {}),
      });
      const label = `${c.method} ${c.path} ${JSON.stringify(c.body ?? '')}: ${res.status} ${JSON.stringify(res.body)}`;
      expect(res.status, label).toBe(400);
      expect(res.body.error.code, label).toBe('VALIDATION');
      const details = detailsOf(res.body);
      expect(details.length, label).toBeGreaterThan(0);
      const fields = details.map((d) => d.field);
      const input = { body: c.body, query: c.path.split('?')[1] ?? '' };
      for (const text of [res.body.error.message as string, ...details.map((d) => d.message)]) {
        expect(text, label).toMatch(/[\u3400-\u9fff]/);
        expect(text, label).not.toMatch(ENGLISH);
        expect(strayWords(text, fields, input), `${label}\n→ ${text}`).toEqual([]);
      }
    }
    expect(snapshotDiff(before, await tenantSnapshot(kit.env))).toEqual([]);
  });

  it('limit=0 names the page size in Chinese (was zod’s “Too small: expected number to be >=1”)', async () => {
    const res = await kit.api.call('GET', '/api/tickets?limit=0', { token: await kit.token('supervisor') });
    expect(res.body.error.details).toEqual([{ field: 'limit', message: '每页条数应为 1–100 的整数' }]);
  });

  it('an unknown query parameter is named as the query’s, not the body’s', async () => {
    const res = await kit.api.call('GET', '/api/tickets?bogus=1', { token: await kit.token('supervisor') });
    expect(res.body.error.details).toEqual([{ field: 'query', message: '不认识的字段：bogus' }]);
  });
});

describe('Authorization', () => {
  it('takes the Bearer scheme in any case', async () => {
    const token = await kit.token('owner-01');
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const res = await kit.api.call('GET', '/api/me', { headers: { authorization: `${scheme} ${token}` } });
      expect(res.status, scheme).toBe(200);
      expect(res.body.user.id).toBe('owner-01');
    }
  });

  it('refuses a malformed header with 401 even on a public route (docs/access.md)', async () => {
    const health = async (authorization?: string) => kit.api.call('GET', '/api/health', authorization === undefined ? {} : { headers: { authorization } });
    expect([200, 503]).toContain((await health()).status);
    for (const bad of ['Basic abc', 'Basic b3duZXI6cHc=', 'Bearer', 'Bearer ', 'Bearer garbage', 'Bearer a.b.c', 'Token abc', 'Bearer a b']) {
      const res = await health(bad);
      expect(res.status, bad).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(res.body.error.message).toMatch(/[\u3400-\u9fff]/);
    }
    // a valid token on a public route is fine, in any case
    expect([200, 503]).toContain((await health(`bearer ${await kit.token('owner-01')}`)).status);
    // the dev sign-in (public locally) too
    const login = await kit.api.call('POST', '/api/auth/dev-login', { body: { userId: 'owner-01' }, headers: { authorization: 'Basic abc' } });
    expect(login.status).toBe(401);
  });
});

describe('X-Content-Type-Options', () => {
  it('is nosniff on every API answer: success, error, not found, the OpenAPI document', async () => {
    const token = await kit.token('owner-01');
    const answers: Array<[string, Response]> = [
      ['health', await fetch(`${kit.api.url}/api/health`)],
      ['me', await fetch(`${kit.api.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })],
      ['401', await fetch(`${kit.api.url}/api/me`)],
      ['400', await fetch(`${kit.api.url}/api/tickets?limit=0`, { headers: { authorization: `Bearer ${token}` } })],
      ['404', await fetch(`${kit.api.url}/api/nowhere`)],
      ['openapi', await fetch(`${kit.api.url}/api/openapi.json`)],
    ];
    for (const [what, res] of answers) {
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
      await res.arrayBuffer();
    }
    // the handlers themselves (API Gateway passes their headers through), not only the gateway
    expect((await docsHandler()).headers?.['x-content-type-options']).toBe('nosniff');
  });

  it('the local gateway answers the H5 app with the site’s security headers, as CloudFront does', async () => {
    const res = await fetch(`${kit.api.url}/`);
    await res.arrayBuffer();
    for (const [name, value] of Object.entries(H5_SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });
});
