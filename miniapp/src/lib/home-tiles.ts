import { hasVisitDuties, type MeResponse, type Role } from '@whistle/shared';
import type { Tile } from '../components/Tiles';
import { go, type PageName } from './nav';
import { hasRole } from './session';

/**
 * The home page's shortcuts, declared once, in the page's order: who sees each
 * (their roles, or what the directory says they serve: `me.duties`) and where
 * it goes. The owner's and the staff's homes both read it.
 */
interface TileRule {
  key: string;
  icon: string;
  label: string | ((me: MeResponse) => string);
  tone: Tile['tone'];
  when: (me: MeResponse) => boolean;
  page: PageName;
  params?: (me: MeResponse) => Record<string, string | undefined>;
}

const role =
  (...roles: Role[]) =>
  (me: MeResponse): boolean =>
    hasRole(me.user, ...roles);
const not = (f: (me: MeResponse) => boolean) => (me: MeResponse) => !f(me);
const both = (f: (me: MeResponse) => boolean, g: (me: MeResponse) => boolean) => (me: MeResponse) => f(me) && g(me);
const staffOfUnit = (me: MeResponse) => hasRole(me.user, 'officer', 'unitLead') && !!me.user.unitId;
const looksAfterGrids = (me: MeResponse) => !!me.duties && me.duties.officerOf.length + me.duties.chiefOf.length + me.duties.leadOf.length > 0;

const OWNER: readonly TileRule[] = [
  { key: 'mine', icon: '单', label: '我的诉求', tone: 'blue', when: () => true, page: 'ownerMine' },
  { key: 'grid', icon: '格', label: '我的网格', tone: 'green', when: () => true, page: 'ownerGrid' },
  { key: 'inbox', icon: '信', label: '消息通知', tone: 'orange', when: () => true, page: 'inbox' },
  { key: 'race', icon: '赛', label: '赛马比拼', tone: 'purple', when: () => true, page: 'raceVote' },
  // 问题困难动态台账: the enterprise's requests, the visits paid to it, the policies pushed to it
  { key: 'ledger', icon: '账', label: '企业台账', tone: 'blue', when: () => true, page: 'visitLedger', params: (me) => ({ enterpriseId: me.enterprise?.id }) },
  // the policy supermarket: the policies that fit this enterprise, and the whole catalogue
  { key: 'policies', icon: '策', label: '我的政策', tone: 'red', when: () => true, page: 'policyMine' },
  { key: 'catalog', icon: '市', label: '政策超市', tone: 'blue', when: () => true, page: 'policyCatalog' },
];

const STAFF: readonly TileRule[] = [
  { key: 'groups', icon: '群', label: '我的群', tone: 'green', when: role('officer', 'unitLead'), page: 'officerGroups' },
  { key: 'unit', icon: '办', label: '本单位诉求', tone: 'blue', when: role('officer', 'unitLead'), page: 'officerUnit' },
  // the policy supermarket: a unit's staff keep their unit's policies; the supervisor curates all, with the figures
  { key: 'policyAdmin', icon: '策', label: '政策超市管理', tone: 'blue', when: role('supervisor'), page: 'policyUnit' },
  { key: 'unitPolicies', icon: '策', label: '本单位政策', tone: 'blue', when: both(not(role('supervisor')), staffOfUnit), page: 'policyUnit' },
  { key: 'desk', icon: '客', label: '客服队列', tone: 'orange', when: role('agent'), page: 'deskQueue' },
  { key: 'overview', icon: '督', label: '督办总览', tone: 'red', when: role('supervisor'), page: 'superviseOverview' },
  { key: 'notices', icon: '单', label: '督办单', tone: 'orange', when: role('supervisor', 'unitLead'), page: 'superviseNotices' },
  { key: 'leader', icon: '领', label: '领办事项', tone: 'purple', when: role('leader'), page: 'leaderMatters' },
  // what the user serves beyond the role: 亲清特使 (their enterprises), 片区负责人 / 网格总负责人 (their grids' requests)
  { key: 'served', icon: '亲', label: '我服务的企业', tone: 'green', when: (me) => !!me.duties?.commissioned, page: 'officerServed' },
  { key: 'area', icon: '片', label: '片区诉求', tone: 'orange', when: (me) => !!me.duties?.ledGridIds.length, page: 'officerServed', params: () => ({ view: 'area' }) },
  { key: 'pairing', icon: '特', label: '亲清特使结对', tone: 'blue', when: role('supervisor', 'admin'), page: 'supervisePairing' },
  // the quarterly race: the supervisor runs it; unit leads vote for their unit, officers and leaders see the results
  { key: 'race', icon: '赛', label: '赛马比拼', tone: 'purple', when: role('supervisor', 'admin'), page: 'superviseRace' },
  {
    key: 'race',
    icon: '赛',
    label: (me) => (hasRole(me.user, 'unitLead') ? '赛马投票' : '赛马比拼'),
    tone: 'purple',
    when: both(not(role('supervisor', 'admin')), role('officer', 'unitLead', 'leader')),
    page: 'raceVote',
  },
  { key: 'new', icon: '哨', label: '代企业吹哨', tone: 'green', when: role('officer', 'agent', 'supervisor'), page: 'ownerNew' },
  // grid visits (走访): those the directory names in the field (grid officers, chiefs, area leads, commissioners) and the
  // supervisor log them; coverage (走访全覆盖) for those who look after grids and the overseers
  { key: 'visits', icon: '访', label: '走访记录', tone: 'green', when: (me) => hasVisitDuties(me.duties) || hasRole(me.user, 'supervisor'), page: 'visitLog' },
  { key: 'coverage', icon: '覆', label: '走访覆盖', tone: 'blue', when: (me) => hasRole(me.user, 'supervisor', 'leader', 'admin') || looksAfterGrids(me), page: 'visitCoverage' },
  // the assessment (助企服务指数): the ranking for every unit and overseer, a unit's own figures, the disputes
  { key: 'ranking', icon: '榜', label: '服务指数', tone: 'red', when: role('officer', 'unitLead', 'supervisor', 'admin', 'leader', 'assessor'), page: 'assessRanking' },
  { key: 'myunit', icon: '考', label: '本单位考核', tone: 'purple', when: staffOfUnit, page: 'assessUnit' },
  // 月度分析: the month's requests by category and township, trend, hot spots, the slowest units
  { key: 'analysis', icon: '析', label: '月度分析', tone: 'green', when: role('supervisor', 'leader', 'admin'), page: 'assessAnalysis' },
  { key: 'disputes', icon: '诉', label: '考核申诉', tone: 'orange', when: role('supervisor', 'admin', 'assessor'), page: 'assessDisputes' },
  // common issues (共性问题): the supervisor confirms the suggested clusters; the ledger for overseers and every unit
  { key: 'commonSuggest', icon: '聚', label: '可能的共性问题', tone: 'orange', when: role('supervisor'), page: 'commonSuggestions' },
  { key: 'commonLedger', icon: '共', label: '共性问题台账', tone: 'blue', when: role('supervisor', 'leader', 'admin', 'officer', 'unitLead'), page: 'commonLedger' },
  // the desktop consoles: the tenant's admin, the platform operator, the province's reader
  { key: 'admin', icon: '管', label: '管理后台', tone: 'gray', when: role('admin'), page: 'adminHome' },
  { key: 'platform', icon: '台', label: '平台运营', tone: 'blue', when: role('operator'), page: 'platformTenants' },
  { key: 'province', icon: '省', label: '全省概览', tone: 'purple', when: role('province'), page: 'provinceOverview' },
  { key: 'inbox', icon: '信', label: '消息通知', tone: 'gray', when: () => true, page: 'inbox' },
];

function tilesOf(rules: readonly TileRule[], me: MeResponse, unread: number): Tile[] {
  return rules
    .filter((r) => r.when(me))
    .map((r) => ({
      key: r.key,
      icon: r.icon,
      label: typeof r.label === 'function' ? r.label(me) : r.label,
      tone: r.tone,
      ...(r.key === 'inbox' ? { badge: unread } : {}),
      onTap: () => go(r.page, r.params?.(me) ?? {}),
    }));
}

/** The owner's shortcuts. */
export const ownerTiles = (me: MeResponse, unread: number): Tile[] => tilesOf(OWNER, me, unread);
/** A government user's shortcuts, by role and by what they serve. */
export const staffTiles = (me: MeResponse, unread: number): Tile[] => tilesOf(STAFF, me, unread);
