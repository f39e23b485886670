import * as z from 'zod/mini';
import { requiredText } from '../schemas/api.js';
import { cleanText, Id, Industry, LocalDate } from '../schemas/common.js';
import { Contact, CreditCode, Enterprise } from '../schemas/reference.js';
import {
  EnterpriseTag,
  HeadcountBand,
  Policy,
  PolicyCategory,
  PolicyConditions,
  PolicyLevel,
  PolicyMatch,
  PolicyStatus,
  RevenueBand,
} from './schemas.js';

/** The policy supermarket's requests and answers, parsed at the edge (messages for people, in Chinese). */

const optionalText = (label: string, max: number) =>
  z.optional(z.string({ error: `${label}应为文本` }).check(z.trim(), z.maxLength(max, { error: `${label}最多 ${max} 个字` }), cleanText()));

/** `POST /api/policies` (and the body of an edit): what a unit or the supervisor writes. */
export const PolicyInput = z.strictObject({
  title: requiredText('政策名称', 80),
  issuer: requiredText('发文机关', 60),
  level: PolicyLevel,
  category: PolicyCategory,
  summary: requiredText('政策摘要', 500),
  body: optionalText('政策原文', 20000),
  link: z.optional(z.url({ protocol: /^https?$/, error: '原文链接应为 http(s) 网址' })),
  keywords: z.optional(
    z.array(requiredText('关键词', 20), { error: '关键词应为文本的数组' }).check(z.maxLength(20, { error: '关键词最多 20 个' })),
  ),
  conditions: z._default(PolicyConditions, {}),
  validFrom: LocalDate,
  validTo: z.optional(LocalDate),
  howToApply: requiredText('申报方式', 2000),
  /** the responsible unit: a unit's own staff may leave it out (their unit); the supervisor names it */
  unitId: z.optional(Id),
  /** the named contact who must answer questions on it (首问负责人) */
  contact: Contact,
});
export type PolicyInput = z.infer<typeof PolicyInput>;

/** `PUT /api/policies/{policyId}`: the edit, conditional on the revision read. */
export const PolicyEditBody = z.strictObject({ ...PolicyInput.shape, rev: z.int({ error: 'rev 应为整数' }) });
export type PolicyEditBody = z.infer<typeof PolicyEditBody>;

export const RetirePolicyBody = z.strictObject({ reason: requiredText('下架原因', 200) });
export type RetirePolicyBody = z.infer<typeof RetirePolicyBody>;

export const PolicyIdParam = z.strictObject({ policyId: Id });

/** `GET /api/policies`: the catalogue, searched in Chinese (`q`) and filtered. */
export const PolicyListQuery = z.strictObject({
  q: optionalText('搜索词', 50),
  category: z.optional(PolicyCategory),
  level: z.optional(PolicyLevel),
  unitId: z.optional(Id),
  /** default: published; drafts and retired ones only for their unit and the supervisor */
  status: z.optional(PolicyStatus),
  industry: z.optional(Industry),
  cursor: optionalText('cursor', 1024),
});
export type PolicyListQuery = z.infer<typeof PolicyListQuery>;

/** `GET /api/policies/mine`: an owner's own enterprise; a commissioner or grid officer names one of theirs. */
export const MyPoliciesQuery = z.strictObject({ enterpriseId: z.optional(CreditCode) });

/** `GET /api/policies/suggest`: what the owner has typed so far. */
export const SuggestQuery = z.strictObject({ q: requiredText('内容', 2000) });

/** `POST /api/policies/{policyId}/answered`: "this policy answered my question": the owner stops there. */
export const AnsweredBody = z.strictObject({ q: optionalText('内容', 2000) });

export const PolicyStatsQuery = z.strictObject({ month: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}$/, { error: '月份格式应为 YYYY-MM' }))) });

/** `PUT /api/enterprises/{enterpriseId}/profile`: the profile the policies match on (owner, grid officer, commissioner). */
export const EnterpriseProfileBody = z.strictObject({
  tags: z.array(EnterpriseTag, { error: '企业标签应为数组' }).check(z.maxLength(10, { error: '企业标签最多 10 个' })),
  headcountBand: z.optional(HeadcountBand),
  revenueBand: z.optional(RevenueBand),
});
export type EnterpriseProfileBody = z.infer<typeof EnterpriseProfileBody>;
export const EnterpriseProfileParam = z.strictObject({ enterpriseId: CreditCode });

/** A policy in a list: everything but its full text. */
export const PolicyCard = z.object({
  id: Id,
  title: z.string(),
  issuer: z.string(),
  level: PolicyLevel,
  category: PolicyCategory,
  summary: z.string(),
  validFrom: LocalDate,
  validTo: z.optional(LocalDate),
  unitId: Id,
  unitName: z.string(),
  status: PolicyStatus,
  publishedAt: z.optional(z.string()),
});
export type PolicyCard = z.infer<typeof PolicyCard>;

/** A policy as lists show it (its full text left out). */
export const policyCard = (p: Policy): PolicyCard => ({
  id: p.id,
  title: p.title,
  issuer: p.issuer,
  level: p.level,
  category: p.category,
  summary: p.summary,
  validFrom: p.validFrom,
  ...(p.validTo ? { validTo: p.validTo } : {}),
  unitId: p.unitId,
  unitName: p.unitName,
  status: p.status,
  ...(p.publishedAt ? { publishedAt: p.publishedAt } : {}),
});

export const PoliciesResponse = z.object({ items: z.array(PolicyCard), cursor: z.optional(z.string()) });
export type PoliciesResponse = z.infer<typeof PoliciesResponse>;

/** A policy, and (for an owner, or a commissioner naming an enterprise) how it stands for the enterprise. */
export const PolicyResponse = z.object({ policy: Policy, match: z.optional(PolicyMatch) });
export type PolicyResponse = z.infer<typeof PolicyResponse>;

/** 我的政策: the enterprise's universal and matched policies, with why, soonest to expire first within each kind. */
export const MyPoliciesResponse = z.object({
  enterpriseId: CreditCode,
  enterpriseName: z.string(),
  items: z.array(z.object({ policy: PolicyCard, match: PolicyMatch })),
});
export type MyPoliciesResponse = z.infer<typeof MyPoliciesResponse>;

/** A suggestion while typing: the policy, and the words of the request it matched on. */
export const PolicySuggestion = z.object({ policy: PolicyCard, contact: Contact, words: z.array(z.string()), score: z.number() });
export type PolicySuggestion = z.infer<typeof PolicySuggestion>;
export const SuggestionsResponse = z.object({ items: z.array(PolicySuggestion) });
export type SuggestionsResponse = z.infer<typeof SuggestionsResponse>;

export const AnsweredResponse = z.object({ counted: z.boolean() });

/** How often suggestions answered the owner before a request was raised (a month's figures). */
export const PolicyStatsResponse = z.object({
  month: z.string(),
  /** owners who stopped at a suggested policy ("已解决，不再提交") */
  answered: z.int(),
  /** requests raised in the month, and of them policy consultations (first-contact) */
  raised: z.int(),
  consultations: z.int(),
  topPolicies: z.array(z.object({ policyId: Id, title: z.string(), answered: z.int() })),
});
export type PolicyStatsResponse = z.infer<typeof PolicyStatsResponse>;

export const EnterpriseProfileResponse = z.object({ enterprise: Enterprise });
