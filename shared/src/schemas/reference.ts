import * as z from 'zod';
import { isValidCreditCode } from '../uscc.js';
import { GroupKind, Id, Industry, Role, Tier, UnitTrack } from './common.js';

export const Contact = z.object({
  name: z.string().min(1).max(40),
  phone: z.string().regex(/^[0-9+\- ]{5,20}$/, { error: '电话号码格式不正确' }),
  userId: Id.optional(),
});
export type Contact = z.infer<typeof Contact>;

export const OfficePeriod = z.object({
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:mm' }),
  end: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, { error: '时间格式应为 HH:mm' }),
});
export type OfficePeriod = z.infer<typeof OfficePeriod>;

export const Tenant = z.object({
  id: Id,
  name: z.string().min(1).max(60),
  timeZone: z.literal('Asia/Shanghai'),
  officeHours: z.array(OfficePeriod).min(1),
});
export type Tenant = z.infer<typeof Tenant>;

export const Area = z.object({ id: Id, tenantId: Id, name: z.string().min(1).max(60), lead: Contact });
export type Area = z.infer<typeof Area>;

/** A grid (网格): enterprises in it are served by its grid officer; area lead and grid chief above. */
export const Grid = z.object({
  id: Id,
  tenantId: Id,
  areaId: Id,
  name: z.string().min(1).max(60),
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
  name: z.string().min(1).max(60),
  track: UnitTrack,
  leadUserId: Id.optional(),
});
export type Unit = z.infer<typeof Unit>;

export const Group = z.object({
  id: Id,
  tenantId: Id,
  kind: GroupKind,
  name: z.string().min(1).max(60),
  /** industry groups: the industry they serve */
  industry: Industry.optional(),
  /** township groups: the township unit they serve */
  townUnitId: Id.optional(),
  memberUnitIds: z.array(Id),
});
export type Group = z.infer<typeof Group>;

export const CreditCode = z
  .string({ error: '请填写统一社会信用代码' })
  .length(18, { error: '统一社会信用代码应为 18 位' })
  .refine(isValidCreditCode, { error: '统一社会信用代码校验位不正确' });

export const Enterprise = z.object({
  /** the unified social credit code is the enterprise's key */
  id: CreditCode,
  tenantId: Id,
  name: z.string().min(2).max(80),
  industry: Industry,
  tier: Tier,
  gridId: Id,
  key: z.boolean(),
  ownerUserIds: z.array(Id),
  address: z.string().max(120).optional(),
});
export type Enterprise = z.infer<typeof Enterprise>;

export const User = z.object({
  id: Id,
  tenantId: Id,
  name: z.string().min(1).max(40),
  roles: z.array(Role).min(1),
  unitId: Id.optional(),
  enterpriseId: CreditCode.optional(),
  phone: z.string().optional(),
  title: z.string().max(40).optional(),
  /** bound WeChat openid (subscribe messages go there) */
  wechatOpenId: z.string().optional(),
});
export type User = z.infer<typeof User>;

/** Duty roster for the after-hours desk. */
export const DutyShift = z.object({ agentUserId: Id, from: z.iso.datetime(), to: z.iso.datetime() });
export type DutyShift = z.infer<typeof DutyShift>;
