import { ForbiddenError, NotFoundError, RateLimitedError, type User } from '@whistle/shared';
import type { Ports } from '../ports.js';
import { enforce, type Limit } from './rate-limits.js';
import { bindByInvitation } from './wechat.js';

/** What a successful sign-in answers: a bearer token for the user. */
export interface SignedIn {
  token: string;
  expiresAt: string;
  user: User;
}

/** Signs a token for a user (the handler's token signer: keys are configuration, not a port). */
export type SignToken = (user: User) => Promise<{ token: string; expiresAt: string }>;

/**
 * Sign-in limits, per deployment (Ports.loginLimits): per source address
 * first (checked before anything else is asked of WeChat), then per user.
 * Every attempt counts, known user or not: that is what makes guessing slow.
 */
const bySource = (ports: Pick<Ports, 'loginLimits'>, sourceIp: string | undefined): Limit[] =>
  sourceIp ? [{ name: 'login-source', subject: sourceIp, rule: ports.loginLimits.perSource }] : [];
const byUser = (ports: Pick<Ports, 'loginLimits'>, subject: string): Limit => ({ name: 'login-user', subject, rule: ports.loginLimits.perUser });

async function issue(ports: Ports, sign: SignToken, tenantId: string, userId: string): Promise<SignedIn> {
  const user = await ports.refs.user(tenantId, userId);
  if (!user) throw new NotFoundError('用户');
  return { ...(await sign(user)), user };
}

/** Dev sign-in as a persona of the dev tenant (the local stack). The user counted is the persona in its tenant. */
export async function devLogin(ports: Ports, sign: SignToken, tenantId: string, userId: string, sourceIp?: string): Promise<SignedIn> {
  await enforce(ports, [...bySource(ports, sourceIp), byUser(ports, `dev:${tenantId}:${userId}`)], '登录');
  return issue(ports, sign, tenantId, userId);
}

/**
 * WeChat sign-in: code2Session gives the openid; the user counted is the
 * openid (bound or not). The per-source limit is taken before WeChat is asked.
 * With an invitation (邀请码) the openid is first bound to the invited user
 * (services/wechat.ts bindByInvitation); later sign-ins need only the code.
 */
export async function wechatLogin(ports: Ports, sign: SignToken, code: string, sourceIp?: string, invitation?: string): Promise<SignedIn> {
  const giveBackSource = await enforce(ports, bySource(ports, sourceIp), '登录');
  // a code WeChat refuses counts against the source (guessing codes is what the limit slows down)
  const { openId } = await ports.wechat.code2Session(code);
  try {
    await enforce(ports, [byUser(ports, `wx:${openId}`)], '登录');
  } catch (e) {
    // refused for this openid: the request leaves no count
    if (e instanceof RateLimitedError) await giveBackSource();
    throw e;
  }
  if (invitation) {
    const bound = await bindByInvitation(ports, openId, invitation);
    return issue(ports, sign, bound.tenantId, bound.userId);
  }
  const link = await ports.refs.findByWechat(openId);
  // an openid nobody has bound yet: the person signs in once with the invitation code their admin gave them
  if (!link) throw new ForbiddenError('该微信尚未绑定账号，请输入管理员发放的邀请码完成绑定');
  return issue(ports, sign, link.tenantId, link.userId);
}
