import { r, ok, type RouteDef } from './define.js';
import { BallotResponse, CastBallotBody, OpenRaceBody, RaceDetailResponse, RaceIdParam, RaceResponse, RacesResponse } from '../race/api.js';

/** The `races` function's routes (see routes.ts: the one table is their concatenation). */
export const RACES_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/races', 'races', 'Quarterly races (赛马比拼), the newest quarter first; a closed one with its tally', { ok: ok(RacesResponse) }),
  r('POST', '/api/races', 'races', "Open a quarter's vote for five-star units and best-practice cases (supervisor, admin)", {
    body: OpenRaceBody,
    ok: { status: 201, schema: RaceResponse, description: "Opened: the race, each track's candidates being the tenant's units of that track" },
    // 409: the quarter has its race already (one per tenant and quarter)
    errors: [409],
  }),
  r('GET', '/api/races/{raceId}', 'races', 'A race (its tally only once closed), and whether the caller has voted', {
    params: RaceIdParam,
    ok: ok(RaceDetailResponse),
  }),
  r('POST', '/api/races/{raceId}/ballots', 'races', "Cast the ballot of the caller's enterprise (owner) or unit (unit lead), once", {
    params: RaceIdParam,
    body: CastBallotBody,
    ok: { status: 201, schema: BallotResponse, description: 'Cast: the ballot, counted' },
    // 409: this enterprise or unit has voted already, or the vote has ended
    errors: [409],
  }),
  r('POST', '/api/races/{raceId}/close', 'races', 'Close the vote: the tally is computed once and kept with the race (supervisor, admin)', {
    params: RaceIdParam,
    ok: ok(RaceResponse, 'Closed: the race with its tally'),
    // 409: the race is closed already
    errors: [409],
  }),
];
