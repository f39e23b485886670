import { describe, expect, it } from 'vitest';
import { deliver } from '../../../functions/src/services/notify.js';
import { kit } from './kit.js';

/** The notifier's delivery: inbox items once, a WeChat message once per event and person, a failed send retried. */
describe('deliver', () => {
  it('sends each bound person one WeChat message however often the message comes, and retries a failed send', async () => {
    const k = await kit();
    const officer = await k.ports.refs.user(k.tenantId, 'officer-dgjd');
    if (!officer) throw new Error('demo user missing');
    await k.ports.refs.put('USER', { ...officer, wechatOpenId: 'o-dgjd' });
    k.ports.wechatTemplates = { published: 'tmpl-pub' };
    // two one-time consents: the retries below spend one
    await k.ports.wechatAccounts.addConsents(k.tenantId, 'officer-dgjd', ['tmpl-pub', 'tmpl-pub'], 'consent-1', Date.now());
    await k.ports.wechatAccounts.addConsents(k.tenantId, 'officer-dgjd', ['tmpl-pub'], 'consent-2', Date.now());
    await k.raise();
    const msg = k.ports.queue.outbox.find((m) => m.event === 'published');
    if (!msg) throw new Error('no published message');

    // the first send fails: the delivery fails as a whole, and nothing is recorded as sent
    const send = k.ports.wechat.sendSubscribeMessage.bind(k.ports.wechat);
    let failures = 1;
    k.ports.wechat.sendSubscribeMessage = async (...args) => {
      if (failures-- > 0) throw new Error('WeChat 45009: reached the daily limit');
      return send(...args);
    };
    await expect(deliver(k.ports, msg)).rejects.toThrow(/45009/);
    expect(k.ports.wechat.sent).toEqual([]);

    // redelivered three times, two of them at once: one message goes out
    await deliver(k.ports, msg);
    await Promise.all([deliver(k.ports, msg), deliver(k.ports, msg)].map((p) => p.catch(() => undefined)));
    expect(k.ports.wechat.sent.map((s) => [s.openId, s.templateId])).toEqual([['o-dgjd', 'tmpl-pub']]);
    const items = (await k.ports.inbox.list(k.tenantId, 'officer-dgjd')).filter((i) => i.id.startsWith(msg.id));
    expect(items).toHaveLength(1);
    expect(await k.ports.wechatAccounts.consents(k.tenantId, 'officer-dgjd')).toEqual({ 'tmpl-pub': 2 });
  });
});
