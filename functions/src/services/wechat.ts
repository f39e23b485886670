import {
  acceptedTemplates,
  ConflictError,
  effectiveTemplates,
  expiryOf,
  ForbiddenError,
  hasRole,
  INVITE_DEFAULT_DAYS,
  inviteCodeFrom,
  invitationRefusal,
  invitationStatus,
  invitationView,
  NotFoundError,
  templatesForMoment,
  ValidationError,
  type AuditEntry,
  type Invitation,
  type InvitationsQuery,
  type InvitationView,
  type IssueInvitationsBody,
  type Principal,
  type SubscriptionsResponse,
  type User,
} from '@whistle/shared';
import type { Ports, WechatLink } from '../ports.js';
import { eachLimited } from './each-limited.js';

/**
 * WeChat accounts: an admin invites people (one-time codes that expire),
 * a person binds their WeChat by signing in with one, an admin unbinds;
 * people give one-time consents to subscribe messages; a tenant sets its
 * templates. Every invite, bind, unbind and revoke is in the audit trail.
 */

const mayAdminister = (p: Principal) => {
  if (!hasRole(p, 'admin')) throw new ForbiddenError('只有管理员可以管理微信绑定和邀请码');
};

/** how many invitations the list reads at most (newest first) */
const LIST_MAX = 500;

const nowIso = (ports: Pick<Ports, 'clock'>) => ports.clock.now().toISOString();

/** a short random id part for audit entries that have no natural key */
const nonce = () => Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('');

/** an openid shown in the audit trail: enough to tell two apart, not the whole identifier */
const maskOpenId = (openId: string) => `${openId.slice(0, 6)}…`;

/** A fresh code from the platform's crypto random source (rejection sampling may need a second draw). */
function newCode(): string {
  for (;;) {
    const code = inviteCodeFrom(crypto.getRandomValues(new Uint8Array(32)));
    if (code) return code;
  }
}

const audit = (ports: Ports, e: Omit<AuditEntry, 'at'> & { at?: string }) => ports.audit.record({ ...e, at: e.at ?? nowIso(ports) });

// ── invitations ─────────────────────────────────────────────────────────────

/** One user's invitation: a new code, the user's latest from now on; a pending one before it is revoked. */
async function issueOne(ports: Ports, p: Principal, user: User, days: number): Promise<Invitation> {
  const at = nowIso(ports);
  let inv: Invitation | undefined;
  // a code taken already (about one chance in 10^14) draws again
  for (let attempt = 0; !inv && attempt < 5; attempt++) {
    const candidate: Invitation = { code: newCode(), tenantId: p.tenantId, userId: user.id, userName: user.name, status: 'pending', issuedAt: at, issuedBy: p.userId, expiresAt: expiryOf(at, days) };
    if (await ports.wechatAccounts.createInvitation(candidate)) inv = candidate;
  }
  if (!inv) throw new Error('no free invitation code after 5 draws');
  await audit(ports, {
    id: `invite-${inv.code}`,
    tenantId: p.tenantId,
    at,
    actor: { userId: p.userId, name: p.name },
    action: 'invite',
    target: 'INVITATION',
    targetId: inv.code,
    after: { userId: user.id, expiresAt: inv.expiresAt },
    summary: `向「${user.name}」发出微信绑定邀请（${days} 天内有效）`,
  });
  // the user's latest invitation moves to this one (conditional on the one read: concurrent issues queue up)
  for (;;) {
    const previous = await ports.wechatAccounts.currentInvitation(p.tenantId, user.id);
    if (!(await ports.wechatAccounts.moveCurrentInvitation(p.tenantId, user.id, previous, inv.code))) continue;
    if (previous && previous !== inv.code) {
      const revoked = await ports.wechatAccounts.revokeInvitation(previous, at, p.userId);
      if (revoked) {
        await audit(ports, {
          id: `revoke-${previous}`,
          tenantId: p.tenantId,
          at,
          actor: { userId: p.userId, name: p.name },
          action: 'revoke',
          target: 'INVITATION',
          targetId: previous,
          before: { status: 'pending' },
          after: { status: 'revoked', replacedBy: inv.code },
          summary: `「${user.name}」的旧邀请码因重新发放而作废`,
        });
      }
    }
    return inv;
  }
}

export async function issueInvitations(ports: Ports, p: Principal, body: IssueInvitationsBody): Promise<InvitationView[]> {
  mayAdminister(p);
  const ids = [...new Set(body.userIds)];
  const users = await Promise.all(ids.map((id) => ports.refs.user(p.tenantId, id)));
  const missing = users.flatMap((u, i) => (u ? [] : [{ field: `userIds.${body.userIds.indexOf(ids[i] ?? '')}`, message: `用户 ${ids[i] ?? ''} 不存在` }]));
  if (missing.length > 0) throw new ValidationError(missing);
  const issued: Invitation[] = [];
  await eachLimited(users as User[], 8, async (u) => {
    issued.push(await issueOne(ports, p, u, body.days ?? INVITE_DEFAULT_DAYS));
  });
  const now = nowIso(ports);
  // in the order asked
  return ids.flatMap((id) => issued.filter((i) => i.userId === id)).map((i) => invitationView(i, now));
}

export async function listInvitations(ports: Ports, p: Principal, q: InvitationsQuery): Promise<InvitationView[]> {
  mayAdminister(p);
  const now = nowIso(ports);
  return (await ports.wechatAccounts.invitations(p.tenantId, LIST_MAX))
    .map((i) => invitationView(i, now))
    .filter((v) => (!q.status || v.status === q.status) && (!q.userId || v.userId === q.userId));
}

export async function revokeInvitation(ports: Ports, p: Principal, code: string): Promise<InvitationView> {
  mayAdminister(p);
  const now = nowIso(ports);
  const inv = await ports.wechatAccounts.invitation(code, true);
  // another tenant's code is not there
  if (!inv || inv.tenantId !== p.tenantId) throw new NotFoundError('邀请码');
  const refused = invitationStatus(inv, now) !== 'pending';
  const revoked = refused ? undefined : await ports.wechatAccounts.revokeInvitation(code, now, p.userId);
  if (!revoked) {
    const status = invitationStatus((await ports.wechatAccounts.invitation(code, true)) ?? inv, now);
    throw new ConflictError(`邀请码${status === 'used' ? '已被使用' : status === 'expired' ? '已过期' : '已作废'}，无需作废`, { status });
  }
  await audit(ports, {
    id: `revoke-${code}`,
    tenantId: p.tenantId,
    at: now,
    actor: { userId: p.userId, name: p.name },
    action: 'revoke',
    target: 'INVITATION',
    targetId: code,
    before: { status: 'pending' },
    after: { status: 'revoked' },
    summary: `作废「${inv.userName}」的微信绑定邀请码`,
  });
  return invitationView(revoked, now);
}

// ── binding ─────────────────────────────────────────────────────────────────

const invitationIssue = (message: string) => new ValidationError([{ field: 'invitation', message }]);

/**
 * Binds the openid to the invited user, consuming the invitation (one
 * conditional write: of any number of sign-ins racing with one code, one
 * binds). A retry of the same sign-in finds the invitation its own. An
 * openid bound to someone else is refused (409) and the invitation given
 * back; a user bound to another WeChat is re-bound: the invitation is how an
 * admin moves a person to a new phone, and the old openid's link goes.
 */
export async function bindByInvitation(ports: Ports, openId: string, code: string): Promise<WechatLink> {
  const at = nowIso(ports);
  let inv = await ports.wechatAccounts.consumeInvitation(code, openId, at);
  if (!inv) {
    const there = await ports.wechatAccounts.invitation(code, true);
    if (there?.status === 'used' && there.usedByOpenId === openId) inv = there;
    else throw invitationIssue(invitationRefusal(there, at) ?? '邀请码无法使用，请联系管理员');
  }
  const to: WechatLink = { tenantId: inv.tenantId, userId: inv.userId };
  const user = await ports.refs.user(to.tenantId, to.userId);
  if (!user) {
    await ports.wechatAccounts.releaseInvitation(code, openId);
    throw invitationIssue('邀请的账号已不存在，请联系管理员');
  }
  const holder = await ports.wechatAccounts.link(openId, to, at);
  if (holder.tenantId !== to.tenantId || holder.userId !== to.userId) {
    await ports.wechatAccounts.releaseInvitation(code, openId);
    throw new ConflictError('该微信已绑定其他账号，请联系管理员解除原绑定后再使用邀请码');
  }
  const previous = user.wechatOpenId;
  if (previous === openId) return to;
  // re-bound: the old WeChat signs in no more
  if (previous) await ports.wechatAccounts.unlink(previous, to);
  await ports.refs.setWechatOpenId(to.tenantId, to.userId, openId);
  await audit(ports, {
    id: `bind-${code}`,
    tenantId: to.tenantId,
    at,
    actor: { userId: user.id, name: user.name, tenantId: to.tenantId },
    action: 'bind',
    target: 'BINDING',
    targetId: user.id,
    ...(previous ? { before: { openId: maskOpenId(previous) } } : {}),
    after: { openId: maskOpenId(openId), invitation: code },
    summary: previous ? `「${user.name}」用邀请码换绑了微信` : `「${user.name}」用邀请码绑定了微信`,
  });
  return to;
}

/** An admin unbinds a user's WeChat: the openid's link and the user's openid go; its next sign-in is 403. */
export async function unbindUser(ports: Ports, p: Principal, userId: string): Promise<{ userId: string; unbound: boolean }> {
  mayAdminister(p);
  const user = await ports.refs.user(p.tenantId, userId);
  if (!user) throw new NotFoundError('用户');
  const openId = user.wechatOpenId;
  if (!openId) return { userId, unbound: false };
  await ports.wechatAccounts.unlink(openId, { tenantId: p.tenantId, userId });
  await ports.refs.setWechatOpenId(p.tenantId, userId, undefined);
  const at = nowIso(ports);
  await audit(ports, {
    id: `unbind-${Date.parse(at)}-${nonce()}`,
    tenantId: p.tenantId,
    at,
    actor: { userId: p.userId, name: p.name },
    action: 'unbind',
    target: 'BINDING',
    targetId: userId,
    before: { openId: maskOpenId(openId) },
    summary: `解除「${user.name}」的微信绑定`,
  });
  return { userId, unbound: true };
}

// ── templates and consents ──────────────────────────────────────────────────

/** The templates the notifier uses for a tenant: its own, else the deployment's. */
export async function tenantTemplates(ports: Pick<Ports, 'wechatAccounts' | 'wechatTemplates'>, tenantId: string): Promise<Record<string, string>> {
  return effectiveTemplates(await ports.wechatAccounts.templates(tenantId), ports.wechatTemplates);
}

export async function getTemplates(ports: Ports, p: Principal) {
  mayAdminister(p);
  const templates = await ports.wechatAccounts.templates(p.tenantId);
  return { templates, defaults: { ...ports.wechatTemplates }, effective: effectiveTemplates(templates, ports.wechatTemplates) };
}

export async function putTemplates(ports: Ports, p: Principal, templates: Record<string, string>) {
  mayAdminister(p);
  const before = await ports.wechatAccounts.templates(p.tenantId);
  await ports.wechatAccounts.putTemplates(p.tenantId, templates);
  const at = nowIso(ports);
  await audit(ports, {
    id: `wxtpl-${Date.parse(at)}-${nonce()}`,
    tenantId: p.tenantId,
    at,
    actor: { userId: p.userId, name: p.name },
    action: 'update',
    target: 'SETTINGS',
    targetId: 'WECHAT_TEMPLATES',
    before,
    after: templates,
    summary: '修改微信订阅消息模板',
  });
  return { templates, defaults: { ...ports.wechatTemplates }, effective: effectiveTemplates(templates, ports.wechatTemplates) };
}

export async function mySubscriptions(ports: Ports, p: Principal): Promise<SubscriptionsResponse> {
  const [templates, remaining, user] = await Promise.all([tenantTemplates(ports, p.tenantId), ports.wechatAccounts.consents(p.tenantId, p.userId), ports.refs.user(p.tenantId, p.userId)]);
  return {
    moments: { raised: templatesForMoment('raised', templates), claimed: templatesForMoment('claimed', templates) },
    remaining,
    bound: Boolean(user?.wechatOpenId),
  };
}

/** What wx.requestSubscribeMessage answered: one consent per accepted template the tenant uses, once per Idempotency-Key. */
export async function recordSubscriptions(ports: Ports, p: Principal, results: Record<string, string>, requestKey: string): Promise<SubscriptionsResponse> {
  const templates = await tenantTemplates(ports, p.tenantId);
  const accepted = acceptedTemplates(results, new Set(Object.values(templates)));
  if (accepted.length > 0) await ports.wechatAccounts.addConsents(p.tenantId, p.userId, accepted, requestKey, Date.now());
  return mySubscriptions(ports, p);
}
