import { r, ok, type RouteDef } from './define.js';
import {
  AnsweredBody,
  AnsweredResponse,
  EnterpriseProfileBody,
  EnterpriseProfileParam,
  EnterpriseProfileResponse,
  MyPoliciesQuery,
  MyPoliciesResponse,
  PoliciesResponse,
  PolicyEditBody,
  PolicyIdParam,
  PolicyInput,
  PolicyListQuery,
  PolicyResponse,
  PolicyStatsQuery,
  PolicyStatsResponse,
  RetirePolicyBody,
  SuggestionsResponse,
  SuggestQuery,
} from '../policy/api.js';

/** The `policies` function's routes: the policy supermarket (政策超市) and the enterprise profile it matches on. */
export const POLICIES_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/policies', 'policies', 'The policy catalogue, searched in Chinese (`q`) and filtered; published ones unless a unit or the supervisor asks for others', {
    query: PolicyListQuery,
    ok: ok(PoliciesResponse),
  }),
  r('POST', '/api/policies', 'policies', "Write a policy as a draft (a unit's staff for their unit; the supervisor for any unit)", {
    body: PolicyInput,
    ok: { status: 201, schema: PolicyResponse, description: 'Written: the draft' },
  }),
  r('GET', '/api/policies/mine', 'policies', '我的政策: the universal (普惠) and matched (专属) policies of the caller\'s enterprise (or one a commissioner or grid officer serves), with why', {
    query: MyPoliciesQuery,
    ok: ok(MyPoliciesResponse),
  }),
  r('GET', '/api/policies/suggest', 'policies', 'Policies that answer what an owner is typing (Chinese word segmentation, no external service)', {
    query: SuggestQuery,
    ok: ok(SuggestionsResponse),
  }),
  r('GET', '/api/policies/stats', 'policies', 'How often a suggested policy answered the owner (supervisor)', {
    query: PolicyStatsQuery,
    ok: ok(PolicyStatsResponse),
  }),
  r('GET', '/api/policies/{policyId}', 'policies', 'A policy, and for an enterprise how it matches', { params: PolicyIdParam, ok: ok(PolicyResponse) }),
  r('PUT', '/api/policies/{policyId}', 'policies', 'Edit a policy, conditional on the revision read; a published one is pushed to the enterprises it newly matches', {
    params: PolicyIdParam,
    body: PolicyEditBody,
    ok: ok(PolicyResponse, 'Edited'),
    // 409: stale revision, or a retired policy
    errors: [409],
  }),
  r('POST', '/api/policies/{policyId}/publish', 'policies', 'Publish a policy: it is pushed (inbox and WeChat) to the enterprises it matches, once each', {
    params: PolicyIdParam,
    ok: ok(PolicyResponse, 'Published'),
    errors: [409],
  }),
  r('POST', '/api/policies/{policyId}/retire', 'policies', 'Retire a policy (下架): it leaves the catalogue and 我的政策', {
    params: PolicyIdParam,
    body: RetirePolicyBody,
    ok: ok(PolicyResponse, 'Retired'),
    errors: [409],
  }),
  r('POST', '/api/policies/{policyId}/answered', 'policies', 'The owner found the answer in this suggested policy and stops there (counted once per owner and policy)', {
    params: PolicyIdParam,
    body: AnsweredBody,
    ok: ok(AnsweredResponse),
  }),
  r('PUT', '/api/enterprises/{enterpriseId}/profile', 'policies', "An enterprise's profile (tags, headcount, revenue): its owner, its grid officer or commissioner", {
    params: EnterpriseProfileParam,
    body: EnterpriseProfileBody,
    ok: ok(EnterpriseProfileResponse, 'Saved: the enterprise'),
  }),
];
