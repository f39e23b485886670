import type { FieldIssue } from '../errors.js';
import { INDUSTRIES, LABELS, type Role } from '../schemas/common.js';
import type { Area, Contact, Enterprise, Grid, Group, OfficePeriod, Unit, User } from '../schemas/reference.js';
import { OFFICIAL_ROLES } from '../ticket/roles.js';
import { isValidCreditCode } from '../uscc.js';

/**
 * The directory's rules (单位、群、片区、网格、企业、用户 and office hours): what a
 * record must agree with in the rest of its tenant's directory, and what still
 * refers to a record someone wants to delete. Pure: the admin API and the
 * Excel import check rows with the same functions. The records' own shapes
 * (lengths, enums, the credit code's check character) are the zod schemas in
 * schemas/reference.ts; these rules are what a schema cannot see.
 */

export const DIRECTORY_TYPES = ['UNIT', 'GROUP', 'AREA', 'GRID', 'ENT', 'USER'] as const;
export type DirectoryType = (typeof DIRECTORY_TYPES)[number];

export interface DirectoryShapes {
  UNIT: Unit;
  GROUP: Group;
  AREA: Area;
  GRID: Grid;
  ENT: Enterprise;
  USER: User;
}

/** What people call each type (用在提示和操作日志里). */
export const DIRECTORY_LABELS: Record<DirectoryType, string> = {
  UNIT: '单位',
  GROUP: '群',
  AREA: '片区',
  GRID: '网格',
  ENT: '企业',
  USER: '用户',
};

/** The tenant's directory as records (an import adds its own rows to what the store holds). */
export interface DirectoryRecords {
  units: readonly Unit[];
  groups: readonly Group[];
  areas: readonly Area[];
  grids: readonly Grid[];
  enterprises: readonly Enterprise[];
  users: readonly User[];
}

/** The tenant's directory by id: what a record is checked against. */
export interface DirectoryContext {
  tenantId: string;
  units: ReadonlyMap<string, Unit>;
  groups: ReadonlyMap<string, Group>;
  areas: ReadonlyMap<string, Area>;
  grids: ReadonlyMap<string, Grid>;
  enterprises: ReadonlyMap<string, Enterprise>;
  users: ReadonlyMap<string, User>;
  /** normalised phone → the ids of the users with it */
  userPhones: ReadonlyMap<string, readonly string[]>;
}

const byId = <T extends { id: string }>(xs: readonly T[] | undefined): Map<string, T> => new Map((xs ?? []).map((x) => [x.id, x]));

/** Builds the context from the tenant's records (any type left out counts as empty). */
export function directoryContext(tenantId: string, records: Partial<DirectoryRecords>): DirectoryContext {
  const userPhones = new Map<string, string[]>();
  for (const u of records.users ?? []) {
    if (!u.phone) continue;
    const key = normalisePhone(u.phone);
    userPhones.set(key, [...(userPhones.get(key) ?? []), u.id]);
  }
  return {
    tenantId,
    units: byId(records.units),
    groups: byId(records.groups),
    areas: byId(records.areas),
    grids: byId(records.grids),
    enterprises: byId(records.enterprises),
    users: byId(records.users),
    userPhones,
  };
}

// ── phones ──────────────────────────────────────────────────────────────────

/** Without spaces, hyphens and a leading +86 / 0086: how phones are compared. */
export const normalisePhone = (phone: string): string => phone.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');

const MOBILE = /^1[3-9]\d{9}$/;
/** an area code (0 + 2–3 digits) and a 7–8 digit number */
const LANDLINE = /^0\d{2,3}\d{7,8}$/;

/** A mainland mobile (13812345678) or landline (023-56781234) number, spaces, hyphens and +86 allowed. */
export const isPhone = (phone: string): boolean => {
  if (!/^[0-9+\s-]+$/.test(phone)) return false;
  const n = normalisePhone(phone);
  return MOBILE.test(n) || LANDLINE.test(n);
};

const PHONE_MESSAGE = '电话号码格式不正确（手机号 11 位，座机如 023-56781234）';

// ── the records ─────────────────────────────────────────────────────────────

/** Roles only the platform grants: a district's admin never does. */
export const ROLES_ADMIN_MAY_NOT_GRANT: readonly Role[] = ['operator', 'province'];

const issue = (field: string, message: string): FieldIssue => ({ field, message });

function sameTenant(rec: { tenantId: string }, ctx: DirectoryContext, out: FieldIssue[]) {
  if (rec.tenantId !== ctx.tenantId) out.push(issue('tenantId', '只能修改本区的数据'));
}

/** A name another record of the same type already has (two 「商务委」 confuse everyone). */
function uniqueName<T extends { id: string; name: string }>(rec: T, others: ReadonlyMap<string, T>, label: string, out: FieldIssue[]) {
  const name = rec.name.trim();
  for (const o of others.values()) {
    if (o.id !== rec.id && o.name.trim() === name) {
      out.push(issue('name', `已有同名${label}「${o.name}」（${o.id}）`));
      return;
    }
  }
}

function knownUser(userId: string | undefined, field: string, ctx: DirectoryContext, out: FieldIssue[]) {
  if (userId !== undefined && !ctx.users.has(userId)) out.push(issue(field, `用户 ${userId} 不存在`));
}

function contact(c: Contact, field: string, ctx: DirectoryContext, out: FieldIssue[]) {
  if (!isPhone(c.phone)) out.push(issue(`${field}.phone`, PHONE_MESSAGE));
  knownUser(c.userId, `${field}.userId`, ctx, out);
}

/** A unit: a unique name; its lead a unit lead of the tenant; a unit serving a township (group or grid) stays on the township track. */
export function checkUnit(u: Unit, ctx: DirectoryContext): FieldIssue[] {
  const out: FieldIssue[] = [];
  sameTenant(u, ctx, out);
  uniqueName(u, ctx.units, '单位', out);
  if (u.leadUserId !== undefined) {
    const lead = ctx.users.get(u.leadUserId);
    if (!lead) out.push(issue('leadUserId', `用户 ${u.leadUserId} 不存在`));
    else if (!lead.roles.includes('unitLead')) out.push(issue('leadUserId', `「${lead.name}」不是单位负责人`));
  }
  if (u.track !== 'township') {
    const group = [...ctx.groups.values()].find((g) => g.townUnitId === u.id);
    const grid = [...ctx.grids.values()].find((g) => g.townUnitId === u.id);
    if (group) out.push(issue('track', `「${group.name}」以本单位为所属镇街，类别只能是镇街`));
    else if (grid) out.push(issue('track', `网格「${grid.name}」属于本单位，类别只能是镇街`));
  }
  return out;
}

function townshipUnit(unitId: string, field: string, ctx: DirectoryContext, out: FieldIssue[]) {
  const unit = ctx.units.get(unitId);
  if (!unit) out.push(issue(field, `单位 ${unitId} 不存在`));
  else if (unit.track !== 'township') out.push(issue(field, `「${unit.name}」不是镇街`));
}

/**
 * A group: known member units, each once; its lead unit (牵头单位) among them; an
 * industry group names a known industry; a township group names a township unit.
 */
export function checkGroup(g: Group, ctx: DirectoryContext): FieldIssue[] {
  const out: FieldIssue[] = [];
  sameTenant(g, ctx, out);
  uniqueName(g, ctx.groups, '群', out);
  const seen = new Set<string>();
  g.memberUnitIds.forEach((id, i) => {
    if (!ctx.units.has(id)) out.push(issue(`memberUnitIds.${i}`, `单位 ${id} 不存在`));
    else if (seen.has(id)) out.push(issue(`memberUnitIds.${i}`, `「${ctx.units.get(id)?.name ?? id}」重复`));
    seen.add(id);
  });
  if (g.leadUnitId !== undefined) {
    if (!ctx.units.has(g.leadUnitId)) out.push(issue('leadUnitId', `单位 ${g.leadUnitId} 不存在`));
    else if (!seen.has(g.leadUnitId)) out.push(issue('leadUnitId', '牵头单位应是群的成员单位'));
  }
  if (g.kind === 'industry') {
    if (g.industry === undefined) out.push(issue('industry', '行业群需要选择行业'));
    else if (!(INDUSTRIES as readonly string[]).includes(g.industry)) out.push(issue('industry', '行业不在列表中'));
  } else if (g.industry !== undefined) out.push(issue('industry', `只有行业群有行业（这是${LABELS.groupKind[g.kind]}）`));
  if (g.kind === 'township') {
    if (g.townUnitId === undefined) out.push(issue('townUnitId', '镇街企业服务群需要选择所属镇街'));
    else townshipUnit(g.townUnitId, 'townUnitId', ctx, out);
  } else if (g.townUnitId !== undefined) out.push(issue('townUnitId', `只有镇街企业服务群有所属镇街（这是${LABELS.groupKind[g.kind]}）`));
  return out;
}

/** An area: a unique name; its lead's phone, and user if named. */
export function checkArea(a: Area, ctx: DirectoryContext): FieldIssue[] {
  const out: FieldIssue[] = [];
  sameTenant(a, ctx, out);
  uniqueName(a, ctx.areas, '片区', out);
  contact(a.lead, 'lead', ctx, out);
  return out;
}

/** A grid: a known area; a township unit; its officer, area lead and grid chief reachable (phones; users if named). */
export function checkGrid(g: Grid, ctx: DirectoryContext): FieldIssue[] {
  const out: FieldIssue[] = [];
  sameTenant(g, ctx, out);
  uniqueName(g, ctx.grids, '网格', out);
  if (!ctx.areas.has(g.areaId)) out.push(issue('areaId', `片区 ${g.areaId} 不存在`));
  townshipUnit(g.townUnitId, 'townUnitId', ctx, out);
  contact(g.officer, 'officer', ctx, out);
  contact(g.areaLead, 'areaLead', ctx, out);
  contact(g.chief, 'chief', ctx, out);
  const officer = g.officer.userId ? ctx.users.get(g.officer.userId) : undefined;
  if (officer && !officer.roles.includes('officer')) out.push(issue('officer.userId', `「${officer.name}」不是工作人员`));
  return out;
}

/** An enterprise: a valid credit code; a known grid and industry; its owners users of the tenant, not of another enterprise. */
export function checkEnterprise(e: Enterprise, ctx: DirectoryContext): FieldIssue[] {
  const out: FieldIssue[] = [];
  sameTenant(e, ctx, out);
  if (!isValidCreditCode(e.id)) out.push(issue('id', '统一社会信用代码不正确（18 位，末位为校验位）'));
  if (!ctx.grids.has(e.gridId)) out.push(issue('gridId', `网格 ${e.gridId} 不存在`));
  if (!(INDUSTRIES as readonly string[]).includes(e.industry)) out.push(issue('industry', '行业不在列表中'));
  commissioners(e, ctx, out);
  e.ownerUserIds.forEach((id, i) => {
    const owner = ctx.users.get(id);
    if (!owner) out.push(issue(`ownerUserIds.${i}`, `用户 ${id} 不存在`));
    else if (owner.enterpriseId !== undefined && owner.enterpriseId !== e.id) {
      const other = ctx.enterprises.get(owner.enterpriseId);
      out.push(issue(`ownerUserIds.${i}`, `「${owner.name}」已是「${other?.name ?? owner.enterpriseId}」的负责人`));
    }
  });
  return out;
}

/** An official (工作人员、单位负责人、县领导): who may serve an enterprise as its commissioner (亲清特使). */
export const isOfficialUser = (u: Pick<User, 'roles'>): boolean => u.roles.some((r) => OFFICIAL_ROLES.includes(r));

/** An enterprise's commissioners (亲清特使): officials of the tenant, each once. */
function commissioners(e: Enterprise, ctx: DirectoryContext, out: FieldIssue[]) {
  const seen = new Set<string>();
  (e.commissionerUserIds ?? []).forEach((id, i) => {
    const field = `commissionerUserIds.${i}`;
    const user = ctx.users.get(id);
    if (!user) out.push(issue(field, `用户 ${id} 不存在`));
    else if (!isOfficialUser(user)) out.push(issue(field, `「${user.name}」不是工作人员、单位负责人或县领导，不能担任亲清特使`));
    else if (seen.has(id)) out.push(issue(field, `「${user.name}」重复`));
    seen.add(id);
  });
}

/** The enterprises a user serves as commissioner (亲清特使). */
export const enterprisesServedBy = (userId: string, ctx: Pick<DirectoryContext, 'enterprises'>): Enterprise[] =>
  [...ctx.enterprises.values()].filter((e) => (e.commissionerUserIds ?? []).includes(userId));

/**
 * A user: roles an admin may grant; an owner with a known enterprise; an
 * officer or unit lead with a known unit; a well-formed phone no other user of
 * the tenant has (sign-in and invitations go by phone).
 */
export function checkUser(u: User, ctx: DirectoryContext): FieldIssue[] {
  const out: FieldIssue[] = [];
  sameTenant(u, ctx, out);
  u.roles.forEach((role, i) => {
    if (ROLES_ADMIN_MAY_NOT_GRANT.includes(role)) out.push(issue(`roles.${i}`, `管理员不能授予「${LABELS.role[role]}」角色`));
  });
  if (new Set(u.roles).size !== u.roles.length) out.push(issue('roles', '角色重复'));
  if (u.roles.includes('owner') && u.enterpriseId === undefined) out.push(issue('enterpriseId', '企业负责人需要关联企业'));
  if (u.enterpriseId !== undefined && !ctx.enterprises.has(u.enterpriseId)) out.push(issue('enterpriseId', `企业 ${u.enterpriseId} 不存在`));
  const needsUnit = u.roles.find((r) => r === 'officer' || r === 'unitLead');
  if (needsUnit && u.unitId === undefined) out.push(issue('unitId', `${LABELS.role[needsUnit]}需要所属单位`));
  if (u.unitId !== undefined && !ctx.units.has(u.unitId)) out.push(issue('unitId', `单位 ${u.unitId} 不存在`));
  if (!isOfficialUser(u)) {
    // a commissioner stays an official while paired: unpair first (the supervisor's pairing page)
    const served = enterprisesServedBy(u.id, ctx);
    if (served.length > 0) {
      const names = served.slice(0, 3).map((e) => `「${e.name}」`).join('、');
      out.push(issue('roles', `${u.name}是 ${served.length} 家企业的亲清特使（${names}${served.length > 3 ? ' 等' : ''}），须保留工作人员、单位负责人或县领导角色，或先解除结对`));
    }
  }
  if (u.phone !== undefined) {
    if (!isPhone(u.phone)) out.push(issue('phone', PHONE_MESSAGE));
    else {
      const other = (ctx.userPhones.get(normalisePhone(u.phone)) ?? []).find((id) => id !== u.id);
      if (other) out.push(issue('phone', `手机号已被「${ctx.users.get(other)?.name ?? other}」使用`));
    }
  }
  return out;
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The tenant's office hours: at least one period, each ending after it starts, in order, not overlapping. */
export function checkOfficeHours(periods: readonly OfficePeriod[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (periods.length === 0) out.push(issue('officeHours', '至少需要一个办公时段'));
  periods.forEach((p, i) => {
    if (minutes(p.end) <= minutes(p.start)) out.push(issue(`officeHours.${i}.end`, '结束时间应晚于开始时间'));
    const prev = periods[i - 1];
    if (prev && minutes(p.start) < minutes(prev.end)) out.push(issue(`officeHours.${i}.start`, '办公时段应按时间先后排列，且不能重叠'));
  });
  return out;
}

const CHECKS: { [T in DirectoryType]: (rec: DirectoryShapes[T], ctx: DirectoryContext) => FieldIssue[] } = {
  UNIT: checkUnit,
  GROUP: checkGroup,
  AREA: checkArea,
  GRID: checkGrid,
  ENT: checkEnterprise,
  USER: checkUser,
};

/** Checks a record of any type against the directory: [] when it may be written. */
/**
 * What nobody may do to their own user record, however they write it (the console's form or an Excel import):
 * take their own admin role away. A district whose last admin did so could not undo it.
 */
export function checkSelfEdit(actorId: string, type: DirectoryType, rec: { id?: unknown; roles?: readonly Role[] }): FieldIssue[] {
  if (type !== 'USER' || rec.id !== actorId) return [];
  return rec.roles?.includes('admin') ? [] : [issue('roles', '不能取消自己的管理员角色')];
}

export const checkRecord = <T extends DirectoryType>(type: T, rec: DirectoryShapes[T], ctx: DirectoryContext): FieldIssue[] => CHECKS[type](rec, ctx);

// ── deleting ────────────────────────────────────────────────────────────────

/** A record that refers to another (the reason a delete is refused). */
export interface DirectoryReference {
  type: DirectoryType;
  id: string;
  name: string;
  /** the referring record's field */
  field: string;
}

const ref = (type: DirectoryType, rec: { id: string; name: string }, field: string): DirectoryReference => ({ type, id: rec.id, name: rec.name, field });

/**
 * What still refers to a record: a unit's users, groups (member, lead, township) and grids;
 * an area's grids; a grid's enterprises; an enterprise's owners; a user named as a unit's lead,
 * an enterprise's owner or commissioner, or a contact of a grid or area. Groups are referred to by nothing in
 * the directory. Empty: the record may go.
 */
export function referencesTo(type: DirectoryType, id: string, ctx: DirectoryContext): DirectoryReference[] {
  const out: DirectoryReference[] = [];
  if (type === 'UNIT') {
    for (const u of ctx.users.values()) if (u.unitId === id) out.push(ref('USER', u, 'unitId'));
    for (const g of ctx.groups.values()) {
      if (g.memberUnitIds.includes(id)) out.push(ref('GROUP', g, 'memberUnitIds'));
      else if (g.leadUnitId === id) out.push(ref('GROUP', g, 'leadUnitId'));
      else if (g.townUnitId === id) out.push(ref('GROUP', g, 'townUnitId'));
    }
    for (const g of ctx.grids.values()) if (g.townUnitId === id) out.push(ref('GRID', g, 'townUnitId'));
  } else if (type === 'AREA') {
    for (const g of ctx.grids.values()) if (g.areaId === id) out.push(ref('GRID', g, 'areaId'));
  } else if (type === 'GRID') {
    for (const e of ctx.enterprises.values()) if (e.gridId === id) out.push(ref('ENT', e, 'gridId'));
  } else if (type === 'ENT') {
    for (const u of ctx.users.values()) if (u.enterpriseId === id) out.push(ref('USER', u, 'enterpriseId'));
  } else if (type === 'USER') {
    for (const u of ctx.units.values()) if (u.leadUserId === id) out.push(ref('UNIT', u, 'leadUserId'));
    for (const e of ctx.enterprises.values()) if (e.ownerUserIds.includes(id)) out.push(ref('ENT', e, 'ownerUserIds'));
    // a commissioner (亲清特使) is unpaired before the account goes
    for (const e of ctx.enterprises.values()) if ((e.commissionerUserIds ?? []).includes(id)) out.push(ref('ENT', e, 'commissionerUserIds'));
    for (const a of ctx.areas.values()) if (a.lead.userId === id) out.push(ref('AREA', a, 'lead'));
    for (const g of ctx.grids.values()) {
      const field = g.officer.userId === id ? 'officer' : g.areaLead.userId === id ? 'areaLead' : g.chief.userId === id ? 'chief' : undefined;
      if (field) out.push(ref('GRID', g, field));
    }
  }
  return out;
}

/** One line saying what still refers to a record: 仍有 2 个用户、1 个群引用它（张三、李四、经信委行业群） */
export function describeReferences(refs: readonly DirectoryReference[], shown = 5): string {
  const counts = DIRECTORY_TYPES.flatMap((t) => {
    const n = refs.filter((r) => r.type === t).length;
    return n > 0 ? [`${n} 个${DIRECTORY_LABELS[t]}`] : [];
  });
  const names = refs.slice(0, shown).map((r) => r.name);
  const more = refs.length > shown ? ' 等' : '';
  return `仍有${counts.join('、')}引用它（${names.join('、')}${more}），请先修改或删除这些记录`;
}

// ── lists ───────────────────────────────────────────────────────────────────

/** Whether a record matches a search text: its id, name, and (users, contacts) phone, case-insensitively. */
export function matchesText(rec: { id: string; name: string; phone?: string }, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (needle === '') return true;
  if (rec.id.toLowerCase().includes(needle) || rec.name.toLowerCase().includes(needle)) return true;
  const digits = normalisePhone(needle);
  return rec.phone !== undefined && digits !== '' && normalisePhone(rec.phone).includes(digits);
}
