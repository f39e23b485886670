import { castBallot, closeRace, openRace, voterKey, type Ballot, type BallotPicks, type Race, type RaceCase, type Voter } from '@whistle/shared';
import type { RaceRepository } from '../ports.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';
import type { TenantData } from './demo-data.js';

/**
 * The demo district's races: last quarter's (2026-Q3), closed, with a handful
 * of ballots and its tally, and this quarter's (2026-Q4), open, so a newcomer
 * signing in as an owner or a unit lead can vote. Written through the race
 * repository with the domain's rules (every ballot passes them), each write
 * conditional, and a marker last: a restart adds nothing.
 */
export const DEMO_CLOSED_QUARTER = '2026-Q3';
export const DEMO_OPEN_QUARTER = '2026-Q4';

const writeUp = (id: string, unitId: string, title: string, summary: string, data: TenantData): RaceCase => ({
  id,
  kind: 'writeUp',
  title,
  unitId,
  unitName: data.units.find((u) => u.id === unitId)?.name ?? unitId,
  summary,
});

const picks = (department: string[], township: string[], cases: string[]): BallotPicks => ({ fiveStar: { department, township }, cases });

/** who voted last quarter, and for whom: owners for their enterprises, unit leads for their units */
const Q3_BALLOTS: Array<[string, BallotPicks]> = [
  ['owner-01', picks(['jxw', 'scjg', 'rsj'], ['dgjd'], ['c1', 'c3'])],
  ['owner-02', picks(['scjg', 'jxw'], ['xcjd'], ['c1'])],
  ['owner-03', picks(['ghzy', 'jxw'], ['nsz'], ['c2'])],
  ['owner-04', picks(['jxw', 'swj'], ['xcjd'], ['c1', 'c4'])],
  ['owner-05', picks(['scjg'], ['dgjd'], ['c3'])],
  ['owner-06', picks(['rsj', 'jxw', 'scjg'], ['dgjd'], ['c4', 'c1'])],
  ['lead-fgw', picks(['jxw', 'scjg'], ['dgjd'], ['c1'])],
  ['lead-scjg', picks(['jxw', 'rsj'], ['nsz'], ['c3'])],
  ['lead-dgjd', picks(['scjg', 'ghzy'], ['xcjd'], ['c2'])],
];

/** each demo race: when it opened, and its candidate cases (id, unit, title, summary) */
const DEMO_RACE_PLANS: Record<string, { at: string; cases: Array<[string, string, string, string]> }> = {
  [DEMO_CLOSED_QUARTER]: {
    at: '2026-07-01T01:00:00.000Z',
    cases: [
      ['c1', 'jxw', '用电增容“一站式”联办', '经信委牵头供电、规划、住建三家联办，恒通机械增容审批由 45 天压缩到 12 天。'],
      ['c2', 'ghzy', '新办企业“拿地即开工”', '规划资源局把用地、规划、施工许可并联审批，远航电子新厂区拿地当周开工。'],
      ['c3', 'dgjd', '东港街道夜间“吹哨”值守', '街道干部轮值企业服务群到晚上十点，夜间诉求平均 20 分钟认领。'],
      ['c4', 'rsj', '稳岗补贴“免申即享”', '人社局比对参保数据主动发放稳岗补贴，132 家企业无需申请即到账。'],
    ],
  },
  [DEMO_OPEN_QUARTER]: {
    at: '2026-10-08T01:00:00.000Z',
    cases: [
      ['c1', 'jrb', '首贷续贷“白名单”直通车', '金融办把 60 家成长型企业推送到 5 家银行，两周内 23 家获得首贷。'],
      ['c2', 'scjg', '食品经营许可“当日办结”', '市场监管局现场核查与发证同日完成，禾香食品上午申请、下午拿证。'],
      ['c3', 'xcjd', '西城街道网格员“每周一访”', '网格员每周走访辖区企业，问题当场录入小程序，本季度走访 410 次。'],
    ],
  },
};

/** A demo race as the supervisor opens it: three five-star departments and one township, two best-practice cases. */
function demoRace(data: TenantData, by: { userId: string; name: string }, quarter: string): Race {
  const plan = DEMO_RACE_PLANS[quarter];
  if (!plan) throw new Error(`no demo race for ${quarter}`);
  return openRace({
    tenantId: data.tenant.id,
    quarter,
    fiveStar: { department: 3, township: 1 },
    bestPractice: 2,
    cases: plan.cases.map(([id, unitId, title, summary]) => writeUp(id, unitId, title, summary, data)),
    units: data.units,
    at: plan.at,
    by,
  });
}

/** Loads the demo races once (a marker, written last, says they are there). */
export async function seedDemoRaces(races: RaceRepository, store: Store, data: TenantData): Promise<'seeded' | 'present'> {
  const marker = keys.demoRaces(data.tenant.id);
  if (await store.get(marker, true)) return 'present';
  const supervisor = data.users.find((u) => u.roles.includes('supervisor'));
  const by = { userId: supervisor?.id ?? 'supervisor', name: supervisor?.name ?? '督办人员' };

  // last quarter's: opened, voted, closed; a seed cut short is finished on the next start (every write is conditional)
  await races.create(demoRace(data, by, DEMO_CLOSED_QUARTER));
  const q3 = await races.get(data.tenant.id, DEMO_CLOSED_QUARTER);
  if (q3?.race.status === 'open') {
    const race = q3.race;
    const ballots: Ballot[] = Q3_BALLOTS.flatMap(([userId, p], i) => {
      const user = data.users.find((u) => u.id === userId);
      const voter: Voter | undefined = user?.enterpriseId
        ? { kind: 'enterprise', id: user.enterpriseId, name: data.enterprises.find((e) => e.id === user.enterpriseId)?.name ?? user.enterpriseId }
        : user?.unitId
          ? { kind: 'unit', id: user.unitId, name: data.units.find((u) => u.id === user.unitId)?.name ?? user.unitId }
          : undefined;
      if (!user || !voter) return [];
      return [castBallot(race, voter, p, { userId: user.id, name: user.name }, new Date(Date.parse('2026-09-20T02:00:00.000Z') + i * 3_600_000).toISOString())];
    });
    for (const b of ballots) {
      await races.putBallot(b);
      await races.register(data.tenant.id, race.id, voterKey(b.voter));
    }
    const counted = await races.ballots(data.tenant.id, race.id);
    await races.close(closeRace(race, counted, by, '2026-09-30T09:00:00.000Z'), counted.length);
  }
  await races.create(demoRace(data, by, DEMO_OPEN_QUARTER));
  const first = await store.put({ ...marker, entity: 'SEED', at: new Date().toISOString() }, { expression: 'attribute_not_exists(pk)' });
  return first ? 'seeded' : 'present';
}
