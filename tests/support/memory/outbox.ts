import type { OutboxMessage, OutboxPort } from '../../../functions/src/ports.js';
import { indexKeys, keys } from '../../../functions/src/store/keys.js';
import { roundTrip, type MemoryTable } from './table.js';

/** The durable outbox's records in memory (functions/src/store/outbox-store.ts). */
export class MemoryOutbox implements OutboxPort {
  constructor(private readonly table: MemoryTable) {}

  private keyOf(m: OutboxMessage) {
    // a policy's push is owed on the policy item (the push clears it)
    if (m.policyId) return keys.policy(m.tenantId, m.policyId);
    return keys.outboxRecord(m.tenantId, m.ticketId ?? '', m.id);
  }

  async delivered(messages: readonly OutboxMessage[]): Promise<void> {
    await roundTrip();
    for (const m of messages) if (!m.policyId) this.table.delete(this.keyOf(m));
  }

  async retry(message: OutboxMessage, readDueSk: string, nextAt: string, attempts: number): Promise<boolean> {
    await roundTrip();
    const out = this.table.update(this.keyOf(message), (current) =>
      current && current.dueSk === readDueSk ? { ...current, dueSk: indexKeys.dueSk(nextAt, message.ticketId ?? message.policyId ?? ''), attempts } : undefined,
    );
    return out !== undefined;
  }

  async park(message: OutboxMessage, readDueSk: string, at: string, reason: string): Promise<boolean> {
    await roundTrip();
    const out = this.table.update(this.keyOf(message), (current) => {
      if (!current || current.dueSk !== readDueSk) return undefined;
      const { duePk: _p, dueSk: _s, ...rest } = current;
      return { ...rest, parkedAt: at, parkedReason: reason };
    });
    return out !== undefined;
  }

  /** records still waiting for delivery (for tests) */
  pending(): OutboxMessage[] {
    return this.table.dump().filter((i) => i.entity === 'OUTBOX' && i.duePk !== undefined).map((i) => i.message as OutboxMessage);
  }
}
