import * as z from 'zod/mini';
import { Id, Instant } from '../schemas/common.js';

/**
 * The quarterly race (赛马比拼): the supervisor opens a vote for a quarter;
 * each enterprise (through its owner) and each unit (through its unit lead)
 * casts one ballot for five-star units (五星单位) of each track and for
 * best-practice cases (最佳实践案例); the tally is computed once, when the
 * vote closes, and kept with the race.
 */

/** A quarter: `2026-Q4`. A race's id is its quarter (one race per tenant and quarter). */
export const QUARTER_PATTERN = /^20\d{2}-Q[1-4]$/;
const QUARTER_MESSAGE = '季度格式应为 2026-Q4（四位年份-Q1 至 Q4）';
export const Quarter = z.string({ error: '请填写季度，如 2026-Q4' }).check(
  // abort: an over-long value is not run through the pattern
  z.maxLength(7, { error: QUARTER_MESSAGE, abort: true }),
  z.regex(QUARTER_PATTERN, { error: QUARTER_MESSAGE }),
);
export type Quarter = z.infer<typeof Quarter>;

export const RACE_STATUSES = ['open', 'closed'] as const;
export const RaceStatus = z.enum(RACE_STATUSES);
export type RaceStatus = z.infer<typeof RaceStatus>;
export const RACE_STATUS_LABELS: Record<RaceStatus, string> = { open: '投票中', closed: '已揭晓' };

/** Who opened or closed a race, or cast a ballot. */
export const RaceActor = z.object({ userId: Id, name: z.string() });
export type RaceActor = z.infer<typeof RaceActor>;

/** A unit standing in a track, as it was named when the race opened. */
export const RaceUnit = z.object({ unitId: Id, name: z.string() });
export type RaceUnit = z.infer<typeof RaceUnit>;

/** One track (赛道) of the race: its candidate units, and how many five-star units a ballot may pick (and the tally names). */
export const RaceTrack = z.object({
  fiveStar: z.int().check(z.minimum(0), z.maximum(10)),
  units: z.array(RaceUnit),
});
export type RaceTrack = z.infer<typeof RaceTrack>;

/** Both tracks of a race: departments (部门) and townships (镇街). */
export const RaceTracks = z.object({ department: RaceTrack, township: RaceTrack });
export type RaceTracks = z.infer<typeof RaceTracks>;

export const RACE_CASE_KINDS = ['ticket', 'writeUp'] as const;
export const RaceCaseKind = z.enum(RACE_CASE_KINDS);
export type RaceCaseKind = z.infer<typeof RaceCaseKind>;

/** A candidate best-practice case: a resolved ticket, or a write-up a unit submitted. */
export const RaceCase = z.object({
  id: Id,
  kind: RaceCaseKind,
  title: z.string(),
  /** the unit whose work it is (a ticket: the unit that handled it) */
  unitId: Id,
  unitName: z.string(),
  summary: z.string(),
  ticketId: z.optional(Id),
  ticketNumber: z.optional(z.string()),
});
export type RaceCase = z.infer<typeof RaceCase>;

/** One unit's place in its track's tally. */
export const RaceUnitResult = z.object({
  unitId: Id,
  name: z.string(),
  votes: z.int().check(z.minimum(0)),
  /** 1 for the most votes; equal votes share a rank (1, 2, 2, 4) */
  rank: z.int().check(z.minimum(1)),
  fiveStar: z.boolean(),
});
export type RaceUnitResult = z.infer<typeof RaceUnitResult>;

export const RaceTrackTally = z.object({
  /** how many five-star units the track names (ties at the last place all get the star) */
  fiveStar: z.int().check(z.minimum(0)),
  /** every candidate unit, most votes first */
  results: z.array(RaceUnitResult),
});
export type RaceTrackTally = z.infer<typeof RaceTrackTally>;

export const RaceCaseResult = z.object({
  caseId: Id,
  title: z.string(),
  unitId: Id,
  unitName: z.string(),
  votes: z.int().check(z.minimum(0)),
  rank: z.int().check(z.minimum(1)),
  bestPractice: z.boolean(),
});
export type RaceCaseResult = z.infer<typeof RaceCaseResult>;

/** The result of a closed race: computed once, when it closes, and kept with it. */
export const RaceTally = z.object({
  ballots: z.int().check(z.minimum(0)),
  enterpriseBallots: z.int().check(z.minimum(0)),
  unitBallots: z.int().check(z.minimum(0)),
  tracks: z.object({ department: RaceTrackTally, township: RaceTrackTally }),
  /** every candidate case, most votes first */
  cases: z.array(RaceCaseResult),
});
export type RaceTally = z.infer<typeof RaceTally>;

export const Race = z.object({
  /** the quarter: one race per tenant and quarter */
  id: Quarter,
  tenantId: Id,
  quarter: Quarter,
  status: RaceStatus,
  tracks: RaceTracks,
  /** how many cases a ballot may pick, and how many best-practice cases the tally names */
  bestPractice: z.int().check(z.minimum(0), z.maximum(10)),
  cases: z.array(RaceCase),
  openedAt: Instant,
  openedBy: RaceActor,
  closedAt: z.optional(Instant),
  closedBy: z.optional(RaceActor),
  /** present once closed, never before */
  tally: z.optional(RaceTally),
});
export type Race = z.infer<typeof Race>;

export const VOTER_KINDS = ['enterprise', 'unit'] as const;
export const VoterKind = z.enum(VOTER_KINDS);
export type VoterKind = z.infer<typeof VoterKind>;

/** Who a ballot speaks for: an enterprise (cast by its owner) or a unit (cast by its unit lead). */
export const Voter = z.object({
  kind: VoterKind,
  /** the enterprise's credit code, or the unit's id */
  id: z.string(),
  name: z.string(),
});
export type Voter = z.infer<typeof Voter>;

/** A ballot's picks: five-star units per track, best-practice cases by id. */
export const BallotPicks = z.object({
  fiveStar: z.object({ department: z.array(Id), township: z.array(Id) }),
  cases: z.array(Id),
});
export type BallotPicks = z.infer<typeof BallotPicks>;

export const Ballot = z.object({
  raceId: Quarter,
  tenantId: Id,
  voter: Voter,
  castBy: RaceActor,
  castAt: Instant,
  fiveStar: BallotPicks.shape.fiveStar,
  cases: z.array(Id),
});
export type Ballot = z.infer<typeof Ballot>;
