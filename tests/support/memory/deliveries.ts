import type { DeliveryLog } from '../../../functions/src/ports.js';
import { keys } from '../../../functions/src/store/keys.js';
import { roundTrip, type MemoryTable } from './table.js';

/** WeChat delivery markers in memory (functions/src/store/delivery-store.ts): taken with a lease, then sent, or given back. */
export class MemoryDeliveries implements DeliveryLog {
  constructor(private readonly table: MemoryTable) {}

  async take(tenantId: string, messageId: string, userId: string, nowMs: number, leaseMs: number): Promise<'taken' | 'sent' | 'busy'> {
    const key = keys.wechatDelivery(tenantId, messageId, userId);
    await roundTrip();
    const taken = this.table.put(
      { ...key, entity: 'WXSEND', state: 'sending', until: nowMs + leaseMs },
      (current) => current === undefined || current.state === 'released' || (current.state === 'sending' && Number(current.until) < nowMs),
    );
    if (taken) return 'taken';
    return this.table.get(key)?.state === 'sent' ? 'sent' : 'busy';
  }

  async sent(tenantId: string, messageId: string, userId: string): Promise<void> {
    await roundTrip();
    const key = keys.wechatDelivery(tenantId, messageId, userId);
    this.table.put({ ...key, entity: 'WXSEND', state: 'sent' });
  }

  async release(tenantId: string, messageId: string, userId: string, leaseUntil: number): Promise<void> {
    await roundTrip();
    this.table.update(keys.wechatDelivery(tenantId, messageId, userId), (current) =>
      current && current.state === 'sending' && current.until === leaseUntil ? { ...current, state: 'released', until: undefined } : undefined,
    );
  }
}
