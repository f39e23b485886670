import { ROUTES } from '@whistle/shared';
import * as z from 'zod/mini';

/** The API described from the route table and its zod schemas (OpenAPI 3.1). */
export function openApiDocument(opts: { devRoutes: boolean }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    if (route.devOnly && !opts.devRoutes) continue;
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = route.query
      ? Object.entries((z.toJSONSchema(route.query, { io: 'input', unrepresentable: 'any' }).properties ?? {}) as Record<string, unknown>).map(
          ([name, schema]) => ({ name, in: 'query', required: false, schema }),
        )
      : [];
    const headers = Object.entries(route.headers ?? {}).map(([name, schema]) => ({
      name,
      in: 'header',
      required: true,
      schema: z.toJSONSchema(schema, { unrepresentable: 'any' }),
    }));
    const op: Record<string, unknown> = {
      summary: route.summary,
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      tags: [route.fn],
      parameters: [...params, ...query, ...headers],
      ...(route.auth === 'user' ? { security: [{ bearer: [] }] } : {}),
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) } } } }
        : {}),
      responses: {
        '200': { description: 'OK' },
        '4XX': { description: 'Error envelope', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '503': { description: 'A backing service is unavailable' },
      },
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Whistle API (企业吹哨 · 部门报到)', version: '0.1.0' },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
    },
  };
}
