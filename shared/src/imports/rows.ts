import * as z from 'zod/mini';
import { ValidationError, type FieldIssue } from '../errors.js';
import { Area, Enterprise, Grid, Unit, User, type Contact } from '../schemas/reference.js';
import { INDUSTRIES, LABELS, ROLES, TIERS, UNIT_TRACKS, type Role } from '../schemas/common.js';
import { fieldIssues } from '../validation.js';
import { checkRecord, checkSelfEdit, directoryContext, normalisePhone, type DirectoryContext, type DirectoryRecords } from '../directory/rules.js';
import { IMPORTABLE_ROLES, IMPORT_COLUMNS, IMPORT_KIND_LABELS, MAX_IMPORT_ROWS, type ImportColumn, type ImportKind } from './columns.js';
import { ENTERPRISE_TAGS, HEADCOUNT_BANDS, REVENUE_BANDS, type EnterpriseTag } from '../policy/profile.js';
import { POLICY_LABELS } from '../policy/schemas.js';

/**
 * From a workbook's cells to reference records, row by row, with a report
 * people read: which rows create, update, leave unchanged or cannot be taken,
 * and why, in Chinese, naming the column. Pure: the caller reads the file and
 * the tenant's directory, and writes nothing here.
 */

/** A cell as a spreadsheet reader gives it. */
export type ImportCell = string | number | boolean | Date | null | undefined;
export interface ImportSheet {
  name: string;
  data: ReadonlyArray<ReadonlyArray<ImportCell>>;
}

export const IMPORT_OUTCOMES = ['create', 'update', 'unchanged', 'error'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];
export const IMPORT_OUTCOME_LABELS: Readonly<Record<ImportOutcome, string>> = { create: '新增', update: '更新', unchanged: '未变', error: '错误' };

/** The records an import writes: the directory's, keyed by id (an enterprise by its credit code). */
export const IMPORT_RECORD_TYPES = ['UNIT', 'AREA', 'GRID', 'ENT', 'USER'] as const;
export type ImportRecordType = (typeof IMPORT_RECORD_TYPES)[number];

export interface ImportWrite {
  type: ImportRecordType;
  id: string;
  /** the record as it is now (absent: a new one) */
  before?: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface ImportRowIssue extends FieldIssue {
  /** the column's header, as people read it */
  column: string;
}

export interface ImportRow {
  /** the spreadsheet's own row number (1-based, as Excel shows it) */
  row: number;
  outcome: ImportOutcome;
  /** the record's key (the credit code for an enterprise) and name, when the row has them */
  id?: string;
  name?: string;
  issues: ImportRowIssue[];
  /** the fields an update changes */
  changed?: string[];
  /** what starting the job writes for this row (create, update): each record before and after */
  writes: ImportWrite[];
}

export type ImportCounts = Record<ImportOutcome, number>;

/** The tenant's directory as it is now: what rows are checked and diffed against. */
export interface ImportDirectory extends DirectoryRecords {
  tenantId: string;
}

// ── reading the table ──────────────────────────────────────────────────────

/** A cell as text: trimmed; a number as written (a phone typed as a number stays its digits); a date as its day. */
export function cellText(v: ImportCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
}

/** Headers compare without spaces and a trailing required mark (`企业名称*`, `企业名称（必填）`). */
const normHeader = (h: string) => h.replace(/\s+/g, '').replace(/(\*|（必填）|\(必填\))$/, '');

export interface ImportTable {
  sheet: string;
  /** the header row's number (1-based) */
  headerRow: number;
  rows: Array<{ row: number; cells: Record<string, string> }>;
}

/** How far down a sheet the header row may be (the template's is row 2, under its title). */
const HEADER_SEARCH_ROWS = 10;

/**
 * Finds this kind's table in a workbook: the sheet named for the kind (企业),
 * else the first sheet carrying the headers; the header row within its first
 * rows; each column by its Chinese header wherever it stands. Empty rows and
 * the template's example row are left out. Throws a ValidationError naming `file` and what
 * is missing.
 */
export function locateTable(kind: ImportKind, sheets: readonly ImportSheet[]): ImportTable {
  const columns = IMPORT_COLUMNS[kind];
  const wanted = IMPORT_KIND_LABELS[kind];
  const ordered = [...sheets.filter((s) => s.name.trim() === wanted), ...sheets.filter((s) => s.name.trim() !== wanted)];
  let best: { sheet: ImportSheet; missing: ImportColumn[] } | undefined;
  for (const sheet of ordered) {
    for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, sheet.data.length); r++) {
      const headers = (sheet.data[r] ?? []).map((c) => normHeader(cellText(c)));
      const index = new Map<string, number>();
      for (const c of columns) {
        const at = headers.indexOf(normHeader(c.header));
        if (at >= 0) index.set(c.key, at);
      }
      const missing = columns.filter((c) => c.required && !index.has(c.key));
      if (missing.length === 0) return tableOf(kind, sheet, r, index);
      if (index.size > 0 && (!best || missing.length < best.missing.length)) best = { sheet, missing };
    }
  }
  if (best) {
    throw new ValidationError([{ field: 'file', message: `工作表「${best.sheet.name}」缺少列：${best.missing.map((c) => c.header).join('、')}` }]);
  }
  throw new ValidationError([{ field: 'file', message: `找不到${wanted}表：请使用${wanted}导入模板（表头须包含 ${columns.filter((c) => c.required).map((c) => c.header).join('、')}）` }]);
}

function tableOf(kind: ImportKind, sheet: ImportSheet, headerAt: number, index: Map<string, number>): ImportTable {
  const columns = IMPORT_COLUMNS[kind];
  const rows: ImportTable['rows'] = [];
  for (let r = headerAt + 1; r < sheet.data.length; r++) {
    const raw = sheet.data[r] ?? [];
    const cells = Object.fromEntries(columns.map((c) => [c.key, index.has(c.key) ? cellText(raw[index.get(c.key) ?? -1]) : '']));
    if (Object.values(cells).every((v) => v === '')) continue;
    // the template's example, left in: not data
    if (columns.every((c) => cells[c.key] === c.example)) continue;
    rows.push({ row: r + 1, cells });
    if (rows.length > MAX_IMPORT_ROWS) throw new ValidationError([{ field: 'file', message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件` }]);
  }
  if (rows.length === 0) throw new ValidationError([{ field: 'file', message: `工作表「${sheet.name}」没有数据行` }]);
  return { sheet: sheet.name, headerRow: headerAt + 1, rows };
}

// ── records ────────────────────────────────────────────────────────────────

/** A JSON value with its keys sorted and undefined dropped: two records are the same when these are equal. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

const stripUndefined = <T extends Record<string, unknown>>(o: T): T => JSON.parse(canonical(o)) as T;

/** A code from its Chinese label (or the code itself). */
function codeOf<C extends string>(codes: readonly C[], labels: Readonly<Record<C, string>>, text: string): C | undefined {
  return codes.find((c) => labels[c] === text || c === text);
}

/** Finds a record by id, else by its name (a name two records share is ambiguous). */
function byIdOrName<T extends { id: string; name: string }>(list: readonly T[], text: string): T | 'ambiguous' | undefined {
  const byId = list.find((x) => x.id === text);
  if (byId) return byId;
  const named = list.filter((x) => x.name === text);
  return named.length > 1 ? 'ambiguous' : named[0];
}

/** A contact, keeping the user it was linked to while it is the same person. */
const contact = (name: string, phone: string, before: Contact | undefined): Contact => ({
  name,
  phone,
  ...(before?.userId && before.name === name ? { userId: before.userId } : {}),
});

/** The directory's users by normalised phone (one lookup table per directory an import reads). */
const phoneIndex = new WeakMap<ImportDirectory, Map<string, string[]>>();

/** The users a cell names (accounts or phones, separated by 、 , ; or spaces); each unknown one is an issue of the column. */
function commissionersNamed(text: string, dir: ImportDirectory, issue: (key: string, message: string) => void): string[] {
  let phones = phoneIndex.get(dir);
  if (!phones) {
    phones = new Map();
    for (const u of dir.users) if (u.phone) phones.set(normalisePhone(u.phone), [...(phones.get(normalisePhone(u.phone)) ?? []), u.id]);
    phoneIndex.set(dir, phones);
  }
  const ids: string[] = [];
  for (const token of text.split(/[、,，;；\s]+/).filter(Boolean)) {
    const byPhone = phones.get(normalisePhone(token)) ?? [];
    const id = dir.users.some((u) => u.id === token) ? token : byPhone.length === 1 ? byPhone[0] : undefined;
    if (id) ids.push(id);
    else issue('commissioners', byPhone.length > 1 ? `手机号 ${token} 有多个用户，请填写账号` : `亲清特使「${token}」不存在（请填写账号或手机号）`);
  }
  return ids;
}

interface Draft {
  id: string;
  name: string;
  issues: ImportRowIssue[];
  /** records of the row, first the row's own; issues in them by zod path mapped back to columns */
  records: Array<{ type: ImportRecordType; schema: z.ZodMiniType; value: Record<string, unknown>; before?: Record<string, unknown>; paths: Record<string, string> }>;
}

type Builder = (cells: Record<string, string>, dir: ImportDirectory, issue: (key: string, message: string) => void) => Draft['records'];

const BUILDERS: Readonly<Record<ImportKind, Builder>> = {
  units(c, dir, issue): Draft['records'] {
    const track = codeOf(UNIT_TRACKS, LABELS.track, c.track ?? '');
    if (!track && c.track) issue('track', `单位类别「${c.track}」不在列表中（${UNIT_TRACKS.map((t) => LABELS.track[t]).join('、')}）`);
    const before = dir.units.find((u) => u.id === c.id);
    const value = { ...before, id: c.id, tenantId: dir.tenantId, name: c.name, track: track ?? 'department' };
    return [{ type: 'UNIT', schema: Unit, value, ...(before ? { before } : {}), paths: { id: 'id', name: 'name', track: 'track' } }];
  },
  grids(c, dir, issue): Draft['records'] {
    const town = byIdOrName(dir.units, c.townUnit ?? '');
    if (town === 'ambiguous') issue('townUnit', `单位「${c.townUnit}」有重名，请填写单位编号`);
    else if (!town && c.townUnit) issue('townUnit', `镇街「${c.townUnit}」不存在`);
    const before = dir.grids.find((g) => g.id === c.id);
    const areaBefore = dir.areas.find((a) => a.id === c.areaId);
    const grid = {
      ...before,
      id: c.id,
      tenantId: dir.tenantId,
      areaId: c.areaId,
      name: c.name,
      townUnitId: town && town !== 'ambiguous' ? town.id : '-',
      officer: contact(c.officerName ?? '', c.officerPhone ?? '', before?.officer),
      areaLead: contact(c.areaLeadName ?? '', c.areaLeadPhone ?? '', before?.areaLead),
      chief: contact(c.chiefName ?? '', c.chiefPhone ?? '', before?.chief),
    };
    const area = { ...areaBefore, id: c.areaId, tenantId: dir.tenantId, name: c.areaName, lead: contact(c.areaLeadName ?? '', c.areaLeadPhone ?? '', areaBefore?.lead) };
    return [
      {
        type: 'GRID',
        schema: Grid,
        value: grid,
        ...(before ? { before } : {}),
        paths: {
          id: 'id',
          name: 'name',
          areaId: 'areaId',
          townUnitId: 'townUnit',
          'officer.name': 'officerName',
          'officer.phone': 'officerPhone',
          'areaLead.name': 'areaLeadName',
          'areaLead.phone': 'areaLeadPhone',
          'chief.name': 'chiefName',
          'chief.phone': 'chiefPhone',
        },
      },
      { type: 'AREA', schema: Area, value: area, ...(areaBefore ? { before: areaBefore } : {}), paths: { id: 'areaId', name: 'areaName', 'lead.name': 'areaLeadName', 'lead.phone': 'areaLeadPhone' } },
    ];
  },
  enterprises(c, dir, issue): Draft['records'] {
    const industry = codeOf(INDUSTRIES, LABELS.industry, c.industry ?? '');
    if (!industry && c.industry) issue('industry', `行业「${c.industry}」不在列表中`);
    const tier = codeOf(TIERS, LABELS.tier, c.tier ?? '');
    if (!tier && c.tier) issue('tier', `企业类型「${c.tier}」不在列表中（${TIERS.map((t) => LABELS.tier[t]).join('、')}）`);
    const grid = byIdOrName(dir.grids, c.grid ?? '');
    if (grid === 'ambiguous') issue('grid', `网格「${c.grid}」有重名，请填写网格编号`);
    else if (!grid && c.grid) issue('grid', `网格「${c.grid}」不存在`);
    const key = c.key === '' || c.key === '否' ? false : c.key === '是' ? true : undefined;
    if (key === undefined) issue('key', '重点企业只能填 是 或 否');
    const before = dir.enterprises.find((e) => e.id === c.id);
    // the profile: an empty cell keeps what the enterprise has (its owner and grid officer keep it current)
    const tags: EnterpriseTag[] = [];
    for (const text of (c.tags ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
      const tag = codeOf(ENTERPRISE_TAGS, POLICY_LABELS.tag, text);
      if (!tag) issue('tags', `企业标签「${text}」不在列表中`);
      else if (!tags.includes(tag)) tags.push(tag);
    }
    const headcountBand = c.headcountBand ? codeOf(HEADCOUNT_BANDS, POLICY_LABELS.headcount, c.headcountBand) : before?.headcountBand;
    if (c.headcountBand && !headcountBand) issue('headcountBand', `从业人数「${c.headcountBand}」不在列表中`);
    const revenueBand = c.revenueBand ? codeOf(REVENUE_BANDS, POLICY_LABELS.revenue, c.revenueBand) : before?.revenueBand;
    if (c.revenueBand && !revenueBand) issue('revenueBand', `营业收入「${c.revenueBand}」不在列表中`);
    const value = {
      ...before,
      id: c.id,
      tenantId: dir.tenantId,
      name: c.name,
      industry: industry ?? 'equipment',
      tier: tier ?? 'growth',
      gridId: grid && grid !== 'ambiguous' ? grid.id : '-',
      key: key ?? false,
      ownerUserIds: before?.ownerUserIds ?? [],
      address: c.address || undefined,
      // 亲清特使: named by account or phone; an empty cell keeps the pairings (the supervisor keeps them in the console)
      commissionerUserIds: c.commissioners ? commissionersNamed(c.commissioners, dir, issue) : before?.commissionerUserIds,
      tags: c.tags ? tags : before?.tags,
      headcountBand,
      revenueBand,
    };
    return [
      {
        type: 'ENT',
        schema: Enterprise,
        value,
        ...(before ? { before } : {}),
        paths: { id: 'id', name: 'name', address: 'address', gridId: 'grid', industry: 'industry', commissionerUserIds: 'commissioners', tags: 'tags' },
      },
    ];
  },
  users(c, dir, issue): Draft['records'] {
    const roles: Role[] = [];
    for (const text of (c.roles ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
      const role = codeOf(ROLES, LABELS.role, text);
      if (!role || !IMPORTABLE_ROLES.includes(role)) issue('roles', `角色「${text}」不在列表中`);
      else if (!roles.includes(role)) roles.push(role);
    }
    const unit = c.unit ? byIdOrName(dir.units, c.unit) : undefined;
    if (unit === 'ambiguous') issue('unit', `单位「${c.unit}」有重名，请填写单位编号`);
    else if (!unit && c.unit) issue('unit', `单位「${c.unit}」不存在`);
    const before = dir.users.find((u) => u.id === c.id);
    const value = {
      ...before,
      id: c.id,
      tenantId: dir.tenantId,
      name: c.name,
      roles,
      unitId: unit && unit !== 'ambiguous' ? unit.id : c.unit ? '-' : undefined,
      enterpriseId: c.enterpriseId || undefined,
      phone: c.phone || undefined,
      title: c.title || undefined,
    };
    return [{ type: 'USER', schema: User, value, ...(before ? { before } : {}), paths: { id: 'id', name: 'name', roles: 'roles', unitId: 'unit', enterpriseId: 'enterpriseId', phone: 'phone', title: 'title' } }];
  },
};

/**
 * A users file names owners by their enterprise: each enterprise's owner list
 * (企业负责人) takes in the file's owners that are written (rows without
 * errors), once, in a write of the first such row (the file's owners of an
 * enterprise together, so two rows never write two different lists).
 */
function linkOwners(rows: ImportRow[], dir: ImportDirectory): void {
  const byEnterprise = new Map<string, { first: ImportRow; ids: string[] }>();
  for (const r of rows) {
    if (r.outcome === 'error') continue;
    const user = (r.writes.find((w) => w.type === 'USER')?.after ?? dir.users.find((u) => u.id === r.id)) as Partial<User> | undefined;
    if (!user?.id || !user.enterpriseId || !user.roles?.includes('owner')) continue;
    const entry = byEnterprise.get(user.enterpriseId) ?? { first: r, ids: [] };
    if (!entry.ids.includes(user.id)) entry.ids.push(user.id);
    byEnterprise.set(user.enterpriseId, entry);
  }
  for (const [enterpriseId, { first, ids }] of byEnterprise) {
    const before = dir.enterprises.find((e) => e.id === enterpriseId);
    if (!before) continue;
    const added = ids.filter((id) => !before.ownerUserIds.includes(id));
    if (added.length === 0) continue;
    first.writes.push({ type: 'ENT', id: enterpriseId, before, after: { ...before, ownerUserIds: [...before.ownerUserIds, ...added] } });
    if (first.outcome === 'unchanged') first.outcome = 'update';
    if (first.outcome === 'update') first.changed = [...(first.changed ?? []), 'enterprise.ownerUserIds'].sort();
  }
}

/**
 * Parses every row of the table against the directory: each row's records
 * (zod, the reference schemas), the cross-references, duplicates within the
 * file, and the diff with what is there (an identical record is `unchanged`).
 */
/** `actorId`: who imports (an admin may not take their own admin role away here either). */
export function parseRows(kind: ImportKind, table: ImportTable, dir: ImportDirectory, actorId: string): ImportRow[] {
  const columns = IMPORT_COLUMNS[kind];
  const header = new Map(columns.map((c) => [c.key, c.header]));
  /** the first row of each key in the file */
  const firstRow = new Map<string, number>();
  // pass 1: each row's cells into records (codes from labels, references from ids or names)
  const drafts = table.rows.map(({ row, cells }) => {
    const issues: ImportRowIssue[] = [];
    const issue = (key: string, message: string) => {
      if (!issues.some((i) => i.field === key)) issues.push({ field: key, column: header.get(key) ?? key, message });
    };
    for (const c of columns) if (c.required && !cells[c.key]) issue(c.key, `请填写${c.header}`);
    const id = cells.id ?? '';
    const seen = firstRow.get(id);
    if (id && seen !== undefined) issue('id', `与第 ${seen} 行重复`);
    else if (id) firstRow.set(id, row);
    return { row, cells, id, issues, issue, records: BUILDERS[kind](cells, dir, issue) };
  });
  // the directory as it will be: what is there, with the file's records over it (a grid may name an area of the file)
  const ctx = contextWith(dir, drafts.flatMap((d) => d.records));
  const areas = new Map<string, { row: number; value: string }>();
  // pass 2: each record's shape (zod), its agreement with the directory (shared/src/directory), the diff
  const rows = drafts.map(({ row, cells, id, issues, issue, records }): ImportRow => {
    const own = records.filter((rec) => {
      if (rec.type !== 'AREA') return true;
      // an area spans rows: its first row writes it; the others must say the same
      const value = canonical(stripUndefined(rec.value));
      const first = areas.get(String(rec.value.id));
      if (!first) areas.set(String(rec.value.id), { row, value });
      else if (first.value !== value) issue('areaName', `片区「${String(rec.value.id)}」的名称或负责人与第 ${first.row} 行不一致`);
      return !first;
    });
    for (const rec of own) {
      const value = stripUndefined(rec.value);
      // the record's shape first (the schemas' own messages), then its agreement with the directory: one message per column
      const parsed = z.safeParse(rec.schema, value);
      if (!parsed.success) {
        for (const fi of fieldIssues(parsed.error)) {
          const key = rec.paths[fi.field];
          // a value already reported (missing, not in the list) or derived from another column has no column here
          if (key) issue(key, fi.message);
        }
      }
      const column = (field: string) => rec.paths[field] ?? rec.paths[field.replace(/\.\d+$/, '')] ?? 'id';
      for (const fi of [...checkRecord(rec.type, value as never, ctx), ...checkSelfEdit(actorId, rec.type, value)]) issue(column(fi.field), fi.message);
    }
    const writes: ImportWrite[] = [];
    const changed = new Set<string>();
    let created = false;
    for (const [i, rec] of own.entries()) {
      const after = stripUndefined(rec.value);
      if (rec.before && canonical(rec.before) === canonical(after)) continue;
      if (i === 0 && !rec.before) created = true;
      for (const f of changedKeys(rec.before, after)) changed.add(rec.type === 'AREA' ? `area.${f}` : f);
      writes.push({ type: rec.type, id: String(rec.value.id), ...(rec.before ? { before: rec.before } : {}), after });
    }
    const name = cells.name || undefined;
    const base = { row, ...(id ? { id } : {}), ...(name ? { name } : {}) };
    if (issues.length > 0) return { ...base, outcome: 'error', issues, writes: [] };
    if (writes.length === 0) return { ...base, outcome: 'unchanged', issues, writes };
    return { ...base, outcome: created ? 'create' : 'update', issues, writes, ...(created ? {} : { changed: [...changed].sort() }) };
  });
  if (kind === 'users') linkOwners(rows, dir);
  return rows;
}

/** The directory with the file's records over it, each id once (its first row's). */
function contextWith(dir: ImportDirectory, records: Draft['records']): DirectoryContext {
  const over = <T extends { id: string }>(list: readonly T[], type: ImportRecordType): T[] => {
    const byId = new Map(list.map((x) => [x.id, x]));
    const fromFile = new Set<string>();
    for (const r of records) {
      const id = String(r.value.id);
      if (r.type !== type || fromFile.has(id)) continue;
      fromFile.add(id);
      byId.set(id, stripUndefined(r.value) as unknown as T);
    }
    return [...byId.values()];
  };
  return directoryContext(dir.tenantId, {
    units: over(dir.units, 'UNIT'),
    groups: dir.groups,
    areas: over(dir.areas, 'AREA'),
    grids: over(dir.grids, 'GRID'),
    enterprises: over(dir.enterprises, 'ENT'),
    users: over(dir.users, 'USER'),
  });
}

function changedKeys(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
  if (!before) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => canonical(before[k]) !== canonical(after[k]));
}

export const countOutcomes = (rows: readonly Pick<ImportRow, 'outcome'>[]): ImportCounts => {
  const counts: ImportCounts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.outcome]++;
  return counts;
};

const thousands = (n: number) => n.toLocaleString('en-US');

/** The job's one line for people (and its audit entry): 导入企业 8,205 行：新增 8,100，更新 90，未变 15 */
export function importSummary(kind: ImportKind, counts: ImportCounts, opts: { skippedErrors?: boolean } = {}): string {
  const total = counts.create + counts.update + counts.unchanged + counts.error;
  const parts = [`新增 ${thousands(counts.create)}`, `更新 ${thousands(counts.update)}`, `未变 ${thousands(counts.unchanged)}`];
  if (counts.error > 0) parts.push(`${opts.skippedErrors ? '跳过错误' : '错误'} ${thousands(counts.error)}`);
  return `导入${IMPORT_KIND_LABELS[kind]} ${thousands(total)} 行：${parts.join('，')}`;
}
