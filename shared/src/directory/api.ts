import * as z from 'zod/mini';
import { AuditEntry } from '../audit/index.js';
import { cleanText, GroupKind, Id, Industry, Role, UnitTrack } from '../schemas/common.js';
import { Area, CreditCode, Enterprise, Grid, Group, OfficePeriod, Unit, User } from '../schemas/reference.js';
import { DIRECTORY_TYPES, type DirectoryType } from './rules.js';

/**
 * The admin API's directory: bodies, queries and answers (messages for people, in Chinese).
 * A body is the record without its id (the path's) and tenant (the caller's), with the revision
 * read (`rev`): absent for a create, the one read for an update.
 */

/** The revision a client read and sends back with an update. */
export const Rev = z.int({ error: '版本号 rev 应为非负整数' }).check(z.minimum(0, { error: '版本号 rev 应为非负整数' }));

const withoutKeys = <S extends Record<string, z.ZodMiniType>>(shape: S) => {
  const { id: _id, tenantId: _tenant, ...rest } = shape;
  return rest;
};

export const UnitBody = z.strictObject({ ...withoutKeys(Unit.shape), rev: z.optional(Rev) });
export const GroupBody = z.strictObject({ ...withoutKeys(Group.shape), rev: z.optional(Rev) });
export const AreaBody = z.strictObject({ ...withoutKeys(Area.shape), rev: z.optional(Rev) });
export const GridBody = z.strictObject({ ...withoutKeys(Grid.shape), rev: z.optional(Rev) });
export const EnterpriseBody = z.strictObject({ ...withoutKeys(Enterprise.shape), rev: z.optional(Rev) });
/** a user's WeChat binding is not the admin's to set here (bindings have their own routes) */
const { wechatOpenId: _openId, ...userShape } = withoutKeys(User.shape);
export const UserBody = z.strictObject({ ...userShape, rev: z.optional(Rev) });
export const OfficeHoursPutBody = z.strictObject({ officeHours: z.array(OfficePeriod, { error: '请填写办公时间' }), rev: z.optional(Rev) });

/** Records as the admin reads them: with their revision. A user shows whether WeChat is bound, not the openid. */
export const DirectoryUnitResponse = z.object({ ...Unit.shape, rev: z.number() });
export const DirectoryGroupResponse = z.object({ ...Group.shape, rev: z.number() });
export const DirectoryAreaResponse = z.object({ ...Area.shape, rev: z.number() });
export const DirectoryGridResponse = z.object({ ...Grid.shape, rev: z.number() });
export const DirectoryEnterpriseResponse = z.object({ ...Enterprise.shape, rev: z.number() });
const { wechatOpenId: _bound, ...userView } = User.shape;
export const DirectoryUserResponse = z.object({ ...userView, wechatBound: z.boolean(), rev: z.number() });
export type DirectoryUserResponse = z.infer<typeof DirectoryUserResponse>;

const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    items: z.array(item),
    /** how many records match the filters (all pages) */
    total: z.number(),
    /** the next page: pass it back as `cursor` */
    cursor: z.optional(z.string()),
  });
export const DirectoryUnitPageResponse = page(DirectoryUnitResponse);
export const DirectoryGroupPageResponse = page(DirectoryGroupResponse);
export const DirectoryAreaPageResponse = page(DirectoryAreaResponse);
export const DirectoryGridPageResponse = page(DirectoryGridResponse);
export const DirectoryEnterprisePageResponse = page(DirectoryEnterpriseResponse);
export const DirectoryUserPageResponse = page(DirectoryUserResponse);

const put = <T extends z.ZodMiniType>(record: T) =>
  z.object({
    record,
    /** false: the record was already exactly this (nothing written, no audit entry) */
    changed: z.boolean(),
    created: z.boolean(),
  });
export const DirectoryUnitPutResponse = put(DirectoryUnitResponse);
export const DirectoryGroupPutResponse = put(DirectoryGroupResponse);
export const DirectoryAreaPutResponse = put(DirectoryAreaResponse);
export const DirectoryGridPutResponse = put(DirectoryGridResponse);
export const DirectoryEnterprisePutResponse = put(DirectoryEnterpriseResponse);
export const DirectoryUserPutResponse = put(DirectoryUserResponse);

export const DirectoryDeletedResponse = z.object({ type: z.enum(DIRECTORY_TYPES), id: z.string(), deleted: z.boolean() });
export const OfficeHoursResponse = z.object({ officeHours: z.array(OfficePeriod), rev: z.number() });
export type OfficeHoursResponse = z.infer<typeof OfficeHoursResponse>;

/** An opaque token handed out by the API (the list's cursor). */
const token = () => z.optional(z.string({ error: '应为文本' }).check(z.maxLength(200, { error: '过长' }), cleanText()));

/** A page size from the query string: 1..200, 50 when absent. */
export const directoryPageLimit = () =>
  z._default(
    z.coerce.number({ error: '每页条数应为 1–200 的整数' }).check(
      z.int({ error: '每页条数应为 1–200 的整数' }),
      z.minimum(1, { error: '每页条数应为 1–200 的整数' }),
      z.maximum(200, { error: '每页条数应为 1–200 的整数' }),
    ),
    50,
  );

export const directorySearch = () => z.optional(z.string({ error: '应为文本' }).check(z.trim(), z.maxLength(60, { error: '搜索内容最多 60 个字' }), cleanText()));
const common = () => ({ q: directorySearch(), cursor: token(), limit: directoryPageLimit() });

export const DirectoryUnitQuery = z.strictObject({ ...common(), track: z.optional(UnitTrack) });
export const DirectoryGroupQuery = z.strictObject({ ...common(), kind: z.optional(GroupKind), unitId: z.optional(Id) });
export const DirectoryAreaQuery = z.strictObject(common());
export const DirectoryGridQuery = z.strictObject({ ...common(), areaId: z.optional(Id), townUnitId: z.optional(Id) });
export const DirectoryEnterpriseQuery = z.strictObject({ ...common(), gridId: z.optional(Id), industry: z.optional(Industry) });
export const DirectoryUserQuery = z.strictObject({
  ...common(),
  unitId: z.optional(Id),
  role: z.optional(z.enum(Role.options, { error: '角色不在列表中' })),
  enterpriseId: z.optional(CreditCode),
});
export type DirectoryListQuery = {
  q?: string;
  cursor?: string;
  limit: number;
  track?: string;
  kind?: string;
  unitId?: string;
  areaId?: string;
  townUnitId?: string;
  gridId?: string;
  industry?: string;
  role?: string;
  enterpriseId?: string;
};

/** The path of each type's routes, and its record's id in the path (an enterprise's: its credit code). */
export const DIRECTORY_PATHS: Record<DirectoryType, string> = {
  UNIT: 'units',
  GROUP: 'groups',
  AREA: 'areas',
  GRID: 'grids',
  ENT: 'enterprises',
  USER: 'users',
};
export const DirectoryIdParam = z.strictObject({ id: Id });
export const EnterpriseIdParam = z.strictObject({ id: CreditCode });
export const DirectoryDeleteQuery = z.strictObject({ rev: z.optional(z.coerce.number({ error: '版本号 rev 应为非负整数' }).check(z.int({ error: '版本号 rev 应为非负整数' }), z.minimum(0, { error: '版本号 rev 应为非负整数' }))) });

/** `GET /api/admin/audit`: a month's entries (UTC month of their instants), newest first, by target. */
export const AUDIT_TARGETS = [...DIRECTORY_TYPES, 'TENANT', 'SETTINGS', 'INVITATION', 'BINDING', 'IMPORT'] as const;
export const AuditTrailQuery = z.strictObject({
  month: z.optional(z.string({ error: '应为文本' }).check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' }))),
  target: z.optional(z.enum(AUDIT_TARGETS, { error: `target 只能是 ${AUDIT_TARGETS.join('、')} 之一` })),
  targetId: z.optional(z.string({ error: '应为文本' }).check(z.maxLength(64, { error: '过长' }), cleanText())),
  cursor: token(),
  limit: directoryPageLimit(),
});
export const AuditTrailResponse = z.object({ month: z.string(), items: z.array(AuditEntry), cursor: z.optional(z.string()) });
export type AuditTrailResponse = z.infer<typeof AuditTrailResponse>;
