import { castBallot, isWhistleError, ValidationError, type BallotPicks, type Race, type UnitTrack, type Voter } from '@whistle/shared';

/** A ballot with nothing picked yet. */
export const emptyPicks = (): BallotPicks => ({ fiveStar: { department: [], township: [] }, cases: [] });

/** Where a pick goes: a track's five-star units, or the cases. */
export type PickList = UnitTrack | 'cases';

/** How many the race allows in a list. */
export const maxOf = (race: Race, list: PickList): number => (list === 'cases' ? race.bestPractice : race.tracks[list].fiveStar);

const listOf = (p: BallotPicks, list: PickList): string[] => (list === 'cases' ? p.cases : p.fiveStar[list]);

/**
 * Picks `id` in `list`, or unpicks it; at the race's maximum a new pick is
 * refused with a message (nothing changes).
 */
export function togglePick(race: Race, picks: BallotPicks, list: PickList, id: string): { picks: BallotPicks; error?: string } {
  const current = listOf(picks, list);
  const max = maxOf(race, list);
  if (!current.includes(id) && current.length >= max) return { picks, error: `这一项最多选 ${max} 个，请先取消一个` };
  const next = current.includes(id) ? current.filter((x) => x !== id) : [...current, id];
  return { picks: list === 'cases' ? { ...picks, cases: next } : { ...picks, fiveStar: { ...picks.fiveStar, [list]: next } } };
}

/**
 * What is wrong with the ballot before it is sent, by the very rules the
 * server applies (the domain's `castBallot`): undefined when it may be cast.
 */
export function ballotProblem(race: Race, voter: Voter, picks: BallotPicks): string | undefined {
  try {
    castBallot(race, voter, picks, { userId: 'me', name: '' }, new Date(0).toISOString());
    return undefined;
  } catch (e) {
    if (e instanceof ValidationError) return e.details[0]?.message ?? e.message;
    if (isWhistleError(e)) return e.message;
    throw e;
  }
}
