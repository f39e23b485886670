import '../wiring/races.js';
import type { CastBallotBody, OpenRaceBody } from '@whistle/shared';
import { RACES_ROUTES } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import { castVote, closeRaceVote, listRaces, openRaceVote, raceDetail } from '../services/races.js';

/** The quarterly race (赛马比拼): open a quarter's vote, cast ballots, close it with its tally. */
export const handler = httpFunction(RACES_ROUTES, {
  'GET /api/races': async ({ deps, principal }) => ({ body: await listRaces(deps, principal) }),
  'POST /api/races': async ({ deps, principal, req }) => ({
    status: 201,
    body: { race: await openRaceVote(deps, principal, req.body as OpenRaceBody) },
  }),
  'GET /api/races/{raceId}': async ({ deps, principal, req }) => ({ body: await raceDetail(deps, principal, req.params.raceId ?? '') }),
  'POST /api/races/{raceId}/ballots': async ({ deps, principal, req }) => ({
    status: 201,
    body: { ballot: await castVote(deps, principal, req.params.raceId ?? '', req.body as CastBallotBody) },
  }),
  'POST /api/races/{raceId}/close': async ({ deps, principal, req }) => ({
    body: { race: await closeRaceVote(deps, principal, req.params.raceId ?? '') },
  }),
});
