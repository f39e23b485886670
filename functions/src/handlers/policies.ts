import '../wiring/queue.js';
import '../wiring/policies.js';
import type { EnterpriseProfileBody, PolicyEditBody, PolicyInput, PolicyListQuery, RetirePolicyBody } from '@whistle/shared';
import { POLICIES_ROUTES } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import {
  catalogueOf,
  createPolicy,
  editPolicy,
  listPolicies,
  markAnswered,
  myPolicies,
  policyDetail,
  policyStats,
  publishPolicy,
  putProfile,
  retirePolicy,
  suggestPolicies,
} from '../services/policies.js';

/** The policy supermarket (政策超市): the catalogue, 我的政策, suggestions while typing, the pushes' start, and the enterprise profile. */
export const handler = httpFunction(
  POLICIES_ROUTES,
  {
    'GET /api/policies': async ({ deps, principal, req }) => ({ body: await listPolicies(deps, principal, req.query as PolicyListQuery) }),
    'POST /api/policies': async ({ deps, principal, req }) => ({ status: 201, body: await createPolicy(deps, principal, req.body as PolicyInput) }),
    'GET /api/policies/mine': async ({ deps, principal, req }) => ({
      body: await myPolicies(deps, principal, (req.query as { enterpriseId?: string }).enterpriseId),
    }),
    'GET /api/policies/suggest': async ({ deps, principal, req }) => ({ body: await suggestPolicies(deps, principal, (req.query as { q: string }).q) }),
    'GET /api/policies/stats': async ({ deps, principal, req }) => ({ body: await policyStats(deps, principal, (req.query as { month?: string }).month) }),
    'GET /api/policies/{policyId}': async ({ deps, principal, req }) => ({ body: await policyDetail(deps, principal, req.params.policyId ?? '') }),
    'PUT /api/policies/{policyId}': async ({ deps, principal, req }) => ({ body: await editPolicy(deps, principal, req.params.policyId ?? '', req.body as PolicyEditBody) }),
    'POST /api/policies/{policyId}/publish': async ({ deps, principal, req }) => ({ body: await publishPolicy(deps, principal, req.params.policyId ?? '') }),
    'POST /api/policies/{policyId}/retire': async ({ deps, principal, req }) => ({
      body: await retirePolicy(deps, principal, req.params.policyId ?? '', (req.body as RetirePolicyBody).reason),
    }),
    'POST /api/policies/{policyId}/answered': async ({ deps, principal, req }) => ({
      body: await markAnswered(deps, principal, req.params.policyId ?? '', (req.body as { q?: string }).q),
    }),
    'PUT /api/enterprises/{enterpriseId}/profile': async ({ deps, principal, req }) => ({
      body: await putProfile(deps, principal, req.params.enterpriseId ?? '', req.body as EnterpriseProfileBody),
    }),
  },
  // every route but the profile reads the catalogue: its revision (and, when it moved, the partition) while the caller is resolved
  { prefetch: (deps, tenantId) => catalogueOf(deps, tenantId) },
);
