import { errorStatuses, okStatuses, ROUTES, routeKey } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer } from '../support/api.js';
import { startKit, type Kit } from './requests-kit.js';
import { setUpTenancy } from './tenancy-kit.js';

/** The API description served at /api/openapi.json, generated from the route table and its zod schemas. */
let kit: Kit;
let doc: OpenApi;
interface Operation {
  summary?: string;
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Record<string, unknown> }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
  responses?: Record<string, unknown>;
}
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: unknown;
  [k: string]: unknown;
}
interface Response {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: JsonSchema }>;
  $ref?: string;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, unknown>; schemas?: Record<string, JsonSchema>; responses?: Record<string, Response> };
}

beforeAll(async () => {
  kit = await startKit();
  const res = await kit.api.call('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body as OpenApi;
});
afterAll(async () => {
  await kit.close();
});

const op = (method: string, path: string) => doc.paths[path]?.[method.toLowerCase()];

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1, public, and answers without a token', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components?.securitySchemes).toHaveProperty('bearer');
  });

  it('lists every non-dev route of the table with its method, and nothing else', () => {
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const nonDev = ROUTES.filter((r) => !r.devOnly).map(routeKey);
    for (const key of nonDev) expect(listed, key).toContain(key);
    // the local stack has DEV_ROUTES on: its dev routes are described too, and nothing outside the table
    const all = ROUTES.map(routeKey);
    for (const key of listed) expect(all, key).toContain(key);
    expect(listed.length).toBe(ROUTES.length);
  });

  it('gives every operation a summary, a unique operationId, its path parameters and its security', () => {
    const ids = new Set<string>();
    for (const r of ROUTES) {
      const o = op(r.method, r.path);
      expect(o, routeKey(r)).toBeDefined();
      expect(o?.summary).toBe(r.summary);
      expect(o?.operationId).toMatch(/^[a-zA-Z0-9]+$/);
      ids.add(o?.operationId ?? '');
      const names = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathParams = (o?.parameters ?? []).filter((p) => p.in === 'path');
      expect(pathParams.map((p) => p.name), routeKey(r)).toEqual(names);
      for (const p of pathParams) expect(p.required).toBe(true);
      if (r.auth === 'user') expect(o?.security, routeKey(r)).toEqual([{ bearer: [] }]);
      // public: an explicit empty requirement (no token), not "unspecified"
      else expect(o?.security, routeKey(r)).toEqual([]);
      expect(o?.responses).toHaveProperty('4XX');
    }
    expect(ids.size).toBe(ROUTES.length);
  });

  it('describes every request body with a JSON schema from its zod schema', () => {
    const withBody = ROUTES.filter((r) => r.body);
    expect(withBody.length).toBeGreaterThan(10);
    for (const r of withBody) {
      const schema = op(r.method, r.path)?.requestBody?.content?.['application/json']?.schema;
      expect(schema, routeKey(r)).toBeDefined();
      expect(schema?.type, routeKey(r)).toBe('object');
      expect(Object.keys(schema?.properties ?? {}).length, routeKey(r)).toBeGreaterThan(0);
      // strict objects: unknown fields are refused, and the description says so
      expect(schema?.additionalProperties, routeKey(r)).toBe(false);
    }
    for (const r of ROUTES.filter((x) => !x.body)) {
      expect(op(r.method, r.path)?.requestBody, routeKey(r)).toBeUndefined();
    }
  });

  it('says what intake needs: the fields, the required ones, the enums and the Idempotency-Key header', () => {
    const o = op('POST', '/api/tickets');
    const schema = o?.requestBody?.content?.['application/json']?.schema;
    expect(Object.keys(schema?.properties ?? {}).sort()).toEqual(['category', 'channel', 'description', 'enterpriseId', 'policyId', 'priority', 'title']);
    expect([...(schema?.required ?? [])].sort()).toEqual(['category', 'description', 'title']);
    expect(schema?.properties?.category?.enum).toEqual(['finance', 'talent', 'land', 'permits', 'policy', 'utilities', 'market', 'other']);
    expect(schema?.properties?.title?.maxLength).toBe(60);
    const header = o?.parameters?.find((p) => p.in === 'header');
    expect(header).toMatchObject({ name: 'idempotency-key', required: true });
    expect(header?.schema?.pattern).toBeDefined();
    const rating = op('POST', '/api/tickets/{id}/rating')?.requestBody?.content?.['application/json']?.schema;
    expect(rating?.properties?.score?.enum).toEqual(['satisfied', 'fair', 'unsatisfied']);
    const joint = op('POST', '/api/tickets/{id}/joint')?.requestBody?.content?.['application/json']?.schema;
    expect(joint?.properties?.coUnits).toMatchObject({ type: 'array', minItems: 1, maxItems: 20 });
  });

  it('describes query parameters of the list routes', () => {
    const names = (method: string, path: string) => (op(method, path)?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name).sort();
    expect(names('GET', '/api/tickets')).toEqual(['cursor', 'limit', 'status', 'view']);
    expect(names('GET', '/api/groups/{id}/feed')).toEqual(['cursor', 'limit', 'since']);
    // the export's two are required, the period by its pattern and the sheet from its enum
    const exportParams = (op('GET', '/api/assessment/export')?.parameters ?? []).filter((p) => p.in === 'query');
    expect(exportParams.map((p) => [p.name, p.required])).toEqual([
      ['period', true],
      ['sheet', true],
    ]);
    expect(exportParams[1]?.schema?.enum).toEqual(['ledger', 'index']);
    expect(op('GET', '/api/tickets')?.parameters?.every((p) => p.in !== 'query' || p.required === false)).toBe(true);
  });

  /** A response, following a `$ref` into components/responses. */
  const response = (o: Operation | undefined, status: string): Response | undefined => {
    const res = o?.responses?.[status] as Response | undefined;
    return res?.$ref ? doc.components?.responses?.[res.$ref.replace('#/components/responses/', '')] : res;
  };
  /** The JSON schema of a response body, following a `$ref` into components/schemas. */
  const bodySchema = (res: Response | undefined): { name?: string; schema?: JsonSchema } => {
    const schema = res?.content?.['application/json']?.schema;
    const name = typeof schema?.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : undefined;
    return { ...(name ? { name } : {}), schema: name ? doc.components?.schemas?.[name] : schema };
  };

  it('documents every success status of every operation with a description and a body schema', () => {
    for (const r of ROUTES) {
      const o = op(r.method, r.path);
      const success = Object.keys(o?.responses ?? {}).filter((s) => /^2\d\d$/.test(s));
      expect(success.length, routeKey(r)).toBeGreaterThan(0);
      expect(success.map(Number).sort(), routeKey(r)).toEqual(okStatuses(r).filter((s) => s < 300).sort());
      for (const status of okStatuses(r).map(String)) {
        const res = response(o, status);
        expect(res?.description, `${routeKey(r)} ${status}`).toBeTruthy();
        if (r.ok.mediaType) {
          // a file: its bytes under its media type, and the header that names it
          expect(res?.content, `${routeKey(r)} ${status}`).toEqual({ [r.ok.mediaType]: { schema: { type: 'string', format: 'binary' } } });
          expect(res?.headers, `${routeKey(r)} ${status}`).toHaveProperty('Content-Disposition');
          continue;
        }
        const { name, schema } = bodySchema(res);
        expect(name, `${routeKey(r)} ${status}`).toMatch(/Response$/);
        expect(schema, `${routeKey(r)} ${status}`).toBeDefined();
        expect(['object', 'array'], `${routeKey(r)} ${status}`).toContain(schema?.type);
      }
    }
  });

  it('says intake answers 201 when it creates and 200 on an idempotent replay, both with the ticket', () => {
    const o = op('POST', '/api/tickets');
    const created = response(o, '201');
    const replayed = response(o, '200');
    expect(created?.description).toMatch(/Created/);
    expect(replayed?.description).toMatch(/replay/);
    expect(bodySchema(created).name).toBe('TicketResponse');
    expect(bodySchema(replayed).name).toBe('TicketResponse');
    expect(bodySchema(created).schema).toMatchObject({ type: 'object', required: ['ticket'], properties: { ticket: { $ref: '#/components/schemas/Ticket' } } });
    // every ticket command answers the ticket too
    for (const r of ROUTES.filter((x) => x.command)) expect(bodySchema(response(op(r.method, r.path), '200')).name, routeKey(r)).toBe('TicketResponse');
  });

  it("documents each route's error statuses with the one error envelope, and health's 503 with its own body", () => {
    for (const r of ROUTES) {
      const o = op(r.method, r.path);
      for (const status of [...errorStatuses(r).map(String), '4XX', '5XX']) {
        const res = response(o, status);
        expect(res?.description, `${routeKey(r)} ${status}`).toBeTruthy();
        expect(bodySchema(res).name, `${routeKey(r)} ${status}`).toBe('ErrorResponse');
      }
      if (r.auth === 'user') expect(o?.responses, routeKey(r)).toHaveProperty('401');
    }
    expect(bodySchema(response(op('POST', '/api/tickets'), '422')).name).toBe('ErrorResponse');
    expect(bodySchema(response(op('POST', '/api/tickets/{id}/claim'), '409')).name).toBe('ErrorResponse');
    expect(bodySchema(response(op('GET', '/api/health'), '503')).name).toBe('HealthResponse');
    const envelope = doc.components?.schemas?.ErrorResponse;
    expect(envelope?.required).toEqual(['error']);
    expect(envelope?.properties?.error?.required).toEqual(['code', 'message']);
  });

  it('references only schemas it defines, and defines only schemas it references', () => {
    const text = JSON.stringify(doc);
    const referenced = new Set([...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]));
    const defined = Object.keys(doc.components?.schemas ?? {});
    expect([...referenced].sort()).toEqual([...defined].sort());
  });
});

describe('every answer as documented', () => {
  // startApi().call holds each answer to the document; these make sure every
  // signed-in read without path parameters is answered at least once with its
  // success body (the other tests leave some of them out)
  it('answers each parameterless read with its documented body for someone who may read it', async () => {
    const reads = ROUTES.filter((r) => r.method === 'GET' && r.auth === 'user' && !r.path.includes('{') && !r.query);
    expect(reads.length).toBeGreaterThan(5);
    const personas = ['owner-01', 'officer-jxw', 'supervisor', 'leader-zhang', 'agent-2', 'admin'];
    // the platform's operator (GET /api/platform/tenants is theirs)
    const operator = await (await setUpTenancy(kit.env, kit.api)).operator();
    for (const r of reads) {
      const statuses: number[] = [];
      for (const userId of personas) {
        statuses.push((await kit.api.call('GET', r.path, { token: await kit.token(userId) })).status);
      }
      statuses.push((await kit.api.call('GET', r.path, { token: operator })).status);
      // the others answered a status the route documents (403, or 404 where the caller has no grid), or call() had thrown
      expect(statuses, routeKey(r)).toContain(200);
    }
  });
});

describe('the check every test answer goes through (checkAnswer)', () => {
  const envelope = { error: { code: 'NOT_FOUND', message: '通知不存在' } };
  it('passes what the document describes', () => {
    expect(() => checkAnswer('POST', '/api/inbox/n1/read', 200, { ok: true })).not.toThrow();
    expect(() => checkAnswer('POST', '/api/inbox/n1/read', 404, envelope)).not.toThrow();
    expect(() => checkAnswer('GET', '/api/health', 503, { status: 'degraded', checks: { store: { ok: false, ms: 3, error: 'down' } } })).not.toThrow();
    expect(() => checkAnswer('DELETE', '/api/nowhere', 404, envelope)).not.toThrow();
    expect(() => checkAnswer('GET', '/index.html', 200, '<!doctype html>')).not.toThrow();
    // a file route: bytes of its media type on success, the envelope on error
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    expect(() => checkAnswer('GET', '/api/assessment/export?period=2026-Q4&sheet=ledger', 200, Buffer.from('PK'), xlsx)).not.toThrow();
    expect(() => checkAnswer('GET', '/api/assessment/export', 403, { error: { code: 'FORBIDDEN', message: '无权' } })).not.toThrow();
  });

  it('refuses a file route answering JSON or another type, and bytes where JSON is documented', () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    expect(() => checkAnswer('GET', '/api/assessment/export', 200, { ok: true })).toThrow(/without the file it documents/);
    expect(() => checkAnswer('GET', '/api/assessment/export', 200, Buffer.from('PK'), 'application/json')).toThrow(/not application\/vnd/);
    expect(() => checkAnswer('GET', '/api/assessment/export', 400, Buffer.from('PK'), xlsx)).toThrow(/where it documents JSON/);
    expect(() => checkAnswer('POST', '/api/inbox/n1/read', 200, Buffer.from('{}'), 'application/octet-stream')).toThrow(/where it documents JSON/);
  });

  it('refuses a status the route does not list, a wrong body, a field the schema does not name, and an error without the envelope', () => {
    expect(() => checkAnswer('POST', '/api/inbox/n1/read', 201, { ok: true })).toThrow(/POST \/api\/inbox\/\{id\}\/read .* answered 201, which the route does not document/);
    expect(() => checkAnswer('POST', '/api/inbox/n1/read', 409, envelope)).toThrow(/does not document/);
    expect(() => checkAnswer('POST', '/api/inbox/n1/read', 200, { ok: 'yes' })).toThrow(/not its documented body[\s\S]*at ok/);
    expect(() => checkAnswer('POST', '/api/inbox/n1/read', 200, { ok: true, read: 1 })).toThrow(/does not allow[\s\S]*additional properties/);
    expect(() => checkAnswer('POST', '/api/inbox/n1/read', 404, { message: 'not found' })).toThrow(/not the error envelope/);
    expect(() => checkAnswer('GET', '/api/nowhere', 404, 'Not Found')).toThrow(/\(no route\).*not the error envelope/);
  });
});
