import { describe, expect, it } from 'vitest';
import {
  addressing,
  allowedCommands,
  applyNotice,
  birth,
  buildNotice,
  canSeeTicket,
  defaultCalendar,
  DEFAULT_CLOCK_POLICY,
  gridPostsOf,
  gridsOf,
  intakeParty,
  isAreaLeadOf,
  isCommissionerOf,
  isGridChiefOf,
  leadsGrid,
  transition,
  type Area,
  type Grid,
  type Principal,
  type Ticket,
} from '@whistle/shared';
import { demoTenant } from '../../functions/src/local/demo-data.js';

/** Resident commissioners (亲清特使), area leads and grid chiefs in the pure domain: who they are, what they see, what they hear. */
const data = demoTenant('t');
const cal = defaultCalendar();
const T0 = '2026-11-23T02:00:00.000Z'; // Monday 10:00 Shanghai
const e03 = data.enterprises[2]!; // served by qq-jrb; grid g03 (东港片区)
const principalOf = (id: string): Principal => {
  const u = data.users.find((x) => x.id === id);
  if (!u) throw new Error(id);
  return { userId: u.id, tenantId: 't', name: u.name, roles: u.roles, ...(u.unitId ? { unitId: u.unitId, unitName: u.unitId } : {}), ...(u.enterpriseId ? { enterpriseId: u.enterpriseId } : {}) };
};
const grid = (id: string) => data.grids.find((g) => g.id === id) as Grid;
const area = (id: string) => data.areas.find((a) => a.id === id) as Area;

function born(priority: 'normal' | 'urgent' = 'normal'): ReturnType<typeof birth> {
  return birth({
    id: 'tk1',
    number: '2026-000001',
    principal: principalOf('owner-03'),
    body: { title: '厂区进水', description: '暴雨后厂区进水，急需排涝', category: 'utilities', priority },
    party: { enterpriseId: e03.id, channel: 'miniapp' },
    enterprise: e03,
    townUnitId: 'nsz',
    groups: data.groups,
    calendar: cal,
    policy: DEFAULT_CLOCK_POLICY,
    now: T0,
  });
}

describe('who serves an enterprise', () => {
  it('a commissioner is an official the enterprise lists; the same user without an official role is none', () => {
    expect(isCommissionerOf(principalOf('qq-jrb'), e03)).toBe(true);
    expect(isCommissionerOf(principalOf('officer-jrb'), e03)).toBe(false);
    expect(isCommissionerOf({ ...principalOf('qq-jrb'), roles: ['agent'] }, e03)).toBe(false);
    expect(isCommissionerOf(principalOf('qq-jrb'), undefined)).toBe(false);
  });

  it('area leads by the area or the grid’s copy, grid chiefs by the grid; the grids each oversees', () => {
    const lead = { userId: 'area-east' };
    expect(isAreaLeadOf(lead, grid('g03'))).toBe(true);
    expect(isAreaLeadOf(lead, { ...grid('g03'), areaLead: { name: 'x', phone: '1' } }, area('east'))).toBe(true);
    expect(isAreaLeadOf(lead, grid('g04'), area('west'))).toBe(false);
    expect(isGridChiefOf({ userId: 'grid-chief' }, grid('g04'))).toBe(true);
    expect(leadsGrid({ userId: 'grid-g03' }, grid('g03'), area('east'))).toBe(false);
    expect(gridPostsOf('grid-g03', grid('g03'), area('east'))).toEqual(['gridOfficer']);
    expect(gridsOf('area-east', data.grids, data.areas)).toEqual(['g01', 'g02', 'g03']);
    expect(gridsOf('grid-chief', data.grids, data.areas)).toHaveLength(6);
    expect(gridsOf('grid-g03', data.grids, data.areas)).toEqual([]);
    expect(gridsOf('grid-g03', data.grids, data.areas, ['gridOfficer'])).toEqual(['g03']);
  });
});

describe('what they see and may do', () => {
  const t: Ticket = born().ticket;
  const scope = { enterprise: e03, grid: grid('g03'), area: area('east') };

  it('sees through the scope, and only the ticket’s own scope counts', () => {
    expect(canSeeTicket(principalOf('qq-jrb'), t, data.groups)).toBe(false);
    expect(canSeeTicket(principalOf('qq-jrb'), t, data.groups, scope)).toBe(true);
    expect(canSeeTicket(principalOf('qq-jrb'), t, data.groups, { enterprise: { ...e03, id: data.enterprises[3]!.id } })).toBe(false);
    expect(canSeeTicket(principalOf('area-east'), t, data.groups, scope)).toBe(true);
    expect(canSeeTicket(principalOf('area-west'), t, data.groups, { ...scope, grid: grid('g03'), area: area('west') })).toBe(false);
    expect(canSeeTicket(principalOf('area-east'), t, data.groups, { grid: grid('g04'), area: area('west') })).toBe(false);
    expect(canSeeTicket(principalOf('officer-jrb'), t, data.groups, scope)).toBe(false);
  });

  it('a commissioner may message (heard by the owners and the groups), not claim; an area lead nothing', () => {
    const ctx = { now: T0, policy: DEFAULT_CLOCK_POLICY, groupUnitIds: ['jxw', 'ghzy', 'zjw', 'scjg', 'nsz'], enterprise: e03 };
    expect(allowedCommands(t, { ...ctx, principal: principalOf('qq-jrb') })).toEqual(['message']);
    expect(allowedCommands(t, { ...ctx, principal: principalOf('qq-jrb'), enterprise: undefined })).toEqual([]);
    expect(allowedCommands(t, { ...ctx, principal: principalOf('area-east') })).toEqual([]);
    const r = transition(t, { type: 'message', text: '已关注' }, { ...ctx, calendar: cal, principal: principalOf('qq-jrb') });
    if (!r.ok) throw r.error;
    expect(r.notifications[0]).toMatchObject({ title: '亲清特使留言', audience: [{ kind: 'enterprise', id: e03.id }, ...t.groupIds.map((id) => ({ kind: 'group', id }))] });
    expect(r.ticket.clocks).toEqual(t.clocks);
  });

  it('raises on behalf: officials as before; a county leader only for an enterprise they serve', () => {
    const e15 = data.enterprises[14]!;
    expect(intakeParty(principalOf('leader-zhang'), { enterpriseId: e15.id }, e15)).toEqual({ enterpriseId: e15.id, channel: 'visit' });
    expect(() => intakeParty(principalOf('leader-zhang'), { enterpriseId: e03.id }, e03)).toThrow('当前身份不能提交诉求');
    expect(() => intakeParty(principalOf('leader-zhang'), { enterpriseId: e03.id }, e15)).toThrow('当前身份不能提交诉求');
    expect(intakeParty(principalOf('qq-jrb'), { enterpriseId: e03.id })).toEqual({ enterpriseId: e03.id, channel: 'visit' });
  });
});

describe('what they hear', () => {
  it('a new request: the commissioners always; the grid chief and the area lead when urgent, marked 【紧急】', () => {
    const normal = born().notifications[0]!;
    expect(normal.audience).toContainEqual({ kind: 'commissioners', enterpriseId: e03.id });
    expect(normal.audience.some((a) => a.kind === 'gridLeads')).toBe(false);
    expect(normal.title).toBe('新的企业吹哨');
    const urgent = born('urgent').notifications[0]!;
    expect(urgent.audience).toContainEqual({ kind: 'gridLeads', gridId: 'g03' });
    expect(urgent.title).toBe('【紧急】新的企业吹哨');
    expect(urgent.body.startsWith('【紧急】')).toBe(true);
  });

  it('every supervision notice, without addressing the notice to them', () => {
    const t = born().ticket;
    const clock = t.clocks[0]!;
    const notice = buildNotice(t, clock, 1, data.groups, 'DB2026-000001', T0);
    expect(notice.addressees.some((a) => a.startsWith('commissioners'))).toBe(false);
    expect(addressing(t, clock, 1, data.groups).audience.some((a) => a.kind === 'commissioners')).toBe(false);
    const applied = applyNotice(t, notice, 1, { calendar: cal, policy: DEFAULT_CLOCK_POLICY, groups: data.groups, now: T0 });
    expect(applied.notifications[0]?.audience).toContainEqual({ kind: 'commissioners', enterpriseId: e03.id });
  });

  it('the resolve: the owners are asked to rate, the commissioners told who resolved it', () => {
    const t: Ticket = { ...born().ticket, status: 'claimed', handlingUnitId: 'nsz', handlingUnitName: '南山镇' };
    const r = transition(t, { type: 'resolve', kind: 'answered', summary: '已答复' }, { now: T0, calendar: cal, policy: DEFAULT_CLOCK_POLICY, groupUnitIds: [], principal: { ...principalOf('officer-nsz'), unitName: '南山镇' } });
    if (!r.ok) throw r.error;
    expect(r.notifications.map((n) => [n.audience.map((a) => a.kind), n.title])).toEqual([
      [['enterprise'], '诉求已办结'],
      [['commissioners'], '服务企业诉求已办结'],
    ]);
    expect(r.notifications[1]?.body).toContain('南山镇 办结');
  });
});
