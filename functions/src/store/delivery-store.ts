import type { DeliveryLog } from '../ports.js';
import type { Store } from './dynamo.js';
import { keys } from './keys.js';

/** delivery markers outlive any redelivery (SQS keeps a message 4 days at most) */
const MARKER_KEEP_SECONDS = 14 * 24 * 3600;

/**
 * WeChat delivery markers, one per (outbox message, user): the guard that
 * makes a subscribe message go out once however often its record is
 * delivered. Times are wall-clock milliseconds (the lease is about processes,
 * not the settable domain clock).
 */
export class DeliveryStore implements DeliveryLog {
  constructor(private readonly store: Store) {}

  async take(tenantId: string, messageId: string, userId: string, nowMs: number, leaseMs: number): Promise<'taken' | 'sent' | 'busy'> {
    const key = keys.wechatDelivery(tenantId, messageId, userId);
    const taken = await this.store.put(
      { ...key, entity: 'WXSEND', state: 'sending', until: nowMs + leaseMs, expiresAt: Math.floor(nowMs / 1000) + MARKER_KEEP_SECONDS },
      { expression: 'attribute_not_exists(pk) OR #s = :released OR (#s = :sending AND #u < :now)', names: { '#s': 'state', '#u': 'until' }, values: { ':sending': 'sending', ':released': 'released', ':now': nowMs } },
    );
    if (taken) return 'taken';
    const marker = await this.store.get(key, true);
    return marker?.state === 'sent' ? 'sent' : 'busy';
  }

  async sent(tenantId: string, messageId: string, userId: string): Promise<void> {
    await this.store.update(keys.wechatDelivery(tenantId, messageId, userId), 'SET #s = :sent REMOVE #u', {
      names: { '#s': 'state', '#u': 'until' },
      values: { ':sent': 'sent' },
      returns: 'NONE',
    });
  }

  async release(tenantId: string, messageId: string, userId: string, leaseUntil: number): Promise<void> {
    // only the lease this delivery holds: one that ran out and was taken over (and perhaps sent) stays
    await this.store.update(keys.wechatDelivery(tenantId, messageId, userId), 'REMOVE #u SET #s = :released', {
      condition: '#s = :sending AND #u = :until',
      names: { '#s': 'state', '#u': 'until' },
      values: { ':sending': 'sending', ':until': leaseUntil, ':released': 'released' },
      returns: 'NONE',
    });
  }
}
