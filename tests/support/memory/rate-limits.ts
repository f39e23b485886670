import type { RateLimitAnswer, RateLimiter, RateLimitRequest } from '../../../functions/src/ports.js';
import { CoalescedTakes, rateWindow } from '../../../functions/src/store/rate-limit-store.js';
import { roundTrip, type MemoryTable } from './table.js';

/**
 * Rate-limit counters in memory (functions/src/store/rate-limit-store.ts):
 * the same fixed windows and keys, one item per window, and the store's own
 * `CoalescedTakes` in front of it (concurrent takes of one counter share a
 * write of `n`), each write counting only while the count stays within the
 * limit (atomically: the check and the write are one step), so a refused take
 * writes nothing. `writes` counts the conditional writes that reached the table.
 */
export class MemoryRateLimiter implements RateLimiter {
  writes = 0;
  private readonly takes: CoalescedTakes;

  constructor(private readonly table: MemoryTable) {
    this.takes = new CoalescedTakes(async (key, n, max, expiresAt) => {
      await roundTrip();
      this.writes++;
      const counted = this.table.update(key, (current) => {
        const count = Number(current?.count ?? 0);
        return count + n <= max ? { ...key, expiresAt, ...current, entity: 'RATE', count: count + n } : undefined;
      });
      return counted !== undefined;
    });
  }

  take(limit: RateLimitRequest, nowMs: number): Promise<RateLimitAnswer> {
    return this.takes.take(limit, nowMs);
  }

  async giveBack(limit: RateLimitRequest, nowMs: number): Promise<void> {
    const { key } = rateWindow(limit, nowMs);
    await roundTrip();
    const current = this.table.get(key);
    if (!current || Number(current.count) <= 0) return;
    // back at zero: gone, as if never taken (the store deletes it too)
    if (Number(current.count) === 1) this.table.delete(key);
    else this.table.update(key, (now) => (now ? { ...now, count: Number(now.count) - 1 } : undefined));
  }

  /** the count of a limit's current window (tests look inside) */
  count(limit: RateLimitRequest, nowMs: number): number {
    return Number(this.table.get(rateWindow(limit, nowMs).key)?.count ?? 0);
  }
}
