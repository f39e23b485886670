import { TimelineEntry, type Actor, type Ticket } from '../schemas/ticket.js';
import type { Audience, Notification, TimelineDraft } from './machine.js';

/** A notification on its way to people (the outbox's message). */
export interface OutboxMessage {
  /** deterministic (ticket, version, index): a redelivered or re-sent message is recognised by it */
  id: string;
  tenantId: string;
  ticketId?: string;
  ticketNumber?: string;
  event: Notification['event'];
  audience: Audience[];
  title: string;
  body: string;
  at: string;
}

/**
 * Effects of a transition, committed atomically with the ticket (in its
 * `pending` attribute) and then applied: timeline entries, index items and
 * notifications. Applying is idempotent, so a crash between commit and apply
 * is finished by the next reader or writer: no half-written ticket.
 */
export interface PendingEffects {
  entries: TimelineEntry[];
  notifications: OutboxMessage[];
}

/** The effects of a decided transition: numbered timeline entries and outbox messages with stable ids. */
export function effectsOf(ticket: Ticket, actor: Actor, drafts: TimelineDraft[], notifications: Notification[]): PendingEffects {
  return {
    entries: drafts.map((d, i) =>
      TimelineEntry.parse({
        ticketId: ticket.id,
        seq: ticket.version * 100 + i,
        at: ticket.updatedAt,
        actor,
        kind: d.kind,
        ...(d.text !== undefined ? { text: d.text } : {}),
        ...(d.data !== undefined ? { data: d.data } : {}),
      }),
    ),
    notifications: notifications.map((n, i) => ({
      id: `${ticket.id}:${ticket.version}:${i}`,
      tenantId: ticket.tenantId,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      event: n.event,
      audience: n.audience,
      title: n.title,
      body: n.body,
      at: ticket.updatedAt,
    })),
  };
}
