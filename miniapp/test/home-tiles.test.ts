import type { MeResponse, Role, VisitDuties } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { ownerTiles, staffTiles } from '../src/lib/home-tiles';
import { calls } from './taro';

/** The home page's shortcuts: by role, and by what the directory says a person serves (`me.duties`). */
const NO_DUTIES: VisitDuties = { officerOf: [], chiefOf: [], leadOf: [], ledGridIds: [], commissioned: 0 };
const me = (roles: Role[], duties?: Partial<VisitDuties>, unitId = 'jrb'): MeResponse => ({
  user: { id: 'u', tenantId: 't', name: '周婷', roles, unitId },
  ...(duties ? { duties: { ...NO_DUTIES, ...duties } } : {}),
});
const keys = (m: MeResponse) => staffTiles(m, 0).map((t) => t.key);

describe('the home shortcuts', () => {
  it('an officer who serves nobody: the unit’s work, no field entries', () => {
    const k = keys(me(['officer'], {}));
    expect(k).toEqual(expect.arrayContaining(['groups', 'unit', 'unitPolicies', 'new', 'ranking', 'myunit', 'inbox']));
    for (const field of ['served', 'area', 'visits', 'coverage', 'pairing', 'policyAdmin']) expect(k).not.toContain(field);
  });

  it('a commissioner gets 我服务的企业 and the visit log; an area lead 片区诉求 and coverage', () => {
    expect(keys(me(['officer'], { commissioned: 3 }))).toEqual(expect.arrayContaining(['served', 'visits']));
    expect(keys(me(['officer'], { commissioned: 3 }))).not.toContain('coverage');
    const lead = keys(me(['officer'], { leadOf: ['east'], ledGridIds: ['g01', 'g02'] }));
    expect(lead).toEqual(expect.arrayContaining(['area', 'visits', 'coverage']));
    expect(lead).not.toContain('served');
  });

  it('the supervisor curates the policies, pairs commissioners and runs the race; a unit lead votes', () => {
    const sup = staffTiles(me(['supervisor'], undefined, ''), 0);
    expect(sup.map((t) => t.key)).toEqual(expect.arrayContaining(['policyAdmin', 'overview', 'notices', 'pairing', 'race', 'visits', 'coverage']));
    expect(sup.map((t) => t.key)).not.toContain('unitPolicies');
    expect(staffTiles(me(['unitLead']), 0).find((t) => t.key === 'race')?.label).toBe('赛马投票');
  });

  it('the inbox carries the unread count, and a tile opens its page with its parameters', () => {
    const tiles = staffTiles(me(['officer'], { ledGridIds: ['g01'] }), 7);
    expect(tiles.find((t) => t.key === 'inbox')?.badge).toBe(7);
    tiles.find((t) => t.key === 'area')?.onTap();
    expect(calls.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/officer/pages/served/index?view=area' });
    const owner = ownerTiles({ user: { id: 'o', tenantId: 't', name: '张总', roles: ['owner'] }, enterprise: undefined }, 0).map((t) => t.key);
    expect(owner).toEqual(['mine', 'grid', 'inbox', 'race', 'ledger', 'policies', 'catalog']);
  });
});
