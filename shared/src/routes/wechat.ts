import { r, ok, type RouteDef } from './define.js';
import { IdempotencyKey } from '../schemas/api.js';
import {
  BindingRevokedResponse,
  BindingUserParam,
  DevWechatCodeBody,
  DevWechatCodeResponse,
  InvitationCodeParam,
  InvitationResponse,
  InvitationsQuery,
  InvitationsResponse,
  IssueInvitationsBody,
  SubscriptionsBody,
  SubscriptionsResponse,
  WechatTemplatesBody,
  WechatTemplatesResponse,
} from '../wechat/index.js';

/** The `wechat` function's routes (see routes.ts: the one table is their concatenation). */
export const WECHAT_ROUTES: readonly RouteDef[] = [
  r('POST', '/api/wechat/invitations', 'wechat', 'Issue one-time invitation codes to bind WeChat, one per user; a pending one of the same user is revoked (admin)', {
    body: IssueInvitationsBody,
    ok: { status: 201, schema: InvitationsResponse, description: 'Issued: each invitation with its code and the QR code’s path' },
  }),
  r('GET', '/api/wechat/invitations', 'wechat', "The tenant's invitations, newest first, with their status now (admin)", {
    query: InvitationsQuery,
    ok: ok(InvitationsResponse),
  }),
  r('POST', '/api/wechat/invitations/{code}/revoke', 'wechat', 'Revoke a pending invitation (admin)', {
    params: InvitationCodeParam,
    ok: ok(InvitationResponse, 'Revoked: the invitation'),
    // 409: the invitation is used, expired or revoked already
    errors: [409],
  }),
  r('DELETE', '/api/wechat/bindings/{userId}', 'wechat', "Unbind a user's WeChat: the next sign-in with it is refused (admin)", {
    params: BindingUserParam,
    ok: ok(BindingRevokedResponse, 'The user has no WeChat bound (`unbound`: false when none was)'),
  }),
  r('GET', '/api/wechat/templates', 'wechat', "The tenant's subscribe-message templates per event, and the deployment's defaults (admin)", {
    ok: ok(WechatTemplatesResponse),
  }),
  r('PUT', '/api/wechat/templates', 'wechat', "Set the tenant's subscribe-message templates per event (admin)", {
    body: WechatTemplatesBody,
    ok: ok(WechatTemplatesResponse, 'The templates as set'),
  }),
  r('GET', '/api/me/subscriptions', 'wechat', "Which templates to ask the caller for at each moment, and the caller's remaining consents", {
    ok: ok(SubscriptionsResponse),
  }),
  r('POST', '/api/me/subscriptions', 'wechat', 'Record what wx.requestSubscribeMessage answered: one send per accepted template', {
    headers: { 'idempotency-key': IdempotencyKey },
    body: SubscriptionsBody,
    ok: ok(SubscriptionsResponse, 'The consents after this answer (a retry with the same key adds nothing)'),
  }),
  r('POST', '/api/dev/wechat-code', 'wechat', 'A login code the local WeChat double exchanges for a test openid (local stack only)', {
    auth: 'public',
    devOnly: true,
    body: DevWechatCodeBody,
    ok: ok(DevWechatCodeResponse),
    // 501: no WeChat double here
    errors: [501],
  }),
];
