import * as z from 'zod/mini';
import { ClockPolicy } from '../clocks.js';
import { CalendarYearBody, requiredText } from '../schemas/api.js';
import { Id, Instant } from '../schemas/common.js';
import { Contact, OfficePeriod, Tenant, TENANT_KINDS } from '../schemas/reference.js';
import { Period } from '../assessment/period.js';
import { UnitTrack } from '../schemas/common.js';

/**
 * The platform's bodies and answers: tenants created by a platform operator,
 * and the province view. Parsed at the edge; messages for people in Chinese.
 */

/** The kinds an operator creates (the platform tenant is made once, by the deployment). */
export const CREATABLE_KINDS = ['district', 'province'] as const;
export const CreatableKind = z.enum(CREATABLE_KINDS, { error: '类型只能是 district（区县）或 province（省级）' });

/** The first administrator of a new tenant: who opens its directory and invites the others. */
export const FirstAdmin = z.strictObject({
  /** the user id in the new tenant (default `admin`) */
  userId: z.optional(Id),
  name: requiredText('管理员姓名', 40),
  phone: Contact.shape.phone,
});
export type FirstAdmin = z.infer<typeof FirstAdmin>;

export const CreateTenantBody = z.strictObject({
  id: Id,
  name: requiredText('名称', 60),
  kind: z._default(CreatableKind, 'district'),
  /** a district's province tenant (required for a district, absent for a province) */
  provinceId: z.optional(Id),
  officeHours: z.optional(z.array(OfficePeriod).check(z.minLength(1), z.maxLength(4))),
  /** default: DEFAULT_CLOCK_POLICY */
  clockPolicy: z.optional(ClockPolicy),
  /** a year's holiday arrangement to load (default: the shipped calendar) */
  calendar: z.optional(z.strictObject({ year: z.number().check(z.int(), z.gte(2004), z.lte(2100)), ...CalendarYearBody.shape })),
  admin: FirstAdmin,
});
export type CreateTenantBody = z.infer<typeof CreateTenantBody>;

/**
 * The CLI's body (scripts/create-tenant.ts): also the platform tenant itself, made once per deployment,
 * whose first user is its first operator. The API never creates a platform.
 */
export const CliTenantBody = z.extend(CreateTenantBody, { kind: z._default(z.enum(TENANT_KINDS), 'district') });
export type CliTenantBody = z.infer<typeof CliTenantBody>;

/** A few figures of a tenant for the operator's list (never a ticket's content). */
export const TenantFigures = z.object({
  units: z.number(),
  enterprises: z.number(),
  users: z.number(),
  /** requests raised this month that a unit took on (the assessment's month aggregates) */
  ticketsThisMonth: z.number(),
});
export type TenantFigures = z.infer<typeof TenantFigures>;

export const TenantSummary = z.object({
  tenant: Tenant,
  createdAt: z.optional(Instant),
  figures: z.optional(TenantFigures),
});
export type TenantSummary = z.infer<typeof TenantSummary>;

export const TenantsResponse = z.object({ month: z.string(), items: z.array(TenantSummary) });
export type TenantsResponse = z.infer<typeof TenantsResponse>;

export const TenantCreatedResponse = z.object({
  tenant: Tenant,
  createdAt: Instant,
  admin: z.object({ userId: Id, name: z.string(), phone: z.string() }),
  /** how the first admin gets in */
  signIn: z.string(),
});
export type TenantCreatedResponse = z.infer<typeof TenantCreatedResponse>;

export const ProvinceQuery = z.strictObject({ period: Period });

/** A rate in percent (two decimals), or null when there was nothing to measure. */
const Rate = z.nullable(z.number());

/** One district's figures in a period (from its assessment aggregates). */
export const DistrictFigures = z.object({
  tenantId: Id,
  name: z.string(),
  /** requests raised in the period that a unit took on (承办) */
  raised: z.number(),
  claimed: z.number(),
  /** 接哨率: claimed within the claim clock ÷ claimed, % */
  claimInTimeRate: Rate,
  resolved: z.number(),
  /** 按时办结率: resolved within the resolve clock ÷ resolved, % */
  onTimeRate: Rate,
  /** 满意率: satisfied or basically satisfied ÷ rated, % */
  satisfactionRate: Rate,
  /** the period's requests not resolved yet */
  open: z.number(),
  /** the period's requests claimed or resolved after their clock */
  overdue: z.number(),
  /** 督办单 issued in the period */
  notices: z.object({ reminders: z.number(), urges: z.number(), warnings: z.number() }),
  /** 助企服务指数 of the district: the mean of its ranked units' indexes (null: no unit ranked) */
  index: z.nullable(z.number()),
  rankedUnits: z.number(),
  units: z.number(),
  /** average working hours from publication to claim (null: none claimed) */
  avgClaimHours: z.nullable(z.number()),
  /** 1 = highest index */
  rank: z.nullable(z.number()),
});
export type DistrictFigures = z.infer<typeof DistrictFigures>;

export const ProvinceOverviewResponse = z.object({
  period: z.string(),
  province: z.object({ tenantId: Id, name: z.string() }),
  districts: z.array(DistrictFigures),
  /** the districts slowest to claim (highest average claim hours), at most 5 */
  slowest: z.array(z.object({ tenantId: Id, name: z.string(), avgClaimHours: z.number(), claimInTimeRate: Rate })),
  /** store reads made per district (bounded: see docs/operations.md) */
  readsPerDistrict: z.number(),
});
export type ProvinceOverviewResponse = z.infer<typeof ProvinceOverviewResponse>;

export const DistrictParam = z.strictObject({ districtId: Id });

/** A district's units ranked, by track (the unit's figures, never a ticket). */
export const DistrictDetailResponse = z.object({
  period: z.string(),
  district: DistrictFigures,
  tracks: z.array(
    z.object({
      track: UnitTrack,
      units: z.array(
        z.object({
          unitId: Id,
          unitName: z.string(),
          index: z.nullable(z.number()),
          rank: z.nullable(z.number()),
          handled: z.number(),
          claimInTimeRate: Rate,
          onTimeRate: Rate,
          satisfactionRate: Rate,
        }),
      ),
    }),
  ),
});
export type DistrictDetailResponse = z.infer<typeof DistrictDetailResponse>;
