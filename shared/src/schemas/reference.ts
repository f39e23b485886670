import * as z from 'zod/mini';
import { isValidCreditCode } from '../uscc.js';
import { EnterpriseTag, HeadcountBand, RevenueBand } from '../policy/profile.js';
import { GroupKind, Id, Industry, Role, Tier, UnitTrack } from './common.js';

/** A string of `min`..`max` characters (zod's own messages). */
const sized = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

export const Contact = z.object({
  name: sized(1, 40),
  phone: z.string().check(z.regex(/^[0-9+\- ]{5,20}$/, { error: '电话号码格式不正确' })),
  userId: z.optional(Id),
});
export type Contact = z.infer<typeof Contact>;

export const OfficePeriod = z.object({
  start: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:mm' })),
  end: z.string().check(z.regex(/^([01]\d|2[0-4]):[0-5]\d$/, { error: '时间格式应为 HH:mm' })),
});
export type OfficePeriod = z.infer<typeof OfficePeriod>;

/** `district`: a district or county running its service desk (the default); `province`: its readers see their districts' figures; `platform`: the operators' own */
export const TENANT_KINDS = ['district', 'province', 'platform'] as const;
export const TenantKind = z.enum(TENANT_KINDS);
export type TenantKind = z.infer<typeof TenantKind>;

export const Tenant = z.object({
  id: Id,
  name: sized(1, 60),
  timeZone: z.literal('Asia/Shanghai'),
  officeHours: z.array(OfficePeriod).check(z.minLength(1)),
  /** absent: a district */
  kind: z.optional(TenantKind),
  /** a district's province tenant (its province readers see its figures) */
  provinceId: z.optional(Id),
});
export type Tenant = z.infer<typeof Tenant>;

export const Area = z.object({ id: Id, tenantId: Id, name: sized(1, 60), lead: Contact });
export type Area = z.infer<typeof Area>;

/** A grid (网格): enterprises in it are served by its grid officer; area lead and grid chief above. */
export const Grid = z.object({
  id: Id,
  tenantId: Id,
  areaId: Id,
  name: sized(1, 60),
  /** the township unit (镇街) the grid belongs to: decides the township group */
  townUnitId: Id,
  officer: Contact,
  areaLead: Contact,
  chief: Contact,
});
export type Grid = z.infer<typeof Grid>;

export const Unit = z.object({
  id: Id,
  tenantId: Id,
  name: sized(1, 60),
  track: UnitTrack,
  leadUserId: z.optional(Id),
});
export type Unit = z.infer<typeof Unit>;

export const Group = z.object({
  id: Id,
  tenantId: Id,
  kind: GroupKind,
  name: sized(1, 60),
  /** industry groups: the industry they serve */
  industry: z.optional(Industry),
  /** township groups: the township unit they serve */
  townUnitId: z.optional(Id),
  memberUnitIds: z.array(Id),
  /**
   * 牵头单位 / 行业归口: the unit answerable for the group's unclaimed requests (the industry's competent
   * department; the township for a township group): an unclaimed ticket's claim notices count against it
   */
  leadUnitId: z.optional(Id),
});
export type Group = z.infer<typeof Group>;

export const CreditCode = z
  .string({ error: '请填写统一社会信用代码' })
  .check(
    z.length(18, { error: '统一社会信用代码应为 18 位', abort: true }),
    z.refine(isValidCreditCode, { error: '统一社会信用代码校验位不正确' }),
  );

export const Enterprise = z.object({
  /** the unified social credit code is the enterprise's key */
  id: CreditCode,
  tenantId: Id,
  name: sized(2, 80),
  industry: Industry,
  tier: Tier,
  gridId: Id,
  key: z.boolean(),
  ownerUserIds: z.array(Id),
  address: z.optional(z.string().check(z.maxLength(120))),
  /** the profile policies match on (政策超市): its owner, grid officer or commissioner keeps it current */
  tags: z.optional(z.array(EnterpriseTag)),
  headcountBand: z.optional(HeadcountBand),
  revenueBand: z.optional(RevenueBand),
  /** resident service commissioners (亲清特使) paired with it by the supervisor: officials' user ids */
  commissionerUserIds: z.optional(z.array(Id)),
});
export type Enterprise = z.infer<typeof Enterprise>;

export const User = z.object({
  id: Id,
  tenantId: Id,
  name: sized(1, 40),
  roles: z.array(Role).check(z.minLength(1)),
  unitId: z.optional(Id),
  enterpriseId: z.optional(CreditCode),
  phone: z.optional(z.string()),
  title: z.optional(z.string().check(z.maxLength(40))),
  /** bound WeChat openid (subscribe messages go there) */
  wechatOpenId: z.optional(z.string()),
});
export type User = z.infer<typeof User>;

/** Duty roster for the after-hours desk. */
export const DutyShift = z.object({ agentUserId: Id, from: z.iso.datetime(), to: z.iso.datetime() });
export type DutyShift = z.infer<typeof DutyShift>;
