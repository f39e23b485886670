import type { Invitation } from '@whistle/shared';
import type { WechatAccounts, WechatLink } from '../../../functions/src/ports.js';
import { indexKeys, keys } from '../../../functions/src/store/keys.js';
import { consentsOf, invitationItem, linkItem, markerExpiry, parseInvitation, parseLink, templatesOf } from '../../../functions/src/store/wechat-items.js';
import { roundTrip, type MemoryTable } from './table.js';

/** WeChat accounts in memory (functions/src/store/wechat-store.ts): the same items, each guard checked in its write. */
export class MemoryWechatAccounts implements WechatAccounts {
  constructor(private readonly table: MemoryTable) {}

  async createInvitation(inv: Invitation): Promise<boolean> {
    await roundTrip();
    return this.table.put(invitationItem(inv), (current) => current === undefined);
  }

  async invitation(code: string): Promise<Invitation | undefined> {
    await roundTrip();
    const item = this.table.get(keys.wechatInvitation(code));
    return item ? parseInvitation(item) : undefined;
  }

  async invitations(tenantId: string, max: number): Promise<Invitation[]> {
    await roundTrip();
    return this.table.query({ index: 'gsi1', pk: indexKeys.tenantInvitations(tenantId), forward: false, limit: max }).items.map(parseInvitation);
  }

  async currentInvitation(tenantId: string, userId: string): Promise<string | undefined> {
    await roundTrip();
    const item = this.table.get(keys.wechatCurrentInvitation(tenantId, userId));
    return typeof item?.code === 'string' ? item.code : undefined;
  }

  async moveCurrentInvitation(tenantId: string, userId: string, from: string | undefined, to: string): Promise<boolean> {
    await roundTrip();
    return this.table.put({ ...keys.wechatCurrentInvitation(tenantId, userId), entity: 'WXINVOF', code: to }, (current) =>
      from === undefined ? current === undefined : current?.code === from,
    );
  }

  async revokeInvitation(code: string, at: string, by: string): Promise<Invitation | undefined> {
    await roundTrip();
    const item = this.table.update(keys.wechatInvitation(code), (c) => (c?.status === 'pending' ? { ...c, status: 'revoked', revokedAt: at, revokedBy: by } : undefined));
    return item ? parseInvitation(item) : undefined;
  }

  async consumeInvitation(code: string, openId: string, at: string): Promise<Invitation | undefined> {
    await roundTrip();
    const item = this.table.update(keys.wechatInvitation(code), (c) =>
      c?.status === 'pending' && String(c.until) > at ? { ...c, status: 'used', usedAt: at, usedByOpenId: openId } : undefined,
    );
    return item ? parseInvitation(item) : undefined;
  }

  async releaseInvitation(code: string, openId: string): Promise<void> {
    await roundTrip();
    this.table.update(keys.wechatInvitation(code), (c) => {
      if (c?.status !== 'used' || c.usedByOpenId !== openId) return undefined;
      const { usedAt: _a, usedByOpenId: _o, ...rest } = c;
      return { ...rest, status: 'pending' };
    });
  }

  async link(openId: string, to: WechatLink, at: string): Promise<WechatLink> {
    await roundTrip();
    const written = this.table.put(linkItem(openId, to, at), (c) => c === undefined || (c.tenantId === to.tenantId && c.userId === to.userId));
    return written ? to : (parseLink(this.table.get(keys.wechatUser(openId))) ?? to);
  }

  async unlink(openId: string, of: WechatLink): Promise<boolean> {
    await roundTrip();
    const c = this.table.get(keys.wechatUser(openId));
    if (c?.tenantId !== of.tenantId || c.userId !== of.userId) return false;
    this.table.delete(keys.wechatUser(openId));
    return true;
  }

  async templates(tenantId: string): Promise<Record<string, string>> {
    await roundTrip();
    return templatesOf(this.table.get(keys.wechatTemplates(tenantId)));
  }

  async putTemplates(tenantId: string, templates: Record<string, string>): Promise<void> {
    await roundTrip();
    this.table.put({ ...keys.wechatTemplates(tenantId), entity: 'SETTINGS', templates });
  }

  async consents(tenantId: string, userId: string): Promise<Record<string, number>> {
    await roundTrip();
    return consentsOf(this.table.queryAll({ pk: keys.wechatUserPk(tenantId, userId), range: (sk) => sk.startsWith(keys.wechatConsentPrefix) }));
  }

  async addConsents(tenantId: string, userId: string, templateIds: readonly string[], requestKey: string, nowMs: number): Promise<boolean> {
    await roundTrip();
    const fresh = this.table.put(
      { ...keys.wechatConsentRequest(tenantId, userId, requestKey), entity: 'WXSUBREQ', templateIds: [...templateIds], expiresAt: markerExpiry(nowMs) },
      (c) => c === undefined,
    );
    if (!fresh) return false;
    for (const templateId of templateIds) {
      await roundTrip();
      const key = keys.wechatConsent(tenantId, userId, templateId);
      this.table.update(key, (c) => ({ ...key, entity: 'WXSUB', templateId, count: Number(c?.count ?? 0) + 1 }));
    }
    return true;
  }

  async takeConsent(tenantId: string, userId: string, templateId: string, messageId: string, nowMs: number): Promise<boolean> {
    const marker = keys.wechatConsentTaken(tenantId, messageId, userId);
    await roundTrip();
    if (this.table.get(marker)) return true;
    await roundTrip();
    const taken = this.table.update(keys.wechatConsent(tenantId, userId, templateId), (c) => (c && Number(c.count) > 0 ? { ...c, count: Number(c.count) - 1 } : undefined));
    if (!taken) return false;
    await roundTrip();
    this.table.put({ ...marker, entity: 'WXSUBTAKEN', templateId, expiresAt: markerExpiry(nowMs) });
    return true;
  }
}
