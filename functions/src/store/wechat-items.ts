import { Invitation } from '@whistle/shared';
import { stripKeys, type Item } from './dynamo.js';
import { indexKeys, keys } from './keys.js';
import type { WechatLink } from '../ports.js';

/**
 * WeChat items as stored (shared by store/wechat-store.ts and its in-memory
 * twin). An invitation's expiry is stored as `until`: `expiresAt` is the
 * table's TTL attribute (epoch seconds), and an invitation is kept after it
 * expires (the list shows it as expired).
 */
export const invitationItem = (inv: Invitation): Item & { pk: string; sk: string } => {
  const { expiresAt, ...rest } = inv;
  return {
    ...keys.wechatInvitation(inv.code),
    entity: 'WXINV',
    gsi1pk: indexKeys.tenantInvitations(inv.tenantId),
    gsi1sk: `${inv.issuedAt}#${inv.code}`,
    ...rest,
    until: expiresAt,
  };
};

export const parseInvitation = (item: Item): Invitation => {
  const { until, ...rest } = stripKeys(item);
  return Invitation.parse({ ...rest, expiresAt: until });
};

export const linkItem = (openId: string, to: WechatLink, at: string) => ({ ...keys.wechatUser(openId), entity: 'WX', tenantId: to.tenantId, userId: to.userId, boundAt: at });

export const parseLink = (item: Item | undefined): WechatLink | undefined =>
  item && typeof item.tenantId === 'string' && typeof item.userId === 'string' ? { tenantId: item.tenantId, userId: item.userId } : undefined;

/** consent requests seen and consents taken are kept long enough for any retry or redelivery (SQS: 4 days at most) */
export const WECHAT_MARKER_KEEP_SECONDS = 14 * 24 * 3600;
export const markerExpiry = (nowMs: number): number => Math.floor(nowMs / 1000) + WECHAT_MARKER_KEEP_SECONDS;

/** a user's consent items → remaining count per template (those above zero) */
export const consentsOf = (items: readonly Item[]): Record<string, number> =>
  Object.fromEntries(items.flatMap((i) => (typeof i.templateId === 'string' && Number(i.count) > 0 ? [[i.templateId, Number(i.count)]] : [])));

export const templatesOf = (item: Item | undefined): Record<string, string> => {
  const t = item?.templates;
  if (!t || typeof t !== 'object') return {};
  return Object.fromEntries(Object.entries(t as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
};
