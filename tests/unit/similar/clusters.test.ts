import {
  groupRequests,
  isDismissed,
  proposalTitle,
  proposeClusters,
  signatureOf,
  SimilarityIndex,
  topicOf,
  type Category,
  type SimilarRequest,
} from '@whistle/shared';
import { describe, expect, it } from 'vitest';

/** Proposing common issues to the supervisor (shared/src/common-issue/clusters.ts), on small fixed inputs. */
const req = (id: string, enterpriseId: string, title: string, description: string, category: Category = 'other'): SimilarRequest => ({ id, enterpriseId, category, title, description });

const DINING = [
  req('d1', 'e1', '园区周边就餐难', '我们厂在园区最里面，附近一家饭馆都没有，员工中午只能点外卖，希望园区建个食堂。'),
  req('d2', 'e2', '员工吃饭问题', '厂里场地小建不了食堂，周边最近的餐馆开车都要十分钟，园区有没有集中配餐的计划？', 'talent'),
  req('d3', 'e3', '工业园缺少职工食堂', '园区至今没有一个公共食堂，工人中午吃饭要跑很远，午休时间短，很不方便。'),
  req('d4', 'e4', '外卖进不了园区，员工吃饭难', '门岗不让外卖电动车进，员工得走一公里去取餐，要么在园区里开个餐厅。'),
];
const BUS = [
  req('b1', 'e5', '园区没有公交车', '园区离城区十几公里，没有一条公交线路经过，员工上下班只能骑电瓶车。'),
  req('b2', 'e6', '建议开通园区公交线路', '员工大部分住在城区，每天通勤是个大问题，希望公交公司开一条园区专线。'),
];
const SINGLE = req('s1', 'e7', '外籍专家工作许可办理', '我们聘请了一名德国工程师，工作许可和居留证件怎么办理？', 'talent');

describe('proposeClusters', () => {
  const index = (extra: SimilarRequest[] = []) => new SimilarityIndex([...DINING, ...BUS, SINGLE, ...extra]);

  it('proposes the requests of three or more enterprises that say the same thing, with a title, category and enterprises', () => {
    const [p, ...rest] = proposeClusters(index());
    expect(rest).toEqual([]);
    expect(p?.ticketIds).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(p?.enterpriseIds).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(p?.signature).toBe('d1,d2,d3,d4');
    expect(p?.title).toMatch(/^可能的共性问题：4 家企业反映/);
    expect(p?.title).toBe(proposalTitle(4, p?.topic ?? ''));
    expect(DINING.map((d) => topicOf(d.title))).toContain(p?.topic);
    // three of four filed it under other
    expect(p?.category).toBe('other');
    expect(p?.terms).toContain('#就餐');
    expect(p?.cohesion).toBeGreaterThan(0.23);
    expect(p?.dismissedBefore).toEqual([]);
  });

  it('leaves an individual matter alone, and a problem of two enterprises unproposed', () => {
    const groups = groupRequests(index());
    expect(groups).toContainEqual(['s1']);
    // the two bus requests do group, but two enterprises are not a common issue
    expect(groups).toContainEqual(['b1', 'b2']);
    expect(proposeClusters(index()).flatMap((p) => p.ticketIds)).not.toContain('b1');
    expect(proposeClusters(index(), { minEnterprises: 2 }).map((p) => p.signature)).toContain('b1,b2');
  });

  it('counts enterprises, not tickets: the same enterprise writing twice does not make three', () => {
    const again = req('b3', 'e5', '园区公交的事还没消息', '上次反映园区没有公交线路，员工通勤还是很难，请再催一下公交公司。');
    const p = proposeClusters(index([again]), { minEnterprises: 2 }).find((x) => x.ticketIds.includes('b3'));
    expect(p?.ticketIds).toEqual(['b1', 'b2', 'b3']);
    expect(p?.enterpriseIds).toEqual(['e5', 'e6']);
    expect(proposeClusters(index([again])).flatMap((x) => x.ticketIds)).not.toContain('b3');
  });

  it('never proposes a dismissed signature again, nor what adds no new enterprise to it', () => {
    const dismissed = ['d1,d2,d3,d4'];
    expect(proposeClusters(index(), { dismissed })).toEqual([]);
    // one ticket closed and left the index: fewer of the same tickets
    const fewer = index();
    fewer.remove('d2');
    expect(proposeClusters(fewer, { dismissed })).toEqual([]);
    // the same enterprise writes again
    const repeat = req('d5', 'e1', '再次反映园区没有食堂', '上个月反映过园区吃饭难的事，员工意见很大，请再催一下食堂。');
    expect(proposeClusters(index([repeat]), { dismissed })).toEqual([]);
  });

  it('proposes again, for the new composition only, when a new enterprise joins a dismissed group', () => {
    const newcomer = req('d6', 'e8', '园区食堂什么时候建', '去年说要在园区建配套食堂，到现在也没动工，员工中午吃饭还是老大难。');
    const [p, ...rest] = proposeClusters(index([newcomer]), { dismissed: ['d1,d2,d3,d4'] });
    expect(rest).toEqual([]);
    expect(p?.signature).toBe('d1,d2,d3,d4,d6');
    expect(p?.title).toMatch(/^可能的共性问题：5 家企业反映/);
    expect(p?.dismissedBefore).toEqual(['d1,d2,d3,d4']);
    // and once that composition is dismissed too, it stays dismissed
    expect(proposeClusters(index([newcomer]), { dismissed: ['d1,d2,d3,d4', p?.signature ?? ''] })).toEqual([]);
  });

  it('proposes only among the requests asked for (e.g. those not yet linked to a common issue)', () => {
    expect(proposeClusters(index(), { ids: ['d1', 'd2', 'b1', 's1'] })).toEqual([]);
  });

  it('gives the same proposals whatever order the requests came in', () => {
    const forward = proposeClusters(new SimilarityIndex([...DINING, ...BUS, SINGLE]));
    const backward = proposeClusters(new SimilarityIndex([SINGLE, ...BUS, ...DINING].reverse()));
    expect(backward).toEqual(forward);
  });
});

describe('signatures and titles', () => {
  it('signs a set of tickets by its sorted, distinct ids', () => {
    expect(signatureOf(['t3', 't1', 't2', 't1'])).toBe('t1,t2,t3');
  });

  it('tells whether a group adds no new enterprise to a dismissed signature', () => {
    const enterpriseOf = (id: string) => ({ t1: 'a', t2: 'b', t3: 'c', t4: 'a', t5: 'd' })[id] ?? '';
    expect(isDismissed(['t1', 't2', 't3'], enterpriseOf, ['t1,t2,t3'])).toBe(true);
    expect(isDismissed(['t1', 't2'], enterpriseOf, ['t1,t2,t3'])).toBe(true);
    expect(isDismissed(['t1', 't2', 't3', 't4'], enterpriseOf, ['t1,t2,t3'])).toBe(true);
    expect(isDismissed(['t1', 't2', 't3', 't5'], enterpriseOf, ['t1,t2,t3'])).toBe(false);
    expect(isDismissed(['t1', 't2', 't3'], enterpriseOf, ['t4,t5'])).toBe(false);
  });

  it('turns a title into a topic: no request verbs, up to its first pause, at most 20 characters', () => {
    expect(topicOf('关于园区周边就餐难的问题')).toBe('园区周边就餐难');
    expect(topicOf('外卖进不了园区，员工吃饭难')).toBe('外卖进不了园区');
    expect(topicOf('希望协调解决工业园区内几十家企业员工子女就近入学难以落实的具体情况')).toHaveLength(20);
    expect(proposalTitle(4, '园区周边就餐难')).toBe('可能的共性问题：4 家企业反映园区周边就餐难');
  });
});
