import { ROUTES, routeKey } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKit, type Kit } from './requests-kit.js';

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
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, unknown>; schemas?: Record<string, unknown> };
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
      else expect(o?.security, routeKey(r)).toBeUndefined();
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
    expect(Object.keys(schema?.properties ?? {}).sort()).toEqual(['category', 'channel', 'description', 'enterpriseId', 'priority', 'title']);
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
  });
});
