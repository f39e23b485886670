import { column, type CellValue, type SheetSpec } from '../exports/sheet.js';
import { LABELS } from '../schemas/common.js';
import { POLICY_LABELS } from '../policy/schemas.js';
import type { ImportDirectory } from './rows.js';
import { IMPORT_COLUMNS, IMPORT_KIND_LABELS, IMPORT_VALUE_LISTS, type ImportKind } from './columns.js';

type Cells = Record<string, CellValue>;

/**
 * The directory as a kind's table, in the template's columns and words (codes
 * as labels, references by id): what "Excel out" downloads, so an admin edits
 * it and imports it back; imported unchanged, every row is `unchanged`.
 */
export function directoryRows(kind: ImportKind, dir: ImportDirectory): Cells[] {
  const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x) => [x.id, x]));
  switch (kind) {
    case 'units':
      return dir.units.map((u) => ({ id: u.id, name: u.name, track: LABELS.track[u.track] }));
    case 'grids': {
      const areas = byId(dir.areas);
      return dir.grids.map((g) => {
        const area = areas.get(g.areaId);
        return {
          id: g.id,
          name: g.name,
          areaId: g.areaId,
          areaName: area?.name ?? null,
          townUnit: g.townUnitId,
          officerName: g.officer.name,
          officerPhone: g.officer.phone,
          // the area's lead, as the template keeps one per area
          areaLeadName: area?.lead.name ?? g.areaLead.name,
          areaLeadPhone: area?.lead.phone ?? g.areaLead.phone,
          chiefName: g.chief.name,
          chiefPhone: g.chief.phone,
        };
      });
    }
    case 'enterprises':
      return dir.enterprises.map((e) => ({
        id: e.id,
        name: e.name,
        industry: LABELS.industry[e.industry],
        tier: LABELS.tier[e.tier],
        grid: e.gridId,
        key: e.key ? '是' : '否',
        address: e.address ?? null,
        commissioners: (e.commissionerUserIds ?? []).join('、') || null,
        tags: e.tags?.length ? e.tags.map((t) => POLICY_LABELS.tag[t]).join('、') : null,
        headcountBand: e.headcountBand ? POLICY_LABELS.headcount[e.headcountBand] : null,
        revenueBand: e.revenueBand ? POLICY_LABELS.revenue[e.revenueBand] : null,
      }));
    case 'users':
      // the platform's and the province's people are not a district's to import
      return dir.users
        .filter((u) => !u.roles.some((r) => r === 'operator' || r === 'province'))
        .map((u) => ({
          id: u.id,
          name: u.name,
          roles: u.roles.map((r) => LABELS.role[r]).join('、'),
          unit: u.unitId ?? null,
          enterpriseId: u.enterpriseId ?? null,
          phone: u.phone ?? null,
          title: u.title ?? null,
        }));
  }
}

/**
 * A kind's template as sheets declared as data (the workbook writer makes
 * the .xlsx): the table to fill in (a required column's header marked `*`,
 * one example row, which the reader leaves out if it is left in), the allowed
 * values of the coded columns, and how to fill each column.
 */
export function templateSheets(kind: ImportKind, tenantName: string, filled?: Cells[]): SheetSpec[] {
  const columns = IMPORT_COLUMNS[kind];
  const label = IMPORT_KIND_LABELS[kind];
  const table: SheetSpec = {
    name: label,
    title: filled
      ? `${tenantName} · ${label}（现有 ${filled.length} 条：修改后可原样导入，未改的行不会写入）`
      : `${tenantName} · ${label}导入模板（带 * 的列必填；第 3 行是示例，可删除）`,
    columns: columns.map((c) => column(c.key, c.required ? `${c.header}*` : c.header, c.width)),
    rows: filled ?? [Object.fromEntries(columns.map((c) => [c.key, c.example]))],
  };
  const longest = Math.max(...IMPORT_VALUE_LISTS.map((l) => l.values.length));
  const values: SheetSpec = {
    name: '可选值',
    title: '可选值（请从下列取值中填写）',
    columns: IMPORT_VALUE_LISTS.map((l, i) => column(`v${i}`, l.header, 16)),
    rows: Array.from({ length: longest }, (_, r) => Object.fromEntries(IMPORT_VALUE_LISTS.map((l, i): [string, CellValue] => [`v${i}`, l.values[r] ?? null]))),
  };
  const help: SheetSpec = {
    name: '填写说明',
    title: `${label}导入：各列填写说明`,
    columns: [column('header', '列', 20), column('required', '必填', 8), column('format', '填写说明', 60)],
    rows: columns.map((c) => ({ header: c.header, required: c.required ? '是' : '否', format: c.format })),
  };
  return [table, values, help];
}

/** The template's file name: 清溪区-企业导入模板.xlsx */
export const templateFileName = (kind: ImportKind, tenantName: string, filled = false): string =>
  filled ? `${tenantName}-${IMPORT_KIND_LABELS[kind]}.xlsx` : `${tenantName}-${IMPORT_KIND_LABELS[kind]}导入模板.xlsx`;
export const templateFallbackFileName = (kind: ImportKind, filled = false): string => (filled ? `directory-${kind}.xlsx` : `import-template-${kind}.xlsx`);
