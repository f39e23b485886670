import { r, ok, type RouteDef } from './define.js';
import * as res from '../schemas/responses.js';

/** The `docs` function's routes (see routes.ts: the one table is their concatenation). */
export const DOCS_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/openapi.json', 'docs', 'This API, described from the zod schemas', {
    auth: 'public',
    ok: ok(res.OpenApiResponse, 'An OpenAPI 3.1 document'),
  }),
];
