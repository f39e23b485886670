import type { Invitation } from '@whistle/shared';
import type { WechatAccounts, WechatLink } from '../ports.js';
import type { Store } from './dynamo.js';
import { indexKeys, keys } from './keys.js';
import { consentsOf, invitationItem, linkItem, markerExpiry, parseInvitation, parseLink, templatesOf } from './wechat-items.js';

/**
 * WeChat accounts on the table (docs/data-model.md "WeChat"): every guard is
 * the write's condition, so concurrent sign-ins with one invitation bind once
 * and a consent is never taken below zero.
 */
export class WechatStore implements WechatAccounts {
  constructor(private readonly store: Store) {}

  createInvitation(inv: Invitation): Promise<boolean> {
    return this.store.put(invitationItem(inv), { expression: 'attribute_not_exists(pk)' });
  }

  async invitation(code: string, consistent = false): Promise<Invitation | undefined> {
    const item = await this.store.get(keys.wechatInvitation(code), consistent);
    return item ? parseInvitation(item) : undefined;
  }

  async invitations(tenantId: string, max: number): Promise<Invitation[]> {
    const page = await this.store.queryPage({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.tenantInvitations(tenantId) },
      ScanIndexForward: false,
      Limit: max,
    });
    return page.items.map(parseInvitation);
  }

  async currentInvitation(tenantId: string, userId: string): Promise<string | undefined> {
    const item = await this.store.get(keys.wechatCurrentInvitation(tenantId, userId), true);
    return typeof item?.code === 'string' ? item.code : undefined;
  }

  moveCurrentInvitation(tenantId: string, userId: string, from: string | undefined, to: string): Promise<boolean> {
    return this.store.put(
      { ...keys.wechatCurrentInvitation(tenantId, userId), entity: 'WXINVOF', code: to },
      from === undefined ? { expression: 'attribute_not_exists(pk)' } : { expression: '#code = :from', names: { '#code': 'code' }, values: { ':from': from } },
    );
  }

  async revokeInvitation(code: string, at: string, by: string): Promise<Invitation | undefined> {
    const item = await this.store.update(keys.wechatInvitation(code), 'SET #s = :revoked, revokedAt = :at, revokedBy = :by', {
      condition: '#s = :pending',
      names: { '#s': 'status' },
      values: { ':revoked': 'revoked', ':pending': 'pending', ':at': at, ':by': by },
    });
    return item ? parseInvitation(item) : undefined;
  }

  async consumeInvitation(code: string, openId: string, at: string): Promise<Invitation | undefined> {
    const item = await this.store.update(keys.wechatInvitation(code), 'SET #s = :used, usedAt = :at, usedByOpenId = :o', {
      condition: '#s = :pending AND #u > :at',
      names: { '#s': 'status', '#u': 'until' },
      values: { ':used': 'used', ':pending': 'pending', ':at': at, ':o': openId },
    });
    return item ? parseInvitation(item) : undefined;
  }

  async releaseInvitation(code: string, openId: string): Promise<void> {
    await this.store.update(keys.wechatInvitation(code), 'SET #s = :pending REMOVE usedAt, usedByOpenId', {
      condition: '#s = :used AND usedByOpenId = :o',
      names: { '#s': 'status' },
      values: { ':used': 'used', ':pending': 'pending', ':o': openId },
      returns: 'NONE',
    });
  }

  async link(openId: string, to: WechatLink, at: string): Promise<WechatLink> {
    const written = await this.store.put(linkItem(openId, to, at), {
      expression: 'attribute_not_exists(pk) OR (tenantId = :t AND userId = :u)',
      values: { ':t': to.tenantId, ':u': to.userId },
    });
    if (written) return to;
    return parseLink(await this.store.get(keys.wechatUser(openId), true)) ?? to;
  }

  unlink(openId: string, of: WechatLink): Promise<boolean> {
    return this.store.delete(keys.wechatUser(openId), { expression: 'tenantId = :t AND userId = :u', values: { ':t': of.tenantId, ':u': of.userId } });
  }

  async templates(tenantId: string): Promise<Record<string, string>> {
    return templatesOf(await this.store.get(keys.wechatTemplates(tenantId)));
  }

  async putTemplates(tenantId: string, templates: Record<string, string>): Promise<void> {
    await this.store.put({ ...keys.wechatTemplates(tenantId), entity: 'SETTINGS', templates });
  }

  async consents(tenantId: string, userId: string): Promise<Record<string, number>> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.wechatUserPk(tenantId, userId), ':p': keys.wechatConsentPrefix },
      ConsistentRead: true,
    });
    return consentsOf(items);
  }

  async addConsents(tenantId: string, userId: string, templateIds: readonly string[], requestKey: string, nowMs: number): Promise<boolean> {
    // the request is recorded first: a retry adds nothing (a crash before the counts are added loses them, never doubles them)
    const fresh = await this.store.put(
      { ...keys.wechatConsentRequest(tenantId, userId, requestKey), entity: 'WXSUBREQ', templateIds: [...templateIds], expiresAt: markerExpiry(nowMs) },
      { expression: 'attribute_not_exists(pk)' },
    );
    if (!fresh) return false;
    await Promise.all(
      templateIds.map((templateId) =>
        this.store.update(keys.wechatConsent(tenantId, userId, templateId), 'SET entity = :e, templateId = :t ADD #c :one', {
          names: { '#c': 'count' },
          values: { ':e': 'WXSUB', ':t': templateId, ':one': 1 },
          returns: 'NONE',
        }),
      ),
    );
    return true;
  }

  async takeConsent(tenantId: string, userId: string, templateId: string, messageId: string, nowMs: number): Promise<boolean> {
    // the delivery's lease (DeliveryLog) keeps deliveries of one message to one person apart: no race on the marker
    const marker = keys.wechatConsentTaken(tenantId, messageId, userId);
    if (await this.store.get(marker, true)) return true;
    const taken = await this.store.update(keys.wechatConsent(tenantId, userId, templateId), 'ADD #c :minus', {
      condition: '#c > :zero',
      names: { '#c': 'count' },
      values: { ':minus': -1, ':zero': 0 },
      returns: 'NONE',
    });
    if (!taken) return false;
    // a crash between the two writes loses this consent (the message goes to the inbox only): never a send without one
    await this.store.put({ ...marker, entity: 'WXSUBTAKEN', templateId, expiresAt: markerExpiry(nowMs) });
    return true;
  }
}
