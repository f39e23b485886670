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
  r('POST', '/api/auth/wechat', 'auth', 'Sign in with a WeChat login code (code2Session)', {
    auth: 'public',
    body: api.WechatLoginBody,
    ok: ok(res.TokenResponse, 'Signed in: a bearer token'),
    // 403: the WeChat account is bound to no user; 429: too many sign-ins for this openid or from this source;
    // 501: no WeChat app configured (the local stack)
    errors: [403, 429, 501],
  }),
  r('GET', '/api/me', 'auth', 'The signed-in user, their unit, enterprise and grid', { ok: ok(res.MeResponse) }),
];
