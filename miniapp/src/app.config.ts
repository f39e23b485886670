export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/ticket/index', 'pages/inbox/index'],
  subPackages: [
    { root: 'owner', pages: ['pages/new/index', 'pages/mine/index', 'pages/grid/index'] },
    { root: 'officer', pages: ['pages/groups/index', 'pages/group/index', 'pages/unit/index', 'pages/served/index'] },
    { root: 'desk', pages: ['pages/queue/index'] },
    { root: 'supervise', pages: ['pages/overview/index', 'pages/notices/index', 'pages/leader/index', 'pages/race/index', 'pages/pairing/index', 'pages/retro/index'] },
    { root: 'race', pages: ['pages/vote/index'] },
    // grid visits (走访): the log, a new visit, a visit with its findings, the enterprise ledger, coverage
    { root: 'visit', pages: ['pages/log/index', 'pages/new/index', 'pages/detail/index', 'pages/ledger/index', 'pages/coverage/index'] },
    // the assessment (助企服务指数) with its chart library: only those who open it download it
    { root: 'assess', pages: ['pages/ranking/index', 'pages/unit/index', 'pages/tickets/index', 'pages/disputes/index', 'pages/scheme/index', 'pages/analysis/index'] },
    // the policy supermarket (政策超市): catalogue, a policy, 我的政策, the enterprise profile, a unit's policies, the editor
    { root: 'policy', pages: ['pages/catalog/index', 'pages/detail/index', 'pages/mine/index', 'pages/profile/index', 'pages/unit/index', 'pages/edit/index'] },
    // common issues (共性问题): the supervisor's suggestions, a common issue with its fix, the ledger
    { root: 'common-issues', pages: ['pages/suggestions/index', 'pages/issue/index', 'pages/ledger/index'] },
    // the admin console (管理后台, desktop width on H5): a tenant's directory, imports, invitations, audit trail, settings
    {
      root: 'admin',
      pages: [
        'pages/home/index',
        'pages/units/index',
        'pages/groups/index',
        'pages/grids/index',
        'pages/enterprises/index',
        'pages/users/index',
        'pages/imports/index',
        'pages/invitations/index',
        'pages/audit/index',
        'pages/settings/index',
      ],
    },
    // the platform operator's tenants and the province's read-only overview
    { root: 'platform', pages: ['pages/tenants/index', 'pages/province/index'] },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['owner', 'officer'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#EDEDED',
    navigationBarTitleText: '企业吹哨',
    navigationBarTextStyle: 'black',
    navigationStyle: 'default',
    backgroundColor: '#EDEDED',
  },
  networkTimeout: { request: 15000 },
});
