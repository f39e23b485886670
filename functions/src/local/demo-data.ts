import {
  addCalendarMinutes,
  completeCreditCode,
  dayInfo,
  defaultCalendar,
  localDate,
  SHANGHAI_OFFSET_MS,
  DEFAULT_OFFICE_HOURS,
  DEFAULT_RATE_LIMITS,
  INDUSTRIES,
  LABELS,
  type Area,
  type DutyShift,
  type Enterprise,
  type EnterpriseTag,
  type Grid,
  type Group,
  type Industry,
  type RateLimits,
  type Tenant,
  type Tier,
  type Unit,
  type User,
} from '@whistle/shared';

/**
 * A demo district modelled on the seeds (areas and grids, department and
 * township units, industry/township/key groups, enterprises of every tier, a
 * persona for every role). Company and person names are invented.
 */
export interface TenantData {
  tenant: Tenant;
  areas: Area[];
  grids: Grid[];
  units: Unit[];
  groups: Group[];
  enterprises: Enterprise[];
  users: User[];
  /** the tenant's rate limits, written with the reference data (only if absent) so the admin API shows them */
  rateLimits: RateLimits;
}

const DEPARTMENTS: Array<[string, string]> = [
  ['jxw', '区经济和信息化委员会'],
  ['fgw', '区发展和改革委员会'],
  ['rsj', '区人力资源和社会保障局'],
  ['ghzy', '区规划和自然资源局'],
  ['zjw', '区住房和城乡建设委员会'],
  ['scjg', '区市场监督管理局'],
  ['jrb', '区金融工作办公室'],
  ['swj', '区税务局'],
];
const TOWNSHIPS: Array<[string, string]> = [
  ['dgjd', '东港街道'],
  ['xcjd', '西城街道'],
  ['nsz', '南山镇'],
];
/** which departments sit in each industry group besides the economy commission */
const INDUSTRY_MEMBERS: Record<Industry, string[]> = {
  equipment: ['jxw', 'fgw', 'rsj', 'scjg'],
  electronics: ['jxw', 'fgw', 'rsj', 'swj'],
  materials: ['jxw', 'ghzy', 'zjw', 'scjg'],
  chemicals: ['jxw', 'scjg', 'zjw', 'ghzy'],
  food: ['jxw', 'scjg', 'rsj', 'jrb'],
  textiles: ['jxw', 'rsj', 'jrb', 'swj'],
  logistics: ['jxw', 'fgw', 'ghzy', 'jrb'],
};
/** each industry's competent department (行业归口): it answers for the group's unclaimed requests */
const INDUSTRY_LEAD: Record<Industry, string> = {
  equipment: 'jxw',
  electronics: 'jxw',
  materials: 'zjw',
  chemicals: 'scjg',
  food: 'scjg',
  textiles: 'jxw',
  logistics: 'fgw',
};
const NAMES = [
  '恒通机械', '远航电子', '青石新材料', '康宁化工', '禾香食品', '锦绣纺织', '顺达物流', '精工装备', '星辰芯片', '天成建材',
  '瑞丰药业', '山泉饮品', '云裳服饰', '通衢供应链', '长江轴承', '光华显示', '宏业钢构', '安泰涂料', '稻花米业', '织云家纺',
  '迅捷冷链', '博远数控', '智联传感', '绿源环保', '百草制药', '金谷粮油', '丝路制衣', '畅行仓储', '铭鼎模具', '华芯半导体',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['建国', '海燕', '志强', '丽华', '伟', '芳', '军', '敏', '磊', '静', '涛', '婷', '斌', '雪', '勇', '红', '杰', '欣', '鹏', '琳'];

/** distinct for the first 400 people: the surname cycles fastest, the given name shifts every round */
const person = (i: number) => `${SURNAMES[i % SURNAMES.length] ?? '王'}${GIVEN[(Math.floor(i / SURNAMES.length) + i) % GIVEN.length] ?? '伟'}`;
const phone = (i: number) => `138${String(23000000 + i * 7919).padStart(8, '0')}`;
const tiers: Tier[] = ['leading', 'backbone', 'backbone', 'growth', 'growth', 'growth', 'struggling'];

/**
 * A demo enterprise's profile (企业画像), consistent with its tier: leading
 * ones large, above designated size (规上) and high-tech; backbone ones above
 * size, some 专精特新; growth ones small, some tech SMEs or start-ups;
 * struggling ones small. Exporters in textiles and electronics.
 */
export function demoProfile(i: number, tier: Tier, industry: Industry): Pick<Enterprise, 'tags' | 'headcountBand' | 'revenueBand'> {
  const tags: EnterpriseTag[] = [];
  const exporter = (industry === 'textiles' || industry === 'electronics') && i % 2 === 0;
  switch (tier) {
    case 'leading':
      tags.push('aboveScale', 'highTech');
      if (i % 2 === 0) tags.push('specialized');
      if (exporter) tags.push('foreignTrade');
      return { tags, headcountBand: i % 2 === 0 ? 'gte1000' : 'h300to999', revenueBand: i % 2 === 0 ? 'gte40000' : 'r10000to40000' };
    case 'backbone':
      tags.push('aboveScale');
      if (i % 3 !== 2) tags.push('specialized');
      if (i % 4 === 1) tags.push('highTech');
      if (exporter) tags.push('foreignTrade');
      return { tags, headcountBand: i % 2 === 0 ? 'h100to299' : 'h300to999', revenueBand: i % 2 === 0 ? 'r2000to10000' : 'r10000to40000' };
    case 'growth':
      tags.push(i % 3 === 0 ? 'startup' : 'techSme');
      if (exporter) tags.push('foreignTrade');
      return { tags, headcountBand: i % 2 === 0 ? 'h20to99' : 'lt20', revenueBand: i % 2 === 0 ? 'r500to2000' : 'lt500' };
    case 'struggling':
      return { tags, headcountBand: 'h20to99', revenueBand: 'lt500' };
  }
}

export function demoTenant(tenantId = 'qingxi', name = '清溪区'): TenantData {
  const tenant: Tenant = { id: tenantId, name, timeZone: 'Asia/Shanghai', officeHours: DEFAULT_OFFICE_HOURS };
  const users: User[] = [];
  const addUser = (u: Omit<User, 'tenantId'>) => {
    users.push({ tenantId, ...u });
    return u.id;
  };
  const units: Unit[] = [
    ...DEPARTMENTS.map(([id, n]) => ({ id, tenantId, name: n, track: 'department' as const })),
    ...TOWNSHIPS.map(([id, n]) => ({ id, tenantId, name: n, track: 'township' as const })),
  ];
  // officers: two per unit, the first unit lead as well
  let k = 0;
  for (const unit of units) {
    const lead = addUser({ id: `lead-${unit.id}`, name: person(k++), roles: ['unitLead', 'officer'], unitId: unit.id, title: '分管负责人', phone: phone(k) });
    unit.leadUserId = lead;
    addUser({ id: `officer-${unit.id}`, name: person(k++), roles: ['officer'], unitId: unit.id, title: '工作人员', phone: phone(k) });
  }
  const areas: Area[] = [
    { id: 'east', tenantId, name: '东港片区', lead: { name: person(k++), phone: phone(k) } },
    { id: 'west', tenantId, name: '西城片区', lead: { name: person(k++), phone: phone(k) } },
  ];
  const chief = { name: person(k++), phone: phone(k) };
  const gridPlan: Array<[string, string, string, string]> = [
    ['g01', 'east', 'dgjd', '东港一网格'],
    ['g02', 'east', 'dgjd', '东港二网格'],
    ['g03', 'east', 'nsz', '南山一网格'],
    ['g04', 'west', 'xcjd', '西城一网格'],
    ['g05', 'west', 'xcjd', '西城二网格'],
    ['g06', 'west', 'nsz', '南山二网格'],
  ];
  const grids: Grid[] = gridPlan.map(([id, areaId, town, n]) => {
    const officerId = addUser({ id: `grid-${id}`, name: person(k++), roles: ['officer'], unitId: town, title: `${n}网格员`, phone: phone(k) });
    const area = areas.find((a) => a.id === areaId);
    return {
      id,
      tenantId,
      areaId,
      name: n,
      townUnitId: town,
      officer: { name: users.find((u) => u.id === officerId)?.name ?? '', phone: phone(k), userId: officerId },
      areaLead: area?.lead ?? chief,
      chief,
    };
  });
  const groups: Group[] = [
    ...INDUSTRIES.map((ind) => ({
      id: `ind-${ind}`,
      tenantId,
      kind: 'industry' as const,
      name: `${LABELS.industry[ind]}行业群`,
      industry: ind,
      memberUnitIds: INDUSTRY_MEMBERS[ind],
      leadUnitId: INDUSTRY_LEAD[ind],
    })),
    ...TOWNSHIPS.map(([id, n]) => ({
      id: `town-${id}`,
      tenantId,
      kind: 'township' as const,
      name: `${n}企业服务群`,
      townUnitId: id,
      memberUnitIds: [id, 'jxw', 'scjg'],
      leadUnitId: id,
    })),
    { id: 'key', tenantId, kind: 'key', name: '重点企业服务群', memberUnitIds: DEPARTMENTS.map(([id]) => id), leadUnitId: 'fgw' },
  ];
  const enterprises: Enterprise[] = NAMES.map((short, i) => {
    const industry = INDUSTRIES[i % INDUSTRIES.length] ?? 'equipment';
    const tier = tiers[i % tiers.length] ?? 'growth';
    const id = completeCreditCode(`91500108MA${String(6000000 + i * 131).padStart(7, '0')}`);
    const ownerId = addUser({ id: `owner-${String(i + 1).padStart(2, '0')}`, name: person(k++), roles: ['owner'], enterpriseId: id, title: '总经理', phone: phone(k) });
    return {
      id,
      tenantId,
      name: `清溪${short}有限公司`,
      industry,
      tier,
      gridId: gridPlan[i % gridPlan.length]?.[0] ?? 'g01',
      key: tier === 'leading' || i % 5 === 1,
      ownerUserIds: [ownerId],
      address: `${name}${gridPlan[i % gridPlan.length]?.[3] ?? ''}产业园 ${i + 1} 号`,
      ...demoProfile(i, tier, industry),
    };
  });
  addUser({ id: 'leader-zhang', name: '张卫东', roles: ['leader'], title: '副区长' });
  addUser({ id: 'leader-li', name: '李春梅', roles: ['leader'], title: '区委常委' });
  addUser({ id: 'supervisor', name: person(k++), roles: ['supervisor'], title: '区营商环境办督办科' });
  addUser({ id: 'agent-1', name: person(k++), roles: ['agent'], title: '在线客服（夜班）' });
  addUser({ id: 'agent-2', name: person(k++), roles: ['agent'], title: '在线客服（周末）' });
  addUser({ id: 'admin', name: person(k++), roles: ['admin'], title: '系统管理员' });
  addUser({ id: 'assessor', name: person(k++), roles: ['assessor'], title: '第三方评估机构（助企服务指数）' });
  // the area leads and the grid chief are users (片区负责人, 网格总负责人), with the names and phones the grids show
  linkGridLeads(areas, grids, addUser);
  // resident service commissioners (亲清特使): officials paired with every key enterprise and the larger ones
  const commissioners = [
    addUser({ id: 'qq-rsj', name: person(k++), roles: ['officer'], unitId: 'rsj', title: '亲清特使（区人社局）', phone: phone(k) }),
    addUser({ id: 'qq-swj', name: person(k++), roles: ['officer'], unitId: 'swj', title: '亲清特使（区税务局）', phone: phone(k) }),
    addUser({ id: 'qq-jrb', name: person(k++), roles: ['officer'], unitId: 'jrb', title: '亲清特使（区金融办）', phone: phone(k) }),
    addUser({ id: 'qq-fgw', name: person(k++), roles: ['officer'], unitId: 'fgw', title: '亲清特使（区发改委）', phone: phone(k) }),
    'lead-zjw',
  ];
  pairCommissioners(enterprises, commissioners);
  // the defaults, written out: a newcomer sees them at GET /api/admin/rate-limits (isDefault: false) and changes them there
  const rateLimits: RateLimits = structuredClone(DEFAULT_RATE_LIMITS);
  return { tenant, areas, grids, units, groups, enterprises, users, rateLimits };
}


/** The area leads and the grid chief as users (片区负责人 officers of their area's first township; the chief of 经信委), linked from the grids. */
function linkGridLeads(areas: Area[], grids: Grid[], addUser: (u: Omit<User, 'tenantId'>) => string): void {
  for (const area of areas) {
    const town = grids.find((g) => g.areaId === area.id)?.townUnitId ?? 'dgjd';
    area.lead.userId = addUser({ id: `area-${area.id}`, name: area.lead.name, roles: ['officer'], unitId: town, title: `${area.name}负责人`, phone: area.lead.phone });
  }
  const chief = grids[0]?.chief;
  if (chief) chief.userId = addUser({ id: 'grid-chief', name: chief.name, roles: ['officer'], unitId: 'jxw', title: '网格总负责人', phone: chief.phone });
  // each grid shows its area's lead (the same contact, now with the user)
  for (const g of grids) g.areaLead = areas.find((a) => a.id === g.areaId)?.lead ?? g.areaLead;
}

/**
 * Pairs the commissioners with the key enterprises and the larger ones (leading, backbone) in turn, so each serves
 * several; the key enterprises of every fifth a second one; the leading ones from the 15th on also a county leader.
 */
function pairCommissioners(enterprises: Enterprise[], commissioners: readonly string[]): void {
  const served = enterprises.filter((e) => e.key || e.tier === 'leading' || e.tier === 'backbone');
  served.forEach((e, i) => {
    const ids = [commissioners[i % commissioners.length] ?? 'qq-rsj'];
    if (e.key && i % 5 === 3) ids.push(commissioners[(i + 2) % commissioners.length] ?? 'qq-swj');
    if (e.tier === 'leading' && enterprises.indexOf(e) >= 14) ids.push('leader-zhang');
    e.commissionerUserIds = [...new Set(ids)];
  });
}

/**
 * The after-hours desk's roster for the demo: agent-1 covers weekday evenings
 * and nights (17:30 → 09:00), agent-2 covers days off (holidays and weekends),
 * for `days` days from `from`, on the shipped working calendar.
 */
export function demoDutyRoster(from: Date, days = 120): DutyShift[] {
  const cal = defaultCalendar();
  const shifts: DutyShift[] = [];
  const first = Date.parse(`${localDate(from)}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
  for (let d = 0; d < days; d++) {
    const midnight = first + d * 24 * 3600_000;
    const date = localDate(midnight);
    const at = (hhmm: number) => addCalendarMinutes(midnight, hhmm).dueAt;
    if (dayInfo(cal, date).working) {
      shifts.push({ agentUserId: 'agent-1', from: at(0), to: at(9 * 60) });
      shifts.push({ agentUserId: 'agent-1', from: at(17 * 60 + 30), to: at(24 * 60) });
    } else {
      shifts.push({ agentUserId: 'agent-2', from: at(0), to: at(24 * 60) });
    }
  }
  return shifts;
}
