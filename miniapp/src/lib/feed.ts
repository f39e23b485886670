import type { FeedCard } from '@whistle/shared';

/**
 * Merges feed cards by ticket: a newer answer replaces what we had for the
 * same ticket (claimed, resolved…). Answers chat order: oldest first.
 */
export function mergeFeed(current: readonly FeedCard[], incoming: readonly FeedCard[]): FeedCard[] {
  const byId = new Map<string, FeedCard>();
  for (const c of current) byId.set(c.ticketId, c);
  for (const c of incoming) {
    const had = byId.get(c.ticketId);
    if (!had || had.updatedAt <= c.updatedAt) byId.set(c.ticketId, c);
  }
  return [...byId.values()].sort((a, b) =>
    a.publishedAt === b.publishedAt ? a.number.localeCompare(b.number) : a.publishedAt < b.publishedAt ? -1 : 1,
  );
}
