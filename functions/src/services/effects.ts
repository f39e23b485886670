import type { OutboxMessage, Ports, StoredTicket } from '../ports.js';

/**
 * Finishes a commit: its timeline entries, index rows and outbox records are
 * written (from here on its messages are durable: the sweep sends again any
 * the notifier has not delivered), then the effects are cleared while the
 * messages go to the queue (the repository never publishes). Idempotent:
 * whoever finds effects still pending — a reader, the next command, the sweep
 * — finishes them the same way, and the messages carry stable ids, so a
 * re-send is recognised. A queue that refuses a message never blocks the
 * ticket: the failure is logged and the sweep sends it again (and parks it
 * if it keeps failing).
 */
export async function finishEffects(ports: Pick<Ports, 'tickets' | 'queue' | 'logger' | 'metrics'>, stored: StoredTicket, depth = 0): Promise<void> {
  await ports.tickets.applyEffects(stored);
  const messages = stored.pending?.notifications ?? [];
  const [settled] = await Promise.all([ports.tickets.settle(stored), messages.length > 0 ? publish(ports, messages) : undefined]);
  // a newer commit came while these effects were being applied: their index rows (a desk entry, a feed
  // position) may have landed over the newer ones; write the current ticket's again, after them
  if (!settled && depth < 3) {
    const current = await ports.tickets.get(stored.ticket.tenantId, stored.ticket.id);
    if (current && current.ticket.version > stored.ticket.version) {
      await finishEffects(ports, current.pending ? current : { ticket: current.ticket, ...(current.intakePending ? { intakePending: true } : {}) }, depth + 1);
    }
  }
}

/** Sends outbox messages to the queue; a failure is left to the sweep (the records are in the store). */
export async function publish(ports: Pick<Ports, 'queue' | 'logger' | 'metrics'>, messages: OutboxMessage[]): Promise<boolean> {
  try {
    await ports.queue.sendOutbox(messages);
    return true;
  } catch (e) {
    ports.metrics.addMetric('OutboxSendFailed', 'Count', messages.length);
    ports.logger.warn('outbox messages not sent; the sweep sends them again', {
      ticketIds: [...new Set(messages.map((m) => m.ticketId))],
      messageIds: messages.map((m) => m.id),
      error: e as Error,
    });
    return false;
  }
}
