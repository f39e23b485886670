import type { Role } from '@whistle/shared';
import type { PageName } from '../lib/nav';

/** One entry of the console's side navigation. */
export interface Section {
  page: PageName;
  label: string;
  icon: string;
}

/** The admin console (管理后台): a tenant's directory, its imports and invitations, the audit trail, the settings. */
export const ADMIN_SECTIONS: readonly Section[] = [
  { page: 'adminHome', label: '概览', icon: '览' },
  { page: 'adminUnits', label: '单位', icon: '单' },
  { page: 'adminGroups', label: '服务群', icon: '群' },
  { page: 'adminGrids', label: '片区与网格', icon: '格' },
  { page: 'adminEnterprises', label: '企业', icon: '企' },
  { page: 'adminUsers', label: '用户与角色', icon: '人' },
  { page: 'adminImports', label: 'Excel 导入', icon: '导' },
  { page: 'adminInvitations', label: '邀请码', icon: '邀' },
  { page: 'adminAudit', label: '操作日志', icon: '志' },
  { page: 'adminSettings', label: '设置', icon: '设' },
];

/** The platform's pages: the operator's tenants, the province's read-only overview. */
export const PLATFORM_SECTIONS: ReadonlyArray<Section & { role: Role }> = [
  { page: 'platformTenants', label: '租户管理', icon: '租', role: 'operator' },
  { page: 'provinceOverview', label: '全省概览', icon: '省', role: 'province' },
];
