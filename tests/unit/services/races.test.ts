import { actorOf, effectsOf, type Ticket } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { WechatRecipientRefused, type OutboxMessage } from '../../../functions/src/ports.js';
import { finishEffects } from '../../../functions/src/services/effects.js';
import { deliverAll } from '../../../functions/src/services/notify.js';
import { claim, issueCommand } from '../../../functions/src/services/tickets.js';
import { keys } from '../../../functions/src/store/keys.js';
import { EVENING, failure, KEY_OWNER, kit } from './kit.js';

/** Races and failures found in review: each test fails without its fix. */
describe('late finishers, failed winners, duplicate and refused deliveries', () => {
  it('a finisher of an older commit that lands after a newer one does not bring back index rows the newer one removed', async () => {
    const k = await kit(EVENING);
    const t = await k.raise(KEY_OWNER);
    expect(k.ports.table.get(keys.deskEntry(k.tenantId, t.id))).toBeDefined();
    // the desk answers: the DESK entry goes
    await issueCommand(k.ports, await k.as('agent-1'), t.id, { type: 'deskAnswer', text: '政策已在线答复' });
    expect(k.ports.table.get(keys.deskEntry(k.tenantId, t.id))).toBeUndefined();
    // a reader that read version 1 with its effects still pending wakes up now and finishes them
    const stale: Ticket = { ...t };
    await finishEffects(k.ports, { ticket: stale, pending: effectsOf(stale, actorOf(await k.as(KEY_OWNER)), [], []) });
    expect(k.ports.table.get(keys.deskEntry(k.tenantId, t.id))).toBeUndefined();
    expect((await k.ports.tickets.deskQueue(k.tenantId)).items).toEqual([]);
  });

  it('a claimer that fails after winning the lock gives it back at once: the next claimer wins, not a 409 naming it', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    // effects left pending by an earlier commit, and the store fails while the winner finishes them first
    const read = await k.ports.tickets.get(k.tenantId, t.id);
    if (!read) throw new Error('no ticket');
    const next = { ...read.ticket, version: 2, updatedAt: k.ports.clock.iso() };
    expect(await k.ports.tickets.commit(read, next, effectsOf(next, actorOf(await k.as(KEY_OWNER)), [], []))).toBe(true);
    k.ports.tickets.failApplyNext(1);
    const jxw = await k.as('officer-jxw');
    await failure(() => claim(k.ports, jxw, t.id));
    const won = await claim(k.ports, await k.as('officer-fgw'), t.id);
    expect(won.handlingUnitId).toBe('fgw');
  });

  it('the same message twice in one batch is delivered once, without failing the batch', async () => {
    const k = await kit();
    await k.raise(KEY_OWNER);
    const msg = k.ports.queue.outbox.find((m) => m.event === 'published') as OutboxMessage;
    const other = { ...msg, id: `${msg.id}-other` };
    const outcome = await deliverAll(k.ports, [msg, other, msg]);
    expect([...outcome.values()]).toEqual([undefined, undefined]);
    const items = await k.ports.inbox.list(k.tenantId, 'grid-g01');
    expect(items.filter((i) => i.id.startsWith(`${msg.id}:`))).toHaveLength(1);
  });

  it('a recipient WeChat refuses for good does not fail the message: the inbox has it, the send is not retried', async () => {
    const k = await kit();
    const officer = await k.ports.refs.user(k.tenantId, 'officer-dgjd');
    if (!officer) throw new Error('demo user missing');
    await k.ports.refs.put('USER', { ...officer, wechatOpenId: 'o-gone' });
    k.ports.wechatTemplates = { published: 'tmpl-pub' };
    // one one-time consent to the template: without it nothing is sent at all
    await k.ports.wechatAccounts.addConsents(k.tenantId, 'officer-dgjd', ['tmpl-pub'], 'consent-1', Date.now());
    await k.raise(KEY_OWNER);
    const msg = k.ports.queue.outbox.find((m) => m.event === 'published') as OutboxMessage;
    let sends = 0;
    k.ports.wechat.sendSubscribeMessage = async () => {
      sends++;
      throw new WechatRecipientRefused(40003, 'invalid openid');
    };
    expect((await deliverAll(k.ports, [msg])).get(msg.id)).toBeUndefined();
    expect((await deliverAll(k.ports, [msg])).get(msg.id)).toBeUndefined();
    expect(sends).toBe(1);
    expect((await k.ports.inbox.list(k.tenantId, 'officer-dgjd')).some((i) => i.id === `${msg.id}:officer-dgjd`)).toBe(true);
  });
});
