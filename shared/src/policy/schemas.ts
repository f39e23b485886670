import * as z from 'zod/mini';
import { Id, Industry, Instant, LocalDate, Tier } from '../schemas/common.js';
import { Contact } from '../schemas/reference.js';
import { EnterpriseTag, HeadcountBand, RevenueBand } from './profile.js';

export * from './profile.js';

/**
 * The policy supermarket (政策超市): every policy of the district laid out,
 * each matched against the enterprises it fits and pushed to them, with a
 * named contact who must answer any question on it (首问负责制).
 */

export const POLICY_LEVELS = ['national', 'province', 'city', 'district'] as const;
export const PolicyLevel = z.enum(POLICY_LEVELS, { error: '政策层级只能是 national、province、city 或 district' });
export type PolicyLevel = z.infer<typeof PolicyLevel>;

export const POLICY_CATEGORIES = ['finance', 'talent', 'land', 'tax', 'technology', 'market', 'employment', 'other'] as const;
export const PolicyCategory = z.enum(POLICY_CATEGORIES, { error: '政策类别不在列表中' });
export type PolicyCategory = z.infer<typeof PolicyCategory>;

export const POLICY_STATUSES = ['draft', 'published', 'retired'] as const;
export const PolicyStatus = z.enum(POLICY_STATUSES);
export type PolicyStatus = z.infer<typeof PolicyStatus>;

/**
 * Who a policy is for. Absent or empty conditions: every enterprise (普惠,
 * universal). Otherwise an enterprise matches (专属, matched) when it meets
 * every condition given; within one condition, any of its values will do.
 */
export const PolicyConditions = z.object({
  industries: z.optional(z.array(Industry).check(z.maxLength(20))),
  tiers: z.optional(z.array(Tier).check(z.maxLength(10))),
  tags: z.optional(z.array(EnterpriseTag).check(z.maxLength(10))),
  headcountBands: z.optional(z.array(HeadcountBand).check(z.maxLength(10))),
  revenueBands: z.optional(z.array(RevenueBand).check(z.maxLength(10))),
  /** only key enterprises (重点企业) */
  keyOnly: z.optional(z.boolean()),
  /** only enterprises of these townships (their grids' township units) */
  townUnitIds: z.optional(z.array(Id).check(z.maxLength(50))),
});
export type PolicyConditions = z.infer<typeof PolicyConditions>;

/** A policy of the catalogue. `rev` guards every change (a stale edit is 409). */
export const Policy = z.object({
  id: Id,
  tenantId: Id,
  title: z.string(),
  /** the issuing body (发文机关), e.g. 县财政局、市人社局 */
  issuer: z.string(),
  level: PolicyLevel,
  category: PolicyCategory,
  summary: z.string(),
  /** the full text, or a link to it */
  body: z.optional(z.string()),
  link: z.optional(z.string()),
  /** extra words people search it by (信用贷, 贴息, …) */
  keywords: z.optional(z.array(z.string())),
  conditions: PolicyConditions,
  validFrom: LocalDate,
  /** absent: no end date */
  validTo: z.optional(LocalDate),
  howToApply: z.string(),
  /** the responsible unit, and its named contact who must answer (首问负责人) */
  unitId: Id,
  unitName: z.string(),
  contact: Contact,
  status: PolicyStatus,
  publishedAt: z.optional(Instant),
  retiredAt: z.optional(Instant),
  retiredReason: z.optional(z.string()),
  createdBy: z.object({ userId: Id, name: z.string() }),
  createdAt: Instant,
  updatedAt: Instant,
  rev: z.int().check(z.minimum(1)),
});
export type Policy = z.infer<typeof Policy>;

/** How a policy stands for one enterprise: universal (普惠) or matched (专属), and why. */
export const MATCH_KINDS = ['universal', 'matched'] as const;
export const MatchKind = z.enum(MATCH_KINDS);
export type MatchKind = z.infer<typeof MatchKind>;

export const PolicyMatch = z.object({
  kind: MatchKind,
  /** one reason per condition met, in Chinese (行业：装备制造；企业标签：专精特新) */
  reasons: z.array(z.string()),
  /** days left before validTo (absent: no end date) */
  daysLeft: z.optional(z.int()),
  /** within the "expires soon" window */
  expiringSoon: z.boolean(),
});
export type PolicyMatch = z.infer<typeof PolicyMatch>;

export const POLICY_LABELS = {
  level: { national: '国家级', province: '省级', city: '市级', district: '区县级' },
  category: {
    finance: '金融信贷',
    talent: '人才引育',
    land: '用地保障',
    tax: '税费减免',
    technology: '科技创新',
    market: '市场开拓',
    employment: '稳岗就业',
    other: '其他',
  },
  tag: {
    specialized: '专精特新',
    highTech: '高新技术企业',
    aboveScale: '规上企业',
    techSme: '科技型中小企业',
    foreignTrade: '外贸企业',
    startup: '初创企业',
  },
  headcount: { lt20: '20 人以下', h20to99: '20–99 人', h100to299: '100–299 人', h300to999: '300–999 人', gte1000: '1000 人及以上' },
  revenue: {
    lt500: '500 万元以下',
    r500to2000: '500–2000 万元',
    r2000to10000: '2000 万–1 亿元',
    r10000to40000: '1–4 亿元',
    gte40000: '4 亿元及以上',
  },
  status: { draft: '草稿', published: '已发布', retired: '已下架' },
  match: { universal: '普惠', matched: '专属' },
} as const satisfies Record<string, Record<string, string>>;

/** A policy pushed to an enterprise (its owners told in their inbox, once): what the enterprise's ledger lists. */
export const PolicyPush = z.object({
  policyId: Id,
  title: z.string(),
  enterpriseId: z.string(),
  /** when it was pushed (the publication or edit that made it match) */
  at: Instant,
  /** the policy's revision that was pushed */
  rev: z.int(),
});
export type PolicyPush = z.infer<typeof PolicyPush>;

/** What matching reads of an enterprise besides industry, tier, grid and key: its profile. */
export const EnterpriseProfile = z.object({
  tags: z.array(EnterpriseTag),
  headcountBand: z.optional(HeadcountBand),
  revenueBand: z.optional(RevenueBand),
});
export type EnterpriseProfile = z.infer<typeof EnterpriseProfile>;

/** A change of an enterprise's profile, before and after (its ledger lists it beside its tickets and visits). */
export const ProfileChange = z.object({
  tenantId: Id,
  enterpriseId: z.string(),
  at: Instant,
  /** the enterprise record's revision the change made */
  rev: z.int(),
  by: z.object({ userId: Id, name: z.string() }),
  before: EnterpriseProfile,
  after: EnterpriseProfile,
});
export type ProfileChange = z.infer<typeof ProfileChange>;
