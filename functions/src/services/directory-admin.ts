import {
  checkOfficeHours,
  checkRecord,
  checkSelfEdit,
  ConflictError,
  describeReferences,
  DIRECTORY_LABELS,
  directoryAuditId,
  directoryContext,
  ForbiddenError,
  hash8,
  hasRole,
  lastCommissionerRefusal,
  matchesText,
  normalisePhone,
  NotFoundError,
  referencesTo,
  ValidationError,
  type DirectoryContext,
  type DirectoryListQuery,
  type DirectoryShapes,
  type DirectoryType,
  type Enterprise,
  type OfficeHoursResponse,
  type OfficePeriod,
  type Principal,
  type Role,
  type User,
} from '@whistle/shared';
import type { Ports, RevisedRef } from '../ports.js';
import { recordChange } from './audit-trail.js';

/**
 * The directory an administrator keeps (units, groups, areas, grids,
 * enterprises, users, the office hours): lists, reads, upserts and deletes.
 * Every write is conditional on the record as read (its revision), checked
 * against the rest of the directory with the domain's rules
 * (shared/src/directory), and recorded in the audit trail; a write that
 * changes nothing writes nothing and records nothing.
 */

type Shape<T extends DirectoryType> = DirectoryShapes[T];
/** a record as the admin API answers it: with its revision; a user without the WeChat openid */
export type RecordView = Record<string, unknown> & { id: string; rev: number };

const mayRead = (p: Principal) => {
  if (!hasRole(p, 'admin', 'supervisor')) throw new ForbiddenError('只有管理员和督办人员可以查看通讯录');
};
const mayWrite = (p: Principal) => {
  if (!hasRole(p, 'admin')) throw new ForbiddenError('只有管理员可以修改通讯录');
};

/** The record as an audit entry and a comparison see it: a user's WeChat binding is not the directory's. */
function plain<T extends DirectoryType>(type: T, value: Shape<T>): Record<string, unknown> {
  if (type !== 'USER') return { ...value };
  const { wechatOpenId: _openId, ...rest } = value as User;
  return rest;
}

export function view<T extends DirectoryType>(type: T, r: RevisedRef<T>): RecordView {
  const base = { ...plain(type, r.value), rev: r.revision.rev } as RecordView;
  return type === 'USER' ? { ...base, wechatBound: (r.value as User).wechatOpenId !== undefined } : base;
}

const sameRecord = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
};

/** The tenant's directory as the rules see it (the warm copies: an admin's own writes are forgotten at once). */
export async function directoryOf(deps: Pick<Ports, 'refs'>, tenantId: string): Promise<DirectoryContext> {
  const [units, groups, areas, grids, enterprises, users] = await Promise.all([
    deps.refs.list('UNIT', tenantId),
    deps.refs.list('GROUP', tenantId),
    deps.refs.list('AREA', tenantId),
    deps.refs.list('GRID', tenantId),
    deps.refs.list('ENT', tenantId),
    deps.refs.list('USER', tenantId),
  ]);
  return directoryContext(tenantId, { units, groups, areas, grids, enterprises, users });
}

// ── lists ───────────────────────────────────────────────────────────────────

/** Whether a record passes a list's filters (each type has its own; `q` searches id, name and phone). */
function filterOf(type: DirectoryType, q: DirectoryListQuery, ownerPhones: Map<string, string>): (rec: Record<string, unknown>) => boolean {
  const eq = (field: string, want: string | undefined) => (rec: Record<string, unknown>) => want === undefined || rec[field] === want;
  const checks: Array<(rec: Record<string, unknown>) => boolean> = [];
  if (q.q) {
    const text = q.q;
    checks.push((rec) => {
      const r = rec as { id: string; name: string; phone?: string; ownerUserIds?: string[] };
      if (matchesText(r, text)) return true;
      // an enterprise is found by its owners' phones too
      return (r.ownerUserIds ?? []).some((u) => {
        const phone = ownerPhones.get(u);
        return phone !== undefined && matchesText({ id: '', name: '', phone }, text);
      });
    });
  }
  if (type === 'UNIT') checks.push(eq('track', q.track));
  if (type === 'GROUP') {
    checks.push(eq('kind', q.kind));
    if (q.unitId) {
      const unitId = q.unitId;
      checks.push((rec) => (rec.memberUnitIds as string[]).includes(unitId) || rec.leadUnitId === unitId);
    }
  }
  if (type === 'GRID') checks.push(eq('areaId', q.areaId), eq('townUnitId', q.townUnitId));
  if (type === 'ENT') checks.push(eq('gridId', q.gridId), eq('industry', q.industry));
  if (type === 'USER') {
    checks.push(eq('unitId', q.unitId), eq('enterpriseId', q.enterpriseId));
    if (q.role) {
      const role = q.role;
      checks.push((rec) => (rec.roles as string[]).includes(role));
    }
  }
  return (rec) => checks.every((c) => c(rec));
}

/**
 * A page of a type's records in id order, filtered. The cursor is the last id answered, so records added or
 * removed meanwhile never shift a page. The first page reads the partition (a district's 8,205 enterprises are
 * one partition, a few pages of a Query), the next ones its warm copy; `total` counts every match.
 */
export async function listDirectory(deps: Pick<Ports, 'refs'>, p: Principal, type: DirectoryType, q: DirectoryListQuery): Promise<{ items: RecordView[]; total: number; cursor?: string }> {
  mayRead(p);
  // a list opened (its first page) is read fresh: another function (an import) may have written since this one's warm
  // copy; the pages after it page through that same copy
  const all = await deps.refs.listRevised(type, p.tenantId, { fresh: q.cursor === undefined });
  const ownerPhones = new Map<string, string>();
  if (type === 'ENT' && q.q && /\d{4,}/.test(normalisePhone(q.q))) {
    for (const u of await deps.refs.list('USER', p.tenantId)) if (u.phone && u.enterpriseId) ownerPhones.set(u.id, u.phone);
  }
  const keep = filterOf(type, q, ownerPhones);
  const matching = all.filter((r) => keep(r.value as unknown as Record<string, unknown>)).sort((a, b) => (a.value.id < b.value.id ? -1 : a.value.id > b.value.id ? 1 : 0));
  const start = q.cursor === undefined ? 0 : matching.findIndex((r) => r.value.id > (q.cursor ?? ''));
  const pageItems = start < 0 ? [] : matching.slice(start, start + q.limit);
  const last = pageItems[pageItems.length - 1];
  const more = start >= 0 && start + q.limit < matching.length;
  return { items: pageItems.map((r) => view(type, r)), total: matching.length, ...(more && last ? { cursor: last.value.id } : {}) };
}

export async function readDirectory(deps: Pick<Ports, 'refs'>, p: Principal, type: DirectoryType, id: string): Promise<RecordView> {
  mayRead(p);
  const found = await deps.refs.revised(type, p.tenantId, id);
  if (!found) throw new NotFoundError(DIRECTORY_LABELS[type]);
  return view(type, found);
}

// ── writes ──────────────────────────────────────────────────────────────────

export const stale = (type: DirectoryType, current: RevisedRef<DirectoryType>) =>
  new ConflictError(`该${DIRECTORY_LABELS[type]}已被他人修改，请按最新内容重新编辑`, { current: view(type, current) });

/** Records the audit entry of the revision a write made (again, identically, when a retry finds it made). */
export async function recordRevision(deps: Pick<Ports, 'audit'>, p: Principal, type: DirectoryType, r: RevisedRef<DirectoryType>): Promise<void> {
  const prior = r.revision.prior === undefined ? undefined : (JSON.parse(r.revision.prior) as Record<string, unknown>);
  const after = plain(type, r.value);
  await recordChange(deps, p, {
    action: prior ? 'update' : 'create',
    target: type,
    targetId: r.value.id,
    label: DIRECTORY_LABELS[type],
    name: r.value.name,
    ...(prior ? { before: prior } : {}),
    after,
    id: directoryAuditId(type, r.value.id, `r${r.revision.rev}`),
    at: r.revision.at ?? new Date(0).toISOString(),
  });
}

/** Guards of a user record that are about the caller, not the directory. */
/**
 * `PUT /api/admin/<type>/{id}`: creates the record (no `rev`: conditional on its absence) or updates it
 * (conditional on the `rev` read). Identical to what is stored: nothing written, nothing recorded.
 */
export async function putDirectory(
  deps: Pick<Ports, 'refs' | 'audit' | 'clock'>,
  p: Principal,
  type: DirectoryType,
  id: string,
  body: Record<string, unknown> & { rev?: number },
): Promise<{ record: RecordView; changed: boolean; created: boolean }> {
  mayWrite(p);
  return writeRecord(deps, p, type, id, body);
}

/**
 * A directory record's create or update by someone allowed to make it (the admin; the supervisor an enterprise's
 * commissioners): conditional on the revision read, checked with the directory's rules, recorded in the audit trail.
 */
export async function writeRecord(
  deps: Pick<Ports, 'refs' | 'audit' | 'clock'>,
  p: Principal,
  type: DirectoryType,
  id: string,
  body: Record<string, unknown> & { rev?: number },
): Promise<{ record: RecordView; changed: boolean; created: boolean }> {
  const { rev, ...fields } = body;
  const current = (await deps.refs.revised(type, p.tenantId, id)) as RevisedRef<DirectoryType> | undefined;
  const openId = type === 'USER' ? (current?.value as User | undefined)?.wechatOpenId : undefined;
  const desired = { ...fields, id, tenantId: p.tenantId, ...(openId ? { wechatOpenId: openId } : {}) } as unknown as Shape<DirectoryType>;
  if (current) {
    if (sameRecord(plain(type, current.value), plain(type, desired))) {
      // a retry of the write that made this revision: its entry again (the same id and instant: recorded once)
      if (rev !== undefined && rev === current.revision.rev - 1 && current.revision.at) await recordRevision(deps, p, type, current);
      return { record: view(type, current), changed: false, created: false };
    }
    if (rev === undefined) throw new ConflictError(`${DIRECTORY_LABELS[type]} ${id} 已存在，请按现有内容编辑`, { current: view(type, current) });
    if (rev !== current.revision.rev) throw stale(type, current);
  } else if (rev !== undefined && rev > 0) {
    throw new NotFoundError(DIRECTORY_LABELS[type]);
  }
  const ctx = await directoryOf(deps, p.tenantId);
  const issues = [...checkRecord(type, desired as never, ctx), ...checkSelfEdit(p.userId, type, { ...(desired as { roles?: Role[] }), id })];
  if (issues.length > 0) throw new ValidationError(issues);
  if (type === 'ENT') {
    // a key enterprise keeps at least one resident commissioner (亲清特使)
    const refusal = lastCommissionerRefusal(current?.value as Enterprise | undefined, desired as Enterprise);
    if (refusal) throw new ConflictError(refusal, { field: 'commissionerUserIds', enterpriseId: id });
  }
  const revision = {
    rev: (current?.revision.rev ?? 0) + 1,
    at: deps.clock.now().toISOString(),
    ...(current ? { prior: JSON.stringify(plain(type, current.value)) } : {}),
  };
  const written = await deps.refs.putRevised(type, desired as never, current ? { rev: current.revision.rev } : 'absent', revision);
  if (!written) {
    // another write came first: answer what is there now
    const now = (await deps.refs.revised(type, p.tenantId, id)) as RevisedRef<DirectoryType> | undefined;
    if (now && sameRecord(plain(type, now.value), plain(type, desired))) return { record: view(type, now), changed: false, created: false };
    if (now) throw stale(type, now);
    throw new ConflictError(`该${DIRECTORY_LABELS[type]}已被他人删除`);
  }
  const stored: RevisedRef<DirectoryType> = { value: desired, revision };
  await recordRevision(deps, p, type, stored);
  return { record: view(type, stored), changed: true, created: current === undefined };
}

/**
 * `DELETE /api/admin/<type>/{id}`: refused (409) while anything in the directory refers to the record, naming
 * what; conditional on the revision read (`rev` when the client sends it).
 */
export async function deleteDirectory(
  deps: Pick<Ports, 'refs' | 'audit' | 'clock'>,
  p: Principal,
  type: DirectoryType,
  id: string,
  rev?: number,
): Promise<{ type: DirectoryType; id: string; deleted: boolean }> {
  mayWrite(p);
  const current = await deps.refs.revised(type, p.tenantId, id);
  if (!current) throw new NotFoundError(DIRECTORY_LABELS[type]);
  if (rev !== undefined && rev !== current.revision.rev) throw stale(type, current);
  if (type === 'USER' && id === p.userId) throw new ConflictError('不能删除自己的账号');
  const refs = referencesTo(type, id, await directoryOf(deps, p.tenantId));
  if (refs.length > 0) throw new ConflictError(`不能删除${DIRECTORY_LABELS[type]}「${current.value.name}」：${describeReferences(refs)}`, { references: refs });
  if (!(await deps.refs.delete(type, p.tenantId, id, { rev: current.revision.rev }))) {
    const now = await deps.refs.revised(type, p.tenantId, id);
    if (now) throw stale(type, now);
    throw new NotFoundError(DIRECTORY_LABELS[type]);
  }
  await recordChange(deps, p, {
    action: 'delete',
    target: type,
    targetId: id,
    label: DIRECTORY_LABELS[type],
    name: current.value.name,
    before: plain(type, current.value),
    id: directoryAuditId(type, id, `d${current.revision.rev}`),
    at: deps.clock.now().toISOString(),
  });
  return { type, id, deleted: true };
}

// ── office hours ────────────────────────────────────────────────────────────

export async function officeHours(deps: Pick<Ports, 'refs'>, p: Principal): Promise<OfficeHoursResponse> {
  mayRead(p);
  const tenant = await deps.refs.revised('TENANT', p.tenantId, p.tenantId);
  if (!tenant) throw new NotFoundError('本区');
  return { officeHours: tenant.value.officeHours, rev: tenant.revision.rev };
}

/** Sets the office hours (conditional on the revision read); working clocks started from now on count them. */
export async function putOfficeHours(
  deps: Pick<Ports, 'refs' | 'audit' | 'clock'>,
  p: Principal,
  body: { officeHours: OfficePeriod[]; rev?: number },
): Promise<OfficeHoursResponse> {
  mayWrite(p);
  const issues = checkOfficeHours(body.officeHours);
  if (issues.length > 0) throw new ValidationError(issues);
  const tenant = await deps.refs.revised('TENANT', p.tenantId, p.tenantId);
  if (!tenant) throw new NotFoundError('本区');
  const current = { officeHours: tenant.value.officeHours, rev: tenant.revision.rev };
  if (JSON.stringify(tenant.value.officeHours) === JSON.stringify(body.officeHours)) return current;
  if (body.rev !== undefined && body.rev !== tenant.revision.rev) throw new ConflictError('办公时间已被他人修改，请按最新内容重新编辑', { current });
  const revision = { rev: tenant.revision.rev + 1, at: deps.clock.now().toISOString(), prior: JSON.stringify(tenant.value) };
  if (!(await deps.refs.putRevised('TENANT', { ...tenant.value, officeHours: body.officeHours }, { rev: tenant.revision.rev }, revision))) {
    const now = await deps.refs.revised('TENANT', p.tenantId, p.tenantId);
    throw new ConflictError('办公时间已被他人修改，请按最新内容重新编辑', now ? { current: { officeHours: now.value.officeHours, rev: now.revision.rev } } : undefined);
  }
  await recordChange(deps, p, {
    action: 'update',
    target: 'TENANT',
    targetId: p.tenantId,
    label: '办公时间',
    before: { officeHours: tenant.value.officeHours },
    after: { officeHours: body.officeHours },
    id: `tenant-${hash8(p.tenantId)}-r${revision.rev}`,
    at: revision.at,
  });
  return { officeHours: body.officeHours, rev: revision.rev };
}
