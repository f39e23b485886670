import {
  AnsweredResponse,
  EnterpriseProfileResponse,
  MyPoliciesResponse,
  PoliciesResponse,
  PolicyResponse,
  PolicyStatsResponse,
  SuggestionsResponse,
  type EnterpriseProfileBody,
  type PolicyEditBody,
  type PolicyInput,
  type PolicyListQuery,
} from '@whistle/shared';
import { request } from './client';

/**
 * The policy supermarket's API (政策超市, shared/src/routes/policies.ts),
 * answers checked against the route table's schemas. Its own module: the
 * policy subpackage and the owner's new-request page (suggestions,
 * consultations) import it.
 */
const enc = encodeURIComponent;

/** What a suggestion query may carry: the route takes up to 2,000 characters, a URL is better kept short. */
export const SUGGEST_MAX = 200;
/** The first SUGGEST_MAX characters, never half an emoji (a lone surrogate is refused as 包含无效字符). */
const head = (q: string): string => Array.from(q).slice(0, SUGGEST_MAX).join('');

export const policyApi = {
  /** the catalogue, searched in Chinese (`q`) and filtered; `cursor` for the next page */
  list: (q: PolicyListQuery = {}) => request({ method: 'GET', path: '/api/policies', schema: PoliciesResponse, query: { ...q } }),
  get: (policyId: string) => request({ method: 'GET', path: `/api/policies/${enc(policyId)}`, schema: PolicyResponse }),
  /** 我的政策: the owner's enterprise, or one a commissioner or grid officer serves */
  mine: (enterpriseId?: string) => request({ method: 'GET', path: '/api/policies/mine', schema: MyPoliciesResponse, query: { enterpriseId } }),
  /** policies that may answer what the owner is typing */
  suggest: (q: string) => request({ method: 'GET', path: '/api/policies/suggest', schema: SuggestionsResponse, query: { q: head(q) } }),
  /** "已解决，不再提交": the suggested policy answered the owner (counted once per owner and policy) */
  answered: (policyId: string, q?: string) =>
    request({ method: 'POST', path: `/api/policies/${enc(policyId)}/answered`, schema: AnsweredResponse, body: q ? { q: head(q) } : {} }),
  stats: (month?: string) => request({ method: 'GET', path: '/api/policies/stats', schema: PolicyStatsResponse, query: { month } }),
  create: (body: PolicyInput) => request({ method: 'POST', path: '/api/policies', schema: PolicyResponse, body }),
  /** conditional on the revision read (a stale one answers 409) */
  edit: (policyId: string, body: PolicyEditBody) => request({ method: 'PUT', path: `/api/policies/${enc(policyId)}`, schema: PolicyResponse, body }),
  publish: (policyId: string) => request({ method: 'POST', path: `/api/policies/${enc(policyId)}/publish`, schema: PolicyResponse, body: {} }),
  retire: (policyId: string, reason: string) =>
    request({ method: 'POST', path: `/api/policies/${enc(policyId)}/retire`, schema: PolicyResponse, body: { reason } }),
  /** the enterprise profile policies match on (tags, headcount band, revenue band) */
  saveProfile: (enterpriseId: string, body: EnterpriseProfileBody) =>
    request({ method: 'PUT', path: `/api/enterprises/${enc(enterpriseId)}/profile`, schema: EnterpriseProfileResponse, body }),
};
