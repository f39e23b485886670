import {
  compareMatches,
  daysBetween,
  isUniversal,
  matchPolicy,
  meetsConditions,
  policyState,
  policyToday,
  UNIVERSAL_REASON,
  type MatchSubject,
  type Policy,
  type PolicyConditions,
} from '@whistle/shared';
import { describe, expect, it } from 'vitest';

/** Matching a policy to an enterprise (shared/src/policy/match.ts): universal, matched with reasons, not matched, not live. */
const TODAY = '2026-11-30';
const policy = (conditions: PolicyConditions, over: Partial<Policy> = {}): Pick<Policy, 'status' | 'validFrom' | 'validTo' | 'conditions'> => ({
  status: 'published',
  validFrom: '2026-01-01',
  validTo: '2027-06-30',
  conditions,
  ...over,
});
const subject = (over: Partial<MatchSubject['enterprise']> = {}, town = 'nsz'): MatchSubject => ({
  enterprise: { industry: 'equipment', tier: 'backbone', key: false, tags: ['specialized', 'aboveScale'], headcountBand: 'h100to299', revenueBand: 'r2000to10000', ...over },
  townUnitId: town,
  townName: '南山镇',
});

describe('universal and matched', () => {
  it('a policy without conditions (or with only empty ones) is universal: every enterprise, 普惠', () => {
    expect(isUniversal({})).toBe(true);
    expect(isUniversal({ industries: [], tags: [] })).toBe(true);
    expect(isUniversal({ keyOnly: true })).toBe(false);
    const m = matchPolicy(policy({}), subject({ tags: [] }), TODAY);
    expect(m).toMatchObject({ kind: 'universal', reasons: [UNIVERSAL_REASON] });
  });

  it('matches when every condition given is met, any value within one; one reason per condition, in Chinese', () => {
    const c: PolicyConditions = { industries: ['equipment', 'electronics'], tags: ['specialized', 'highTech'], revenueBands: ['r2000to10000', 'r10000to40000'], townUnitIds: ['nsz'] };
    const m = matchPolicy(policy(c), subject(), TODAY);
    expect(m?.kind).toBe('matched');
    expect(m?.reasons).toEqual(['行业：装备制造', '企业标签：专精特新', '营业收入：2000 万–1 亿元', '所在镇街：南山镇']);
    expect(matchPolicy(policy({ tiers: ['backbone'], headcountBands: ['h100to299'], keyOnly: true }), subject({ key: true }), TODAY)?.reasons).toEqual([
      '企业类型：骨干企业',
      '从业人数：100–299 人',
      '重点企业',
    ]);
  });

  it('does not match when one condition is missed, or the profile lacks what a condition asks', () => {
    const s = subject();
    expect(matchPolicy(policy({ industries: ['food'] }), s, TODAY)).toBeUndefined();
    expect(matchPolicy(policy({ industries: ['equipment'], tags: ['highTech'] }), s, TODAY)).toBeUndefined();
    expect(matchPolicy(policy({ keyOnly: true }), s, TODAY)).toBeUndefined();
    expect(matchPolicy(policy({ townUnitIds: ['dgjd'] }), s, TODAY)).toBeUndefined();
    // no headcount band recorded: a headcount condition is not met
    expect(matchPolicy(policy({ headcountBands: ['h100to299'] }), subject({ headcountBand: undefined }), TODAY)).toBeUndefined();
    expect(meetsConditions({ tags: ['startup'] }, subject({ tags: undefined }))).toBe(false);
    expect(meetsConditions({}, subject({ tags: undefined }))).toBe(true);
  });
});

describe('only live policies match', () => {
  it('not published, not yet valid, or expired (validTo before today in Shanghai): no match, whatever the conditions', () => {
    expect(policyState(policy({}, { status: 'draft' }), TODAY)).toBe('notPublished');
    expect(policyState(policy({}, { status: 'retired' }), TODAY)).toBe('notPublished');
    expect(policyState(policy({}, { validFrom: '2026-12-01' }), TODAY)).toBe('notYetValid');
    expect(policyState(policy({}, { validTo: '2026-11-29' }), TODAY)).toBe('expired');
    expect(matchPolicy(policy({}, { validTo: '2026-11-29' }), subject(), TODAY)).toBeUndefined();
    expect(matchPolicy(policy({}, { validFrom: '2026-12-01' }), subject(), TODAY)).toBeUndefined();
    expect(matchPolicy(policy({}, { status: 'draft' }), subject(), TODAY)).toBeUndefined();
    // its last day still counts
    expect(matchPolicy(policy({}, { validTo: TODAY }), subject(), TODAY)).toMatchObject({ daysLeft: 0, expiringSoon: true });
  });

  it('today is the Shanghai date: 23:30 UTC on the 29th is already the 30th', () => {
    expect(policyToday('2026-11-29T16:30:00.000Z')).toBe('2026-11-30');
    expect(policyToday('2026-11-29T15:59:00.000Z')).toBe('2026-11-29');
    const lastDay = policy({}, { validTo: '2026-11-29' });
    expect(matchPolicy(lastDay, subject(), policyToday('2026-11-29T15:59:00.000Z'))).toBeDefined();
    expect(matchPolicy(lastDay, subject(), policyToday('2026-11-29T16:30:00.000Z'))).toBeUndefined();
  });

  it('counts the days left and flags those within 30; no end date: neither', () => {
    expect(daysBetween('2026-11-30', '2026-12-30')).toBe(30);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(matchPolicy(policy({}, { validTo: '2026-12-30' }), subject(), TODAY)).toMatchObject({ daysLeft: 30, expiringSoon: true });
    expect(matchPolicy(policy({}, { validTo: '2026-12-31' }), subject(), TODAY)).toMatchObject({ daysLeft: 31, expiringSoon: false });
    const open = matchPolicy(policy({}, { validTo: undefined }), subject(), TODAY);
    expect(open?.expiringSoon).toBe(false);
    expect(open && 'daysLeft' in open).toBe(false);
  });
});

describe('我的政策 order', () => {
  it('matched before universal; within each, the soonest to expire first, open-ended last', () => {
    const m = (kind: 'universal' | 'matched', daysLeft?: number) => ({ kind, reasons: [], expiringSoon: false, ...(daysLeft === undefined ? {} : { daysLeft }) });
    const items = [
      { title: '普惠甲', match: m('universal', 5) },
      { title: '专属长期', match: m('matched') },
      { title: '专属乙', match: m('matched', 40) },
      { title: '专属甲', match: m('matched', 3) },
      { title: '普惠长期', match: m('universal') },
    ];
    expect(items.sort(compareMatches).map((i) => i.title)).toEqual(['专属甲', '专属乙', '专属长期', '普惠甲', '普惠长期']);
  });
});
