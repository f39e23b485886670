import * as z from 'zod/mini';
import { requiredText } from '../schemas/api.js';
import { Id } from '../schemas/common.js';
import { Ballot, Quarter, Race, Voter } from './schemas.js';

/** The race's requests and answers, parsed at the edge (messages for people, in Chinese). */

const count = (label: string) =>
  z.int({ error: `${label}应为 1–10 的整数` }).check(z.minimum(1, { error: `${label}应为 1–10 的整数` }), z.maximum(10, { error: `${label}应为 1–10 的整数` }));

/** A candidate case: a resolved ticket (its title, unit and result come from it), or a write-up. */
export const RaceCaseInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('ticket'), ticketId: Id }),
    z.strictObject({
      kind: z.literal('writeUp'),
      title: requiredText('案例标题', 60),
      unitId: Id,
      summary: requiredText('案例简介', 1000),
    }),
  ],
  { error: '案例类型 kind 只能是 ticket（已办结的诉求）或 writeUp（案例材料）' },
);
export type RaceCaseInput = z.infer<typeof RaceCaseInput>;

export const DEFAULT_FIVE_STAR = { department: 3, township: 1 } as const;
export const DEFAULT_BEST_PRACTICE = 3;
export const MAX_RACE_CASES = 30;

/** `POST /api/races`: open the vote of a quarter. */
export const OpenRaceBody = z.strictObject({
  quarter: Quarter,
  /** per track, how many five-star units a ballot may pick and the tally names */
  fiveStar: z._default(
    z.strictObject({ department: count('部门赛道五星单位数'), township: count('镇街赛道五星单位数') }, { error: '请按赛道填写五星单位数' }),
    { ...DEFAULT_FIVE_STAR },
  ),
  /** how many cases a ballot may pick and the tally names */
  bestPractice: z._default(count('最佳实践案例数'), DEFAULT_BEST_PRACTICE),
  cases: z._default(
    z
      .array(RaceCaseInput, { error: '候选案例应为数组' })
      .check(z.maxLength(MAX_RACE_CASES, { error: `候选案例最多 ${MAX_RACE_CASES} 个` })),
    [],
  ),
});
export type OpenRaceBody = z.infer<typeof OpenRaceBody>;
/** what a client sends to open a race (the counts have defaults) */
export type OpenRaceInput = z.input<typeof OpenRaceBody>;

const picks = (label: string, max = 10) =>
  z._default(z.array(Id, { error: `${label}应为编号的数组` }).check(z.maxLength(max, { error: `${label}最多 ${max} 个` })), []);

/** `POST /api/races/{raceId}/ballots`: a ballot's picks (the race's rules are checked by the domain). */
export const CastBallotBody = z.strictObject({
  fiveStar: z._default(
    z.strictObject({ department: picks('部门赛道五星单位'), township: picks('镇街赛道五星单位') }, { error: '请按赛道选择五星单位' }),
    { department: [], township: [] },
  ),
  cases: picks('最佳实践案例'),
});
export type CastBallotBody = z.infer<typeof CastBallotBody>;

export const RaceIdParam = z.strictObject({ raceId: Quarter });

/** Turnout while the vote runs (the supervisor's view): how many have voted, never how. */
export const RaceTurnout = z.object({
  ballots: z.int().check(z.minimum(0)),
  enterprises: z.int().check(z.minimum(0)),
  units: z.int().check(z.minimum(0)),
});
export type RaceTurnout = z.infer<typeof RaceTurnout>;

export const RacesResponse = z.object({ items: z.array(Race) });
export type RacesResponse = z.infer<typeof RacesResponse>;
export const RaceResponse = z.object({ race: Race });
export type RaceResponse = z.infer<typeof RaceResponse>;
export const BallotResponse = z.object({ ballot: Ballot });
export type BallotResponse = z.infer<typeof BallotResponse>;

/** `GET /api/races/{raceId}`: the race (its tally once closed), and where the caller stands. */
export const RaceDetailResponse = z.object({
  race: Race,
  /** whom the caller votes for (an owner: their enterprise; a unit lead: their unit); absent when they do not vote */
  voter: z.optional(Voter),
  /** whether the caller's enterprise or unit has voted */
  voted: z.boolean(),
  /** the ballot the caller's enterprise or unit cast (only its own) */
  ballot: z.optional(Ballot),
  /** supervisors and admins: how many have voted so far */
  turnout: z.optional(RaceTurnout),
});
export type RaceDetailResponse = z.infer<typeof RaceDetailResponse>;
