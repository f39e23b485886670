import { r, ok, type RouteDef } from './define.js';
import * as api from '../schemas/api.js';
import * as res from '../schemas/responses.js';

/** The `auth` function's routes (see routes.ts: the one table is their concatenation). */
export const AUTH_ROUTES: readonly RouteDef[] = [
  r('GET', '/api/auth/dev-users', 'auth', "Demo personas (local stack only): the dev tenant's, and the way into every other registered tenant (its operators, province readers, admins); `tenant`: all of that tenant's", {
    auth: 'public',
    devOnly: true,
    query: api.DevUsersQuery,
    ok: ok(res.DevUsersResponse),
  }),
  r('POST', '/api/auth/dev-login', 'auth', 'Sign in as a demo persona (local stack only)', {
    auth: 'public',
    devOnly: true,
    body: api.DevLoginBody,
    ok: ok(res.TokenResponse, 'Signed in: a bearer token'),
    // 429: too many sign-ins for this user or from this source
    errors: [429],
  }),
  r('POST', '/api/auth/wechat', 'auth', 'Sign in with a WeChat login code (code2Session); with an invitation code, bind this WeChat to the invited user first', {
    auth: 'public',
    body: api.WechatLoginBody,
    ok: ok(res.TokenResponse, 'Signed in: a bearer token'),
    // 400 (field `invitation`): the invitation is unknown, used, expired or revoked; 403: the WeChat account is bound
    // to no user (sign in once with an invitation); 409: with an invitation, this WeChat is bound to another user;
    // 429: too many sign-ins for this openid or from this source; 501: no WeChat app configured
    errors: [403, 409, 429, 501],
  }),
  r('GET', '/api/me', 'auth', 'The signed-in user, their unit, enterprise and grid', { ok: ok(res.MeResponse) }),
];
