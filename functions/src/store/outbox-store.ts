import type { OutboxMessage, OutboxPort } from '../ports.js';
import type { Store } from './dynamo.js';
import { indexKeys, keys } from './keys.js';

/**
 * The durable outbox's records (written with a commit's effects by
 * TicketStore.applyEffects). A policy's push is owed on the policy item itself
 * (store/policy-items.ts): the sweep moves or parks it there like any record,
 * and the push, not the notifier, clears it when done.
 */
export class OutboxStore implements OutboxPort {
  constructor(private readonly store: Store) {}

  private keyOf(message: OutboxMessage) {
    if (message.policyId) return keys.policy(message.tenantId, message.policyId);
    return keys.outboxRecord(message.tenantId, message.ticketId ?? '', message.id);
  }

  async delivered(messages: readonly OutboxMessage[]): Promise<void> {
    await this.store.batchWrite([], messages.filter((m) => m.ticketId && !m.policyId).map((m) => this.keyOf(m)));
  }

  async retry(message: OutboxMessage, readDueSk: string, nextAt: string, attempts: number): Promise<boolean> {
    const out = await this.store.update(this.keyOf(message), 'SET dueSk = :next, attempts = :n', {
      condition: 'dueSk = :read',
      values: { ':read': readDueSk, ':next': indexKeys.dueSk(nextAt, message.ticketId ?? message.policyId ?? ''), ':n': attempts },
      returns: 'NONE',
    });
    return out !== undefined;
  }

  async park(message: OutboxMessage, readDueSk: string, at: string, reason: string): Promise<boolean> {
    const out = await this.store.update(this.keyOf(message), 'SET parkedAt = :at, parkedReason = :why REMOVE duePk, dueSk', {
      condition: 'dueSk = :read',
      values: { ':read': readDueSk, ':at': at, ':why': reason.slice(0, 500) },
      returns: 'NONE',
    });
    return out !== undefined;
  }
}
