import type { Unit } from '../schemas/reference.js';
import type { UnitTrack } from '../schemas/common.js';
import {
  FIRST_LEVEL,
  INDICATOR_CODES,
  INDICATORS,
  zeroCounters,
  type Counters,
  type FirstLevel,
  type IndicatorCode,
  type IndicatorSpec,
  type ManualIndicator,
} from './indicators.js';
import type { AssessmentScheme } from './scheme.js';

/**
 * Scoring, pure: a unit's counters and entered scores → its indicators (value
 * and 0–100 score), its first-level scores, the notice deduction and the index;
 * then the ranking by track with the red and black lists. An indicator with
 * nothing to measure (no ticket rated, no leader-led matter) has no score: its
 * weight goes to the others of its level, so a unit is neither punished nor
 * rewarded for work it was never given.
 */
export interface IndicatorScore {
  code: IndicatorCode;
  value: number | null;
  score: number | null;
  num?: number;
  den?: number;
}

export interface UnitScore {
  unitId: string;
  unitName: string;
  track: UnitTrack;
  index: number | null;
  rank: number | null;
  levels: Record<FirstLevel, number | null>;
  indicators: IndicatorScore[];
  deduction: number;
  counters: Counters;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

function indicatorScore(code: IndicatorCode, c: Counters, manual: Partial<Record<ManualIndicator, number>>, scheme: AssessmentScheme): IndicatorScore {
  const spec: IndicatorSpec = INDICATORS[code];
  if (spec.kind === 'manual') {
    const v = manual[code as ManualIndicator];
    return { code, value: v ?? null, score: v ?? null };
  }
  const of = spec.of;
  if (!of) return { code, value: null, score: null };
  const num = c[of.num];
  const den = c[of.den];
  if (den <= 0) return { code, value: null, score: null, num, den };
  if (spec.kind === 'hours') {
    const hours = num / den / 60;
    const target = scheme.targets[spec.target ?? 'claimHours'];
    // full marks up to the target, nothing at three times it, straight between
    const score = clamp(100 * (1 - (hours - target) / (2 * target)), 0, 100);
    return { code, value: round2(hours), score: round2(score), num, den };
  }
  const rate = num / den;
  return { code, value: round2(rate * 100), score: round2(100 * (spec.kind === 'inverseRate' ? 1 - rate : rate)), num, den };
}

/** Weighted mean of the scores present (null when none is). */
function weighted(items: Array<{ w: number; s: number | null }>): number | null {
  let sum = 0;
  let weights = 0;
  for (const { w, s } of items) {
    if (s === null || w <= 0) continue;
    sum += w * s;
    weights += w;
  }
  return weights > 0 ? sum / weights : null;
}

export function noticeDeduction(c: Counters, scheme: AssessmentScheme): number {
  const d = scheme.deductions;
  return round2(Math.min(d.cap, c.reminders * d.reminder + c.urges * d.urge + c.warnings * d.warning));
}

export function scoreUnit(
  unit: Pick<Unit, 'id' | 'name' | 'track'>,
  counters: Counters | undefined,
  manual: Partial<Record<ManualIndicator, number>>,
  scheme: AssessmentScheme,
): UnitScore {
  const c = counters ?? zeroCounters();
  const indicators = INDICATOR_CODES.map((code) => indicatorScore(code, c, manual, scheme));
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const levels = Object.fromEntries(
    FIRST_LEVEL.map((level) => {
      const mean = weighted(INDICATOR_CODES.filter((code) => INDICATORS[code].level === level).map((code) => ({ w: scheme.weights[code], s: byCode.get(code)?.score ?? null })));
      return [level, mean === null ? null : round2(mean)];
    }),
  ) as Record<FirstLevel, number | null>;
  const base = weighted(FIRST_LEVEL.map((l) => ({ w: scheme.levelWeights[l], s: levels[l] })));
  const deduction = noticeDeduction(c, scheme);
  // a unit with nothing measured but notices still loses their points from full marks
  const index = base === null && deduction === 0 ? null : round2(clamp((base ?? 100) - deduction, 0, 100));
  return { unitId: unit.id, unitName: unit.name, track: unit.track, index, rank: null, levels, indicators, deduction, counters: c };
}

export interface TrackRanking {
  track: UnitTrack;
  units: UnitScore[];
  redList: string[];
  blackList: string[];
}

/**
 * Ranks a track's units by index (ties share a rank; units with nothing
 * measured come last, unranked). The red list is the top `listSize`, the
 * black list the bottom `listSize` of the others.
 */
export function rankTrack(track: UnitTrack, scores: readonly UnitScore[], listSize: number): TrackRanking {
  const mine = scores.filter((s) => s.track === track);
  const ranked = mine.filter((s) => s.index !== null).sort((a, b) => (b.index ?? 0) - (a.index ?? 0) || a.unitName.localeCompare(b.unitName, 'zh'));
  const unranked = mine.filter((s) => s.index === null).sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh'));
  let rank = 0;
  const units = ranked.map((s, i) => {
    if (i === 0 || s.index !== ranked[i - 1]?.index) rank = i + 1;
    return { ...s, rank };
  });
  const redList = units.slice(0, listSize).map((s) => s.unitId);
  const blackList = units
    .slice(redList.length)
    .slice(-listSize)
    .reverse()
    .map((s) => s.unitId);
  return { track, units: [...units, ...unranked.map((s) => ({ ...s, rank: null }))], redList, blackList };
}
