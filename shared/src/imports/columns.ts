import { INDUSTRIES, LABELS, ROLES, TIERS, UNIT_TRACKS, type Role } from '../schemas/common.js';
import { ROLES_ADMIN_MAY_NOT_GRANT } from '../directory/rules.js';
import { completeCreditCode } from '../uscc.js';
import { ENTERPRISE_TAGS, HEADCOUNT_BANDS, REVENUE_BANDS } from '../policy/profile.js';
import { POLICY_LABELS } from '../policy/schemas.js';

/**
 * What a district onboards from Excel (导入), and each kind's template: its
 * columns declared once (the Chinese header people fill in, the record's field,
 * whether it is required, how to write it, an example). The template file, the
 * reader (headers are matched by name, not by position) and the report all
 * derive from these lists.
 *
 * The order of onboarding is the order of IMPORT_KINDS: units first (grids
 * name their township, users their unit), then grids with their areas, then
 * enterprises (in a grid), then users (of a unit or an enterprise).
 */
export const IMPORT_KINDS = ['units', 'grids', 'enterprises', 'users'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Readonly<Record<ImportKind, string>> = { units: '单位', grids: '网格', enterprises: '企业', users: '用户' };

export interface ImportColumn {
  /** the field of the row (English, the API's word) */
  key: string;
  /** the header people read and fill in (the reader matches it) */
  header: string;
  required: boolean;
  /** how to fill it in, for people (the template's allowed-values sheet shows it) */
  format: string;
  /** the template's example row */
  example: string;
  /** width in characters (a Chinese character counts about two) */
  width: number;
}

const col = (key: string, header: string, required: boolean, format: string, example: string, width = 16): ImportColumn => ({
  key,
  header,
  required,
  format,
  example,
  width,
});

const labelsOf = (m: Readonly<Record<string, string>>): string => Object.values(m).join('、');
/** The roles a district's file may give: not those only the platform grants. */
export const IMPORTABLE_ROLES: readonly Role[] = ROLES.filter((r) => !ROLES_ADMIN_MAY_NOT_GRANT.includes(r));
const PHONE = '手机或座机，数字、+、- 或空格，5–20 位';

export const IMPORT_COLUMNS: Readonly<Record<ImportKind, readonly ImportColumn[]>> = {
  units: [
    col('id', '单位编号', true, '字母、数字、- 或 _，导入后不可更改', 'fgj', 12),
    col('name', '单位名称', true, '1–60 个字', '县发展和改革委员会', 28),
    col('track', '单位类别', true, `${labelsOf(LABELS.track)}（赛道）`, LABELS.track.department, 10),
  ],
  grids: [
    col('id', '网格编号', true, '字母、数字、- 或 _', 'yf-01', 12),
    col('name', '网格名称', true, '1–60 个字', '城关街道第一网格', 22),
    col('areaId', '片区编号', true, '字母、数字、- 或 _；同一片区各行一致', 'north', 12),
    col('areaName', '片区名称', true, '1–60 个字', '城北片区', 14),
    col('townUnit', '所属镇街', true, '镇街单位的编号或名称', '城关街道', 16),
    col('officerName', '网格员', true, '姓名', '张明', 10),
    col('officerPhone', '网格员电话', true, PHONE, '13800000001', 14),
    col('areaLeadName', '片区负责人', true, '姓名；同一片区各行一致', '李华', 10),
    col('areaLeadPhone', '片区负责人电话', true, PHONE, '13800000002', 14),
    col('chiefName', '网格总负责人', true, '姓名', '王强', 12),
    col('chiefPhone', '网格总负责人电话', true, PHONE, '13800000003', 16),
  ],
  enterprises: [
    col('id', '统一社会信用代码', true, '18 位，含校验位', completeCreditCode('91500236MA5U7G3X1'), 22),
    col('name', '企业名称', true, '2–80 个字', '某某食品有限公司', 30),
    col('industry', '行业', true, labelsOf(LABELS.industry), LABELS.industry.food, 12),
    col('tier', '企业类型', true, labelsOf(LABELS.tier), LABELS.tier.growth, 12),
    col('grid', '所属网格', true, '网格的编号或名称', '城关街道第一网格', 20),
    col('key', '重点企业', false, '是 或 否（空：否）', '否', 10),
    col('address', '地址', false, '最多 120 个字', '城关街道朝阳路 18 号', 30),
    col('commissioners', '亲清特使', false, '工作人员、单位负责人或县领导的账号或手机号，多个用、分隔；空：不变', '', 24),
    // the profile policies match on (企业画像): left empty, an import keeps what the enterprise has
    col('tags', '企业标签', false, `${labelsOf(POLICY_LABELS.tag)}；多个用、分隔（空：不变）`, `${POLICY_LABELS.tag.specialized}、${POLICY_LABELS.tag.aboveScale}`, 24),
    col('headcountBand', '从业人数', false, `${labelsOf(POLICY_LABELS.headcount)}（空：不变）`, POLICY_LABELS.headcount.h100to299, 14),
    col('revenueBand', '营业收入', false, `${labelsOf(POLICY_LABELS.revenue)}（空：不变）`, POLICY_LABELS.revenue.r2000to10000, 16),
  ],
  users: [
    col('id', '账号', true, '字母、数字、- 或 _，导入后不可更改', 'zhang-ming', 14),
    col('name', '姓名', true, '1–40 个字', '张明', 10),
    col('roles', '角色', true, `${IMPORTABLE_ROLES.map((r) => LABELS.role[r]).join('、')}；多个用、分隔`, `${LABELS.role.officer}、${LABELS.role.unitLead}`, 22),
    col('unit', '所属单位', false, '单位的编号或名称（部门工作人员、单位负责人必填）', '县发展和改革委员会', 22),
    col('enterpriseId', '所属企业信用代码', false, '统一社会信用代码（企业负责人必填）', '', 22),
    col('phone', '手机号', false, PHONE, '13800000004', 14),
    col('title', '职务', false, '最多 40 个字', '科长', 12),
  ],
};

/** The allowed values of the coded columns, in Chinese (the template's second sheet). */
export const IMPORT_VALUE_LISTS: ReadonlyArray<{ header: string; values: readonly string[] }> = [
  { header: '行业', values: INDUSTRIES.map((i) => LABELS.industry[i]) },
  { header: '企业类型', values: TIERS.map((t) => LABELS.tier[t]) },
  { header: '单位类别', values: UNIT_TRACKS.map((t) => LABELS.track[t]) },
  { header: '角色', values: IMPORTABLE_ROLES.map((r) => LABELS.role[r]) },
  { header: '重点企业', values: ['是', '否'] },
  { header: '企业标签', values: ENTERPRISE_TAGS.map((t) => POLICY_LABELS.tag[t]) },
  { header: '从业人数', values: HEADCOUNT_BANDS.map((b) => POLICY_LABELS.headcount[b]) },
  { header: '营业收入', values: REVENUE_BANDS.map((b) => POLICY_LABELS.revenue[b]) },
];

/** The most data rows one file may carry (奉节's 8,205 enterprises fit twice). */
export const MAX_IMPORT_ROWS = 20_000;
/** Rows per stored chunk of a job: the unit of the report's pages and of the background writes. */
export const IMPORT_CHUNK_ROWS = 100;
