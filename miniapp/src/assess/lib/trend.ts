import type { AssessmentResponse, UnitAssessmentResponse, UnitTrack } from '@whistle/shared';
import type { ChartData } from './chart';
import { periodShort } from '../../lib/periods';

type Ranking = Pick<AssessmentResponse, 'period' | 'tracks'>;

/** A track's ranked units in a period's ranking (empty when the track is missing). */
export const unitsOf = (r: Ranking | undefined, track: UnitTrack) => r?.tracks.find((t) => t.track === track)?.units ?? [];

/**
 * Whose trend the ranking page draws: the top `top` units of the current
 * period, and the viewer's own unit when it is not among them.
 */
export function trendUnits(current: Ranking | undefined, track: UnitTrack, own?: string, top = 3): string[] {
  const ranked = unitsOf(current, track).filter((u) => u.rank !== null);
  const ids = ranked.slice(0, top).map((u) => u.unitId);
  if (own && !ids.includes(own) && unitsOf(current, track).some((u) => u.unitId === own)) ids.push(own);
  return ids;
}

/** The index of some units over several periods' rankings (oldest first): one line per unit. */
export function rankingTrend(rankings: readonly Ranking[], track: UnitTrack, unitIds: readonly string[]): ChartData {
  const name = (id: string) => rankings.flatMap((r) => unitsOf(r, track)).find((u) => u.unitId === id)?.unitName ?? id;
  return {
    type: 'line',
    categories: rankings.map((r) => periodShort(r.period)),
    series: unitIds.map((id) => ({ name: name(id), data: rankings.map((r) => unitsOf(r, track).find((u) => u.unitId === id)?.index ?? null) })),
  };
}

/** A unit's own trend (the unit API's periods, oldest first). */
export const unitTrend = (trend: UnitAssessmentResponse['trend'], name = '服务指数'): ChartData => ({
  type: 'line',
  categories: trend.map((p) => periodShort(p.period)),
  series: [{ name, data: trend.map((p) => p.index) }],
});
