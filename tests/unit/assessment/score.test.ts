import {
  DEFAULT_SCHEME,
  monthsOf,
  periodBounds,
  periodsOfMonth,
  periodsUpTo,
  rankTrack,
  schemeFor,
  SchemeBody,
  scoreUnit,
  zeroCounters,
  type AssessmentScheme,
  type Counters,
} from '@whistle/shared';
import { describe, expect, it } from 'vitest';

const unit = (id: string, track: 'department' | 'township' = 'department') => ({ id, name: `单位${id}`, track });
const counters = (over: Partial<Counters>): Counters => ({ ...zeroCounters(), ...over });

describe('assessment periods', () => {
  it('spans months, quarters and years in Shanghai time', () => {
    expect(monthsOf('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsOf('2026')).toHaveLength(12);
    expect(periodsOfMonth('2026-11')).toEqual(['2026-11', '2026-Q4', '2026']);
    // 1 November 00:00 in Shanghai is 31 October 16:00 UTC
    expect(periodBounds('2026-11')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(periodsUpTo('2026-Q1', 3)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1']);
  });
});

describe('scoring a unit', () => {
  it('scores rates, hours against their target and the notice deduction', () => {
    const s = scoreUnit(
      unit('a'),
      counters({ handled: 10, claimed: 10, claimOnTime: 9, claimMinutes: 10 * 60, replied: 10, resolved: 8, resolvedOnTime: 8, resolveMinutes: 8 * 24 * 60, rated: 4, satisfied: 3, reminders: 2, urges: 1 }),
      {},
      DEFAULT_SCHEME,
    );
    const byCode = Object.fromEntries(s.indicators.map((i) => [i.code, i]));
    expect(byCode.claimRate).toMatchObject({ value: 90, score: 90, num: 9, den: 10 });
    expect(byCode.avgClaimHours).toMatchObject({ value: 1, score: 100 });
    expect(byCode.resolveRate).toMatchObject({ value: 80, score: 80 });
    expect(byCode.reopenRate).toMatchObject({ value: 0, score: 100 });
    expect(byCode.satisfactionRate).toMatchObject({ value: 75, score: 75 });
    // nothing to measure: no score (its weight goes to the others)
    expect(byCode.leaderCadence).toMatchObject({ value: null, score: null });
    expect(byCode.policyPromotion).toMatchObject({ value: null, score: null });
    // 2 × 0.5 + 1 × 1
    expect(s.deduction).toBe(2);
    const reply = (30 * 90 + 20 * 100 + 15 * 100) / (30 + 20 + 15);
    const resolution = (25 * 100 + 20 * 80 + 10 * 100 + 10 * 100) / (25 + 20 + 10 + 10);
    const satisfaction = 75;
    expect(s.levels.reply).toBeCloseTo(reply, 2);
    expect(s.index).toBeCloseTo((35 * reply + 40 * resolution + 25 * satisfaction) / 100 - 2, 1);
  });

  it('scores an average three times its target as nothing, and caps the deduction', () => {
    const s = scoreUnit(unit('a'), counters({ claimed: 1, claimOnTime: 0, claimMinutes: 6 * 60, warnings: 30 }), {}, DEFAULT_SCHEME);
    expect(s.indicators.find((i) => i.code === 'avgClaimHours')).toMatchObject({ value: 6, score: 0 });
    expect(s.deduction).toBe(DEFAULT_SCHEME.deductions.cap);
  });

  it('leaves a unit with nothing measured unranked, and one with only notices below full marks', () => {
    expect(scoreUnit(unit('a'), undefined, {}, DEFAULT_SCHEME).index).toBeNull();
    expect(scoreUnit(unit('a'), counters({ reminders: 2 }), {}, DEFAULT_SCHEME).index).toBe(99);
  });

  it('counts entered scores in their first-level indicator', () => {
    const s = scoreUnit(unit('a'), counters({ handled: 1, replied: 1 }), { policyPromotion: 40 }, DEFAULT_SCHEME);
    expect(s.levels.reply).toBeCloseTo((20 * 100 + 15 * 40) / 35, 2);
  });
});

describe('ranking a track', () => {
  it('ranks by index with shared ranks for ties, names the red and black lists, leaves the unmeasured last', () => {
    const scores = [
      { ...scoreUnit(unit('a'), counters({ handled: 2, replied: 2 }), {}, DEFAULT_SCHEME) },
      { ...scoreUnit(unit('b'), counters({ handled: 2, replied: 1 }), {}, DEFAULT_SCHEME) },
      { ...scoreUnit(unit('c'), counters({ handled: 2, replied: 2 }), {}, DEFAULT_SCHEME) },
      { ...scoreUnit(unit('d'), counters({ handled: 2, replied: 0 }), {}, DEFAULT_SCHEME) },
      { ...scoreUnit(unit('e'), undefined, {}, DEFAULT_SCHEME) },
      { ...scoreUnit(unit('t', 'township'), counters({ handled: 1, replied: 1 }), {}, DEFAULT_SCHEME) },
    ];
    const r = rankTrack('department', scores, 1);
    expect(r.units.map((u) => [u.unitId, u.rank])).toEqual([
      ['a', 1],
      ['c', 1],
      ['b', 3],
      ['d', 4],
      ['e', null],
    ]);
    expect(r.redList).toEqual(['a']);
    expect(r.blackList).toEqual(['d']);
    expect(rankTrack('township', scores, 2)).toMatchObject({ redList: ['t'], blackList: [] });
  });
});

describe('the scheme', () => {
  const v = (version: number, effectiveFrom: string): AssessmentScheme => ({ ...DEFAULT_SCHEME, version, effectiveFrom });

  it('scores each period by the latest version started by its first month', () => {
    const versions = [v(2, '2026-07'), v(3, '2026-11'), v(4, '2026-11')];
    expect(schemeFor(versions, '2026-10').version).toBe(2);
    expect(schemeFor(versions, '2026-11').version).toBe(4);
    expect(schemeFor(versions, '2026-01').version).toBe(DEFAULT_SCHEME.version);
  });

  it('requires first-level weights adding up to 100', () => {
    const { version: _v, createdAt: _c, createdBy: _b, ...body } = DEFAULT_SCHEME;
    expect(SchemeBody.safeParse({ ...body, effectiveFrom: '2026-12' }).success).toBe(true);
    const bad = SchemeBody.safeParse({ ...body, effectiveFrom: '2026-12', levelWeights: { reply: 50, resolution: 40, satisfaction: 25 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['levelWeights'], message: '一级指标权重之和必须为 100' });
  });
});
