import type { FeedCard, Ticket } from '../schemas/ticket.js';

/** What a chat-group view shows of a ticket. */
export function toCard(groupId: string, t: Ticket): FeedCard {
  const claim = t.clocks.find((c) => c.kind === 'claim');
  return {
    groupId,
    ticketId: t.id,
    number: t.number,
    title: t.title,
    enterpriseName: t.enterpriseName,
    category: t.category,
    priority: t.priority,
    status: t.status,
    ...(t.handlingUnitId ? { handlingUnitId: t.handlingUnitId } : {}),
    ...(t.handlingUnitName ? { handlingUnitName: t.handlingUnitName } : {}),
    publishedAt: t.createdAt,
    updatedAt: t.updatedAt,
    ...(claim ? { claimDueAt: claim.dueAt, claimBasis: claim.basis } : {}),
  };
}
