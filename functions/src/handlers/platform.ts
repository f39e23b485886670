import '../wiring/wechat.js';
import '../wiring/assessment.js';
import '../wiring/tenants.js';
import type { CreateTenantBody } from '@whistle/shared';
import { PLATFORM_ROUTES } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import { district, overview } from '../services/province.js';
import { createTenant, listTenants, operatorOf } from '../services/tenancy.js';

type Q = Record<string, string | undefined>;

/** The platform: tenants created and listed by an operator; the province view of its districts. */
export const handler = httpFunction(PLATFORM_ROUTES, {
  'POST /api/platform/tenants': async ({ deps, principal, req }) => {
    const actor = await operatorOf(deps, principal);
    const { answer, replayed } = await createTenant(deps, actor, req.body as CreateTenantBody, req.headers['idempotency-key'] ?? '');
    return { status: replayed ? 200 : 201, body: answer, headers: { 'idempotent-replayed': String(replayed) } };
  },
  'GET /api/platform/tenants': async ({ deps, principal }) => ({ body: await listTenants(deps, principal) }),
  'GET /api/province/overview': async ({ deps, principal, req }) => ({ body: await overview(deps, principal, (req.query as Q).period ?? '') }),
  'GET /api/province/districts/{districtId}': async ({ deps, principal, req }) => ({
    body: await district(deps, principal, req.params.districtId ?? '', (req.query as Q).period ?? ''),
  }),
});
