import * as z from 'zod/mini';
import { cleanText, Id, Instant } from '../schemas/common.js';
import type { Notification } from '../ticket/machine.js';

/**
 * WeChat, the domain's side of it: invitations that bind a person's WeChat
 * (openid) to their user, and one-time subscribe-message consents. Pure:
 * randomness and time come in as arguments.
 */

export * from './code.js';
import { INVITE_MAX_DAYS, INVITE_MAX_USERS, InvitationCode, displayInviteCode, invitePath } from './code.js';

export const INVITATION_STATUSES = ['pending', 'used', 'expired', 'revoked'] as const;
export const InvitationStatus = z.enum(INVITATION_STATUSES);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = { pending: '待使用', used: '已使用', expired: '已过期', revoked: '已作废' };

/** An invitation as stored: `status` is what was written (pending, used, revoked); expiry is read from `expiresAt`. */
export const Invitation = z.object({
  code: z.string(),
  tenantId: Id,
  userId: Id,
  /** the invited person's name, as it was when invited (the list shows it) */
  userName: z.string(),
  status: InvitationStatus,
  issuedAt: Instant,
  issuedBy: Id,
  expiresAt: Instant,
  usedAt: z.optional(Instant),
  /** the openid the invitation bound (kept so a retried sign-in with the same WeChat finds it its own) */
  usedByOpenId: z.optional(z.string()),
  revokedAt: z.optional(Instant),
  revokedBy: z.optional(Id),
});
export type Invitation = z.infer<typeof Invitation>;

/** The status a person sees: a pending invitation past its expiry is expired. */
export const invitationStatus = (inv: Pick<Invitation, 'status' | 'expiresAt'>, now: string): InvitationStatus =>
  inv.status === 'pending' && inv.expiresAt <= now ? 'expired' : inv.status;

/** Why an invitation cannot be used now, for the person typing it (undefined: it can). */
export function invitationRefusal(inv: Pick<Invitation, 'status' | 'expiresAt'> | undefined, now: string): string | undefined {
  if (!inv) return '邀请码不存在，请核对后重新输入';
  switch (invitationStatus(inv, now)) {
    case 'pending':
      return undefined;
    case 'used':
      return '邀请码已被使用，请联系管理员重新发放';
    case 'expired':
      return '邀请码已过期，请联系管理员重新发放';
    case 'revoked':
      return '邀请码已作废，请使用管理员最新发放的邀请码';
  }
}

export const expiryOf = (issuedAt: string, days: number): string => new Date(Date.parse(issuedAt) + days * 86_400_000).toISOString();

// ── API: invitations ─────────────────────────────────────────────────────────

export const IssueInvitationsBody = z.strictObject({
  userIds: z.array(Id, { error: '请选择要邀请的用户' }).check(
    z.minLength(1, { error: '请至少选择一位用户' }),
    z.maxLength(INVITE_MAX_USERS, { error: `一次最多邀请 ${INVITE_MAX_USERS} 位用户` }),
  ),
  days: z.optional(
    z.int({ error: `有效天数应为 1–${INVITE_MAX_DAYS} 的整数` }).check(
      z.minimum(1, { error: `有效天数应为 1–${INVITE_MAX_DAYS} 的整数` }),
      z.maximum(INVITE_MAX_DAYS, { error: `有效天数应为 1–${INVITE_MAX_DAYS} 的整数` }),
    ),
  ),
});
export type IssueInvitationsBody = z.infer<typeof IssueInvitationsBody>;

export const InvitationsQuery = z.strictObject({
  status: z.optional(z.enum(INVITATION_STATUSES, { error: '状态应为 pending、used、expired 或 revoked' })),
  userId: z.optional(Id),
});
export type InvitationsQuery = z.infer<typeof InvitationsQuery>;

export const InvitationCodeParam = z.strictObject({ code: InvitationCode });
export const BindingUserParam = z.strictObject({ userId: Id });

/** An invitation as the console shows it: its status now, the code to type, and the QR code's payload. */
export const InvitationView = z.object({
  code: z.string(),
  /** the code in two groups of five, for a person to read out */
  display: z.string(),
  /** the mini-program page the QR code opens (`pages/login/index?invite=CODE`) */
  path: z.string(),
  userId: Id,
  userName: z.string(),
  status: InvitationStatus,
  statusLabel: z.string(),
  issuedAt: Instant,
  issuedBy: Id,
  expiresAt: Instant,
  usedAt: z.optional(Instant),
  revokedAt: z.optional(Instant),
});
export type InvitationView = z.infer<typeof InvitationView>;

export const invitationView = (inv: Invitation, now: string): InvitationView => {
  const status = invitationStatus(inv, now);
  return {
    code: inv.code,
    display: displayInviteCode(inv.code),
    path: invitePath(inv.code),
    userId: inv.userId,
    userName: inv.userName,
    status,
    statusLabel: INVITATION_STATUS_LABELS[status],
    issuedAt: inv.issuedAt,
    issuedBy: inv.issuedBy,
    expiresAt: inv.expiresAt,
    ...(inv.usedAt ? { usedAt: inv.usedAt } : {}),
    ...(inv.revokedAt ? { revokedAt: inv.revokedAt } : {}),
  };
};

export const InvitationsResponse = z.object({ items: z.array(InvitationView) });
export const InvitationResponse = z.object({ invitation: InvitationView });
export const BindingRevokedResponse = z.object({ userId: Id, unbound: z.boolean() });

/** Dev only: a login code the local WeChat double will exchange for this test openid. */
export const DevWechatCodeBody = z.strictObject({
  openId: z.string({ error: '请填写测试 openid' }).check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'openid 只能包含字母、数字、- 和 _' })),
});
export const DevWechatCodeResponse = z.object({ code: z.string(), openId: z.string() });

// ── subscribe messages (订阅消息) ───────────────────────────────────────────

/** The events that may carry a subscribe message (the notifications' events). */
export const WECHAT_EVENTS = [
  'published', 'claimed', 'assigned', 'transferred', 'replied', 'infoRequested', 'progress', 'joint', 'leaderTook', 'resolved', 'rated', 'reopened', 'escalated', 'deskAnswered',
  'consultation', 'policyPushed',
] as const satisfies ReadonlyArray<Notification['event']>;
export type WechatEvent = (typeof WECHAT_EVENTS)[number];

/** What each event's message tells a person (the console's template settings). */
export const WECHAT_EVENT_LABELS: Readonly<Record<WechatEvent, string>> = {
  published: '新诉求待认领',
  claimed: '诉求已被认领',
  assigned: '诉求已指派',
  transferred: '诉求已转办',
  replied: '诉求有新回复',
  infoRequested: '需补充材料',
  progress: '办理进展',
  joint: '联合办理任务',
  leaderTook: '县领导领办',
  resolved: '诉求已办结',
  rated: '企业已评价',
  reopened: '诉求被重新打开',
  escalated: '督办提醒',
  deskAnswered: '在线客服答复',
  consultation: '政策咨询待答复（首问负责）',
  policyPushed: '新政策推送',
};

/** A template id as the MP console shows it (letters, digits, - and _). */
export const TemplateId = z.string({ error: '模板 ID 应为文本' }).check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '模板 ID 只能包含字母、数字、- 和 _（最多 64 位）' }));

/** A tenant's templates: event → subscribe-message template id. */
export const WechatTemplatesBody = z.strictObject({
  templates: z.partialRecord(z.enum(WECHAT_EVENTS, { error: '未知的通知事件' }), TemplateId),
});
export type WechatTemplatesBody = z.infer<typeof WechatTemplatesBody>;
export type WechatTemplates = Partial<Record<WechatEvent, string>>;

export const WechatTemplatesResponse = z.object({
  /** the tenant's own */
  templates: z.record(z.string(), z.string()),
  /** the deployment's configuration, used for an event the tenant has none for */
  defaults: z.record(z.string(), z.string()),
  /** what the notifier uses */
  effective: z.record(z.string(), z.string()),
});

/** The tenant's template for each event, falling back to the deployment's. */
export const effectiveTemplates = (tenant: Readonly<Record<string, string>>, defaults: Readonly<Record<string, string>>): Record<string, string> => ({ ...defaults, ...tenant });

/**
 * The moments the mini-program asks for consent (wx.requestSubscribeMessage
 * must follow a tap), and the events whose messages the person then expects:
 * an owner after raising a request hears of its claim, replies and its
 * resolution; an officer after claiming hears the owner's replies, the rating
 * and a reopen.
 */
export const SUBSCRIBE_MOMENTS = {
  raised: ['claimed', 'replied', 'resolved', 'infoRequested'],
  claimed: ['replied', 'rated', 'reopened', 'transferred'],
} as const satisfies Record<string, readonly WechatEvent[]>;
export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS;
/** WeChat accepts at most three templates in one request */
export const MAX_TEMPLATES_PER_REQUEST = 3;

/** The distinct templates to ask for at a moment, in the order of its events, at most three. */
export function templatesForMoment(moment: SubscribeMoment, templates: Readonly<Record<string, string>>): string[] {
  const ids: string[] = [];
  for (const e of SUBSCRIBE_MOMENTS[moment]) {
    const id = templates[e];
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids.slice(0, MAX_TEMPLATES_PER_REQUEST);
}

/**
 * What wx.requestSubscribeMessage answered, per template id: `accept` gives
 * one send; `reject`, `ban`, `filter` give none. (Its `errMsg` key is not a
 * template and is ignored.)
 */
export const SubscriptionsBody = z.strictObject({
  results: z.record(
    z.string().check(z.maxLength(64, { error: '模板 ID 过长' }), cleanText()),
    z.string({ error: '结果应为文本' }).check(z.maxLength(64, { error: '结果过长' }), cleanText()),
  ).check(z.refine((r) => Object.keys(r).length <= 20, { error: '一次最多 20 个模板' })),
});
export type SubscriptionsBody = z.infer<typeof SubscriptionsBody>;

/** The accepted templates of a wx.requestSubscribeMessage result that the tenant uses (one consent each). */
export const acceptedTemplates = (results: Readonly<Record<string, string>>, known: ReadonlySet<string>): string[] =>
  Object.entries(results).flatMap(([id, r]) => (r === 'accept' && known.has(id) ? [id] : []));

export const SubscriptionsResponse = z.object({
  /** the templates to ask for at each moment (empty: do not ask) */
  moments: z.object({ raised: z.array(z.string()), claimed: z.array(z.string()) }),
  /** sends left per template id (each accepted request gives one) */
  remaining: z.record(z.string(), z.int()),
  /** whether the caller has bound WeChat (no messages otherwise) */
  bound: z.boolean(),
});
export type SubscriptionsResponse = z.infer<typeof SubscriptionsResponse>;

// ── the data of a subscribe message ─────────────────────────────────────────

/** Characters as WeChat counts them (code points: an emoji is one). */
const chars = (s: string): string[] => Array.from(s);

/** `thing` fields: at most 20 characters (WeChat refuses more). */
export const thingValue = (s: string): string => {
  const c = chars(s.trim());
  return c.length === 0 ? '-' : c.length <= 20 ? c.join('') : `${c.slice(0, 19).join('')}…`;
};
