import { r, ok, type RouteDef } from './define.js';
import * as api from '../schemas/api.js';
import { IdParam } from '../schemas/params.js';
import * as res from '../schemas/responses.js';
import { CommissionedResponse } from '../directory/commissioners-api.js';

/** The `directory` function's routes (see routes.ts: the one table is their concatenation). */
export const DIRECTORY_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/groups', 'directory', 'Groups the caller may see', { ok: ok(res.GroupsResponse) }),
  r('GET', '/api/groups/{id}/feed', 'directory', 'A group feed, newest first; `since` polls for changes', {
    params: IdParam,
    query: api.FeedQuery,
    ok: ok(res.FeedResponse),
  }),
  r('GET', '/api/units', 'directory', 'Units of the tenant', { ok: ok(res.UnitsResponse) }),
  r('GET', '/api/leaders', 'directory', 'County leaders who may lead key matters', { ok: ok(res.LeadersResponse) }),
  r('GET', '/api/enterprises', 'directory', 'Enterprises the caller may raise requests for', { ok: ok(res.EnterprisesResponse) }),
  r('GET', '/api/enterprises/commissioned', 'directory', 'The enterprises the caller serves as resident commissioner (亲清特使)', { ok: ok(CommissionedResponse) }),
  r('GET', '/api/grids/mine', 'directory', "The caller's grid board: grid officer, area lead, grid chief, the enterprise's commissioners", { ok: ok(res.GridBoardResponse) }),
];
