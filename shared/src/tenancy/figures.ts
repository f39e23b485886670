import { addCounters, zeroCounters, type Counters, type ManualIndicator } from '../assessment/indicators.js';
import type { AssessmentScheme } from '../assessment/scheme.js';
import { rankTrack, scoreUnit } from '../assessment/score.js';
import { DISTRICT_WHOLE } from '../assessment/facts.js';
import { UNIT_TRACKS } from '../schemas/common.js';
import type { Unit } from '../schemas/reference.js';
import type { DistrictDetailResponse, DistrictFigures } from './api.js';

/**
 * The province view's figures, pure: a district's figures in a period from
 * its assessment aggregates (the units' counters of that period, the same
 * partition the district's ranking reads), never from its tickets. So the
 * province sees rates and counts, and nothing of a request's content.
 *
 * The district's service index (助企服务指数) is the mean of its **ranked**
 * units' indexes, each scored with the district's own scheme for the period
 * (`score.ts`): a unit with nothing measured is left out, as it is unranked
 * in the district's own ranking; every ranked unit weighs the same, whatever
 * its volume, as in the district's red and black lists. A district that
 * raised, claimed and resolved nothing in the period has no index (—).
 */
export interface DistrictInput {
  tenantId: string;
  name: string;
  units: readonly Pick<Unit, 'id' | 'name' | 'track'>[];
  counters: ReadonlyMap<string, Counters>;
  manual: ReadonlyMap<string, Partial<Record<ManualIndicator, number>>>;
  scheme: AssessmentScheme;
}

const pct = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 10_000) / 100 : null);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The units' scores of a district in the period, ranked per track (the district's own ranking). */
export function rankDistrict(d: DistrictInput) {
  const scores = d.units.map((u) => scoreUnit(u, d.counters.get(u.id), d.manual.get(u.id) ?? {}, d.scheme));
  return UNIT_TRACKS.map((track) => rankTrack(track, scores, d.scheme.listSize));
}

/** One district's figures (its `rank` among the province's is set by `provinceOverview`). */
export function districtFigures(d: DistrictInput): DistrictFigures {
  // only the district's units count: an aggregate of a unit since removed stays out, as in the ranking
  const total = zeroCounters();
  for (const u of d.units) addCounters(total, d.counters.get(u.id) ?? {});
  // the district's whole volume, held by a unit or not (aggregates from before it was counted: the units' sum)
  const whole = d.counters.get(DISTRICT_WHOLE);
  const raised = whole?.handled ?? total.handled;
  const resolvedAll = whole ? (whole.resolved ?? 0) : total.resolved;
  const ranked = rankDistrict(d).flatMap((t) => t.units.filter((u) => u.rank !== null));
  // a district that handled no request in the period has no service to index: its units' notices alone (late
  // work on older requests) would score it near 100 and rank it above districts that served
  const served = raised > 0 || total.claimed > 0 || total.resolved > 0;
  const index = served && ranked.length > 0 ? round2(ranked.reduce((s, u) => s + (u.index ?? 0), 0) / ranked.length) : null;
  return {
    tenantId: d.tenantId,
    name: d.name,
    raised,
    claimed: total.claimed,
    claimInTimeRate: pct(total.claimOnTime, total.claimed),
    resolved: total.resolved,
    onTimeRate: pct(total.resolvedOnTime, total.resolved),
    satisfactionRate: pct(total.satisfied, total.rated),
    open: Math.max(0, raised - resolvedAll),
    overdue: total.claimed - total.claimOnTime + (total.resolved - total.resolvedOnTime),
    notices: { reminders: total.reminders, urges: total.urges, warnings: total.warnings },
    index,
    rankedUnits: ranked.length,
    units: d.units.length,
    avgClaimHours: total.claimed > 0 ? round2(total.claimMinutes / total.claimed / 60) : null,
    rank: null,
  };
}

/** How many of the slowest districts the overview names. */
export const SLOWEST_COUNT = 5;

/**
 * The province's districts sorted by index (highest first; districts with no
 * index last, by name), ranked (ties share a rank), and the slowest to claim
 * (highest average claim hours first).
 */
export function provinceOverview(districts: readonly DistrictFigures[]): { districts: DistrictFigures[]; slowest: Array<{ tenantId: string; name: string; avgClaimHours: number; claimInTimeRate: number | null }> } {
  const byName = (a: DistrictFigures, b: DistrictFigures) => a.name.localeCompare(b.name, 'zh') || a.tenantId.localeCompare(b.tenantId);
  const withIndex = districts.filter((d) => d.index !== null).sort((a, b) => (b.index ?? 0) - (a.index ?? 0) || byName(a, b));
  const without = districts.filter((d) => d.index === null).sort(byName);
  let rank = 0;
  const ranked = withIndex.map((d, i) => {
    if (i === 0 || d.index !== withIndex[i - 1]?.index) rank = i + 1;
    return { ...d, rank };
  });
  const slowest = districts
    .filter((d): d is DistrictFigures & { avgClaimHours: number } => d.avgClaimHours !== null)
    .sort((a, b) => b.avgClaimHours - a.avgClaimHours || byName(a, b))
    .slice(0, SLOWEST_COUNT)
    .map((d) => ({ tenantId: d.tenantId, name: d.name, avgClaimHours: d.avgClaimHours, claimInTimeRate: d.claimInTimeRate }));
  return { districts: [...ranked, ...without.map((d) => ({ ...d, rank: null }))], slowest };
}

/** A district's units ranked by track, with the figures a province reads (no ticket). */
export function districtDetail(d: DistrictInput): DistrictDetailResponse['tracks'] {
  return rankDistrict(d).map((t) => ({
    track: t.track,
    units: t.units.map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      index: u.index,
      rank: u.rank,
      handled: u.counters.handled,
      claimInTimeRate: pct(u.counters.claimOnTime, u.counters.claimed),
      onTimeRate: pct(u.counters.resolvedOnTime, u.counters.resolved),
      satisfactionRate: pct(u.counters.satisfied, u.counters.rated),
    })),
  }));
}
