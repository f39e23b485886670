import { ConflictError } from '../errors.js';
import { UNIT_TRACKS } from '../schemas/common.js';
import { quarterLabel, voterKey } from './rules.js';
import type { Ballot, Race, RaceCaseResult, RaceTally, RaceUnitResult } from './schemas.js';

/**
 * Ranks candidates by votes, most first; equal votes share a rank (1, 2, 2, 4)
 * and keep the race's candidate order, so the same ballots always give the
 * same table.
 */
function ranked<T>(candidates: readonly T[], votesOf: (c: T) => number): Array<{ candidate: T; votes: number; rank: number }> {
  const rows = candidates.map((candidate, order) => ({ candidate, votes: votesOf(candidate), order }));
  rows.sort((a, b) => b.votes - a.votes || a.order - b.order);
  return rows.map(({ candidate, votes }) => ({ candidate, votes, rank: 1 + rows.filter((r) => r.votes > votes).length }));
}

/** How many times each id is picked across the ballots. */
function counts(lists: ReadonlyArray<readonly string[]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const list of lists) for (const id of new Set(list)) out.set(id, (out.get(id) ?? 0) + 1);
  return out;
}

/**
 * The tally of a race from its ballots: per track, every candidate unit with
 * its votes and rank, the five-star units being those ranked within the
 * track's five-star count with at least one vote (a tie at the last place
 * stars every unit in it: a tie is not decided by order); the cases likewise,
 * within `bestPractice`. One ballot per voter counts (the first of a voter
 * given twice), and only picks of the race's candidates.
 */
export function tally(race: Race, ballots: readonly Ballot[]): RaceTally {
  const seen = new Set<string>();
  const counted = ballots.filter((b) => {
    const key = voterKey(b.voter);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const tracks = Object.fromEntries(
    UNIT_TRACKS.map((track) => {
      const spec = race.tracks[track];
      const votes = counts(counted.map((b) => b.fiveStar[track]));
      const results: RaceUnitResult[] = ranked(spec.units, (u) => votes.get(u.unitId) ?? 0).map(({ candidate, votes: v, rank }) => ({
        unitId: candidate.unitId,
        name: candidate.name,
        votes: v,
        rank,
        fiveStar: v > 0 && rank <= spec.fiveStar,
      }));
      return [track, { fiveStar: spec.fiveStar, results }];
    }),
  ) as RaceTally['tracks'];
  const caseVotes = counts(counted.map((b) => b.cases));
  const cases: RaceCaseResult[] = ranked(race.cases, (c) => caseVotes.get(c.id) ?? 0).map(({ candidate, votes, rank }) => ({
    caseId: candidate.id,
    title: candidate.title,
    unitId: candidate.unitId,
    unitName: candidate.unitName,
    votes,
    rank,
    bestPractice: votes > 0 && rank <= race.bestPractice,
  }));
  return {
    ballots: counted.length,
    enterpriseBallots: counted.filter((b) => b.voter.kind === 'enterprise').length,
    unitBallots: counted.filter((b) => b.voter.kind === 'unit').length,
    tracks,
    cases,
  };
}

/** The race as it closes (only an open race closes: 409): its tally, computed once from the ballots counted, kept with it. */
export function closeRace(race: Race, ballots: readonly Ballot[], by: { userId: string; name: string }, at: string): Race {
  if (race.status !== 'open') throw new ConflictError(`${quarterLabel(race.quarter)}赛马比拼已经结束`);
  return { ...race, status: 'closed', closedAt: at, closedBy: by, tally: tally(race, ballots) };
}
