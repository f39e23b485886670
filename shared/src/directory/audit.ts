import { AUDIT_LABELS, changedFields, type AuditAction } from '../audit/index.js';
import { DIRECTORY_LABELS, type DirectoryType } from './rules.js';

/** What each field of a directory record (and a setting) is called in an audit entry's summary. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: '名称',
  track: '类别',
  leadUserId: '负责人',
  kind: '类型',
  industry: '行业',
  townUnitId: '所属镇街',
  memberUnitIds: '成员单位',
  leadUnitId: '牵头单位',
  lead: '片区负责人',
  areaId: '片区',
  officer: '网格员',
  areaLead: '片区负责人',
  chief: '网格总负责人',
  tier: '企业类型',
  gridId: '网格',
  key: '重点企业',
  ownerUserIds: '企业负责人',
  commissionerUserIds: '亲清特使',
  address: '地址',
  roles: '角色',
  unitId: '所属单位',
  enterpriseId: '所属企业',
  phone: '电话',
  title: '职务',
  officeHours: '办公时间',
  tags: '企业标签',
  headcountBand: '从业人数',
  revenueBand: '营业收入',
};

/**
 * The one line a person reads: 新增单位「商务委」, 修改单位「商务委」：名称、类别, 删除网格「东港一网格」.
 * `label`: what it is (单位, 群, 办公时间…); `name`: which one.
 */
export function changeSummary(action: AuditAction, label: string, name: string | undefined, before?: Record<string, unknown>, after?: Record<string, unknown>): string {
  const what = `${AUDIT_LABELS[action]}${label}${name ? `「${name}」` : ''}`;
  if (action !== 'update') return what;
  const fields = changedFields(before, after).map((f) => FIELD_LABELS[f] ?? f);
  return fields.length > 0 ? `${what}：${[...new Set(fields)].join('、')}` : what;
}

export const directorySummary = (action: AuditAction, type: DirectoryType, name: string, before?: Record<string, unknown>, after?: Record<string, unknown>): string =>
  changeSummary(action, DIRECTORY_LABELS[type], name, before, after);

/** FNV-1a, 32 bits, as 8 hex digits: ids derived from what they name, short enough for any key. */
export function hash8(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * An audit entry's id, derived from the change (so a retried request records it once): a directory record's
 * write by the revision it made (`r3`), its delete by the revision deleted (`d3`).
 */
export const directoryAuditId = (type: DirectoryType, id: string, step: string): string => `${type.toLowerCase()}-${hash8(id)}-${step}`;
