import Taro from '@tarojs/taro';

const q = (params: Record<string, string | undefined>): string => {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v ?? '')}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

/** Every page of the app, by name (subpackage pages live under their role's root). */
export const PAGES = {
  home: '/pages/index/index',
  login: '/pages/login/index',
  ticket: '/pages/ticket/index',
  inbox: '/pages/inbox/index',
  ownerNew: '/owner/pages/new/index',
  ownerMine: '/owner/pages/mine/index',
  ownerGrid: '/owner/pages/grid/index',
  officerGroups: '/officer/pages/groups/index',
  officerGroup: '/officer/pages/group/index',
  officerUnit: '/officer/pages/unit/index',
  officerServed: '/officer/pages/served/index',
  deskQueue: '/desk/pages/queue/index',
  superviseOverview: '/supervise/pages/overview/index',
  superviseNotices: '/supervise/pages/notices/index',
  leaderMatters: '/supervise/pages/leader/index',
  superviseRace: '/supervise/pages/race/index',
  supervisePairing: '/supervise/pages/pairing/index',
  superviseRetro: '/supervise/pages/retro/index',
  raceVote: '/race/pages/vote/index',
  assessRanking: '/assess/pages/ranking/index',
  assessUnit: '/assess/pages/unit/index',
  assessTickets: '/assess/pages/tickets/index',
  assessDisputes: '/assess/pages/disputes/index',
  assessScheme: '/assess/pages/scheme/index',
  assessAnalysis: '/assess/pages/analysis/index',
  // grid visits (走访), the enterprise ledger (台账) and coverage (走访全覆盖)
  visitLog: '/visit/pages/log/index',
  visitNew: '/visit/pages/new/index',
  visitDetail: '/visit/pages/detail/index',
  visitLedger: '/visit/pages/ledger/index',
  visitCoverage: '/visit/pages/coverage/index',
  // the policy supermarket (政策超市): catalogue, a policy, 我的政策, the enterprise profile, a unit's policies, the editor
  policyCatalog: '/policy/pages/catalog/index',
  policyDetail: '/policy/pages/detail/index',
  policyMine: '/policy/pages/mine/index',
  policyProfile: '/policy/pages/profile/index',
  policyUnit: '/policy/pages/unit/index',
  policyEdit: '/policy/pages/edit/index',
  // common issues (共性问题): the suggestions the supervisor confirms, a common issue, the ledger (台账)
  commonSuggestions: '/common-issues/pages/suggestions/index',
  commonIssue: '/common-issues/pages/issue/index',
  commonLedger: '/common-issues/pages/ledger/index',
  // the admin console (管理后台) and the platform's pages (平台运营, 全省概览): desktop-width pages of their own subpackages
  adminHome: '/admin/pages/home/index',
  adminUnits: '/admin/pages/units/index',
  adminGroups: '/admin/pages/groups/index',
  adminGrids: '/admin/pages/grids/index',
  adminEnterprises: '/admin/pages/enterprises/index',
  adminUsers: '/admin/pages/users/index',
  adminImports: '/admin/pages/imports/index',
  adminInvitations: '/admin/pages/invitations/index',
  adminAudit: '/admin/pages/audit/index',
  adminSettings: '/admin/pages/settings/index',
  platformTenants: '/platform/pages/tenants/index',
  provinceOverview: '/platform/pages/province/index',
} as const;

export type PageName = keyof typeof PAGES;

export function go(page: PageName, params: Record<string, string | undefined> = {}): void {
  void Taro.navigateTo({ url: `${PAGES[page]}${q(params)}` });
}

export const openTicket = (id: string): void => go('ticket', { id });

export function replaceWith(page: PageName, params: Record<string, string | undefined> = {}): void {
  void Taro.redirectTo({ url: `${PAGES[page]}${q(params)}` });
}

export function relaunch(page: PageName): void {
  void Taro.reLaunch({ url: PAGES[page] });
}

/**
 * Back to the home page without loading anything new (works offline on H5,
 * where pages of other packages are fetched on demand).
 */
export function backHome(): void {
  const pages = Taro.getCurrentPages();
  const homeAt = pages.findIndex((p) => `/${(p.route ?? '').split('?')[0]?.replace(/^\//, '')}` === PAGES.home);
  if (homeAt >= 0) void Taro.navigateBack({ delta: pages.length - 1 - homeAt });
  else relaunch('home');
}
