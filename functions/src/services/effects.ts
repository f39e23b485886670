import type { Ports, StoredTicket } from '../ports.js';

/**
 * Finishes a commit: its timeline and index rows are written and its outbox
 * is sent through the queue (the repository never publishes), then the
 * effects are cleared. Idempotent: whoever finds a ticket with effects still
 * pending (a reader, the next command, the sweep) finishes them the same way,
 * and the outbox messages carry stable ids, so a re-send is recognised.
 */
export async function finishEffects(ports: Pick<Ports, 'tickets' | 'queue'>, stored: StoredTicket): Promise<void> {
  const messages = stored.pending?.notifications ?? [];
  await Promise.all([ports.tickets.applyEffects(stored), messages.length > 0 ? ports.queue.sendOutbox(messages) : undefined]);
  await ports.tickets.settle(stored);
}
