import { TimelineEntry, type Actor, type Ticket } from '../schemas/ticket.js';
import type { Audience, Notification, TimelineDraft } from './machine.js';

/** A notification on its way to people (the outbox's message). */
export interface OutboxMessage {
  /** deterministic (ticket, version, index): a redelivered or re-sent message is recognised by it */
  id: string;
  tenantId: string;
  ticketId?: string;
  ticketNumber?: string;
  /**
   * a notice on a record of its own (a retrospective, a common issue): the inbox item opens the common
   * issue it names (`commonIssueId`: a common issue's own notices, a retrospective's on a common issue),
   * else the ticket
   */
  holder?: { kind: 'retrospective' | 'commonIssue'; id: string; commonIssueId?: string };
  /** a policy's push (POLICY_PUSH_EVENT): its record is the policy item itself, in the catalogue */
  policyId?: string;
  /**
   * `assess`: no one is told; the ticket's assessment facts are brought up to date (one per commit).
   * `policyPush`: the policy is pushed to the enterprises it newly matches (each told once).
   */
  event: Notification['event'] | typeof ASSESS_EVENT | typeof POLICY_PUSH_EVENT;
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

/** The event of the message every commit sends so the assessment aggregates follow the ticket. */
export const ASSESS_EVENT = 'assess';
/** The event of the message a policy's publication or edit sends: the push to the enterprises it newly matches. */
export const POLICY_PUSH_EVENT = 'policyPush';

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
    notifications: [
      ...notifications.map((n, i) => ({
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
      // durable like the notifications (an outbox record until consumed): the assessment never misses a change
      {
        id: `${ticket.id}:${ticket.version}:assess`,
        tenantId: ticket.tenantId,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
        event: ASSESS_EVENT,
        audience: [],
        title: '',
        body: '',
        at: ticket.updatedAt,
      },
    ],
  };
}
