import '../wiring/wechat.js';
import { NotConfiguredError, WECHAT_ROUTES, type InvitationsQuery, type IssueInvitationsBody, type SubscriptionsBody, type WechatTemplatesBody } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import { getTemplates, issueInvitations, listInvitations, mySubscriptions, putTemplates, recordSubscriptions, revokeInvitation, unbindUser } from '../services/wechat.js';

/**
 * WeChat accounts: invitations and bindings (admin), the tenant's
 * subscribe-message templates (admin), the caller's consents, and the local
 * stack's simulated WeChat login code (dev only: 404 elsewhere).
 */
export const handler = httpFunction(WECHAT_ROUTES, {
  'POST /api/wechat/invitations': async ({ deps, principal, req }) => ({
    status: 201,
    body: { items: await issueInvitations(deps, principal, req.body as IssueInvitationsBody) },
  }),
  'GET /api/wechat/invitations': async ({ deps, principal, req }) => ({ body: { items: await listInvitations(deps, principal, req.query as InvitationsQuery) } }),
  'POST /api/wechat/invitations/{code}/revoke': async ({ deps, principal, req }) => ({
    body: { invitation: await revokeInvitation(deps, principal, req.params.code ?? '') },
  }),
  'DELETE /api/wechat/bindings/{userId}': async ({ deps, principal, req }) => ({ body: await unbindUser(deps, principal, req.params.userId ?? '') }),
  'GET /api/wechat/templates': async ({ deps, principal }) => ({ body: await getTemplates(deps, principal) }),
  'PUT /api/wechat/templates': async ({ deps, principal, req }) => ({
    body: await putTemplates(deps, principal, (req.body as WechatTemplatesBody).templates as Record<string, string>),
  }),
  'GET /api/me/subscriptions': async ({ deps, principal }) => ({ body: await mySubscriptions(deps, principal) }),
  'POST /api/me/subscriptions': async ({ deps, principal, req }) => ({
    body: await recordSubscriptions(deps, principal, (req.body as SubscriptionsBody).results, req.headers['idempotency-key'] ?? ''),
  }),
  'POST /api/dev/wechat-code': {
    public: async ({ deps, req }) => {
      const { openId } = req.body as { openId: string };
      const issue = deps.dev.runtime()?.wechatCode;
      if (!issue) throw new NotConfiguredError('模拟微信登录（仅本地环境可用）');
      return { body: { code: issue(openId), openId } };
    },
  },
});
