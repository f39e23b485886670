import type { RateLimitAnswer, RateLimiter, RateLimitRequest } from '../../../functions/src/ports.js';
import { rateWindow, retryAfterSeconds } from '../../../functions/src/store/rate-limit-store.js';
import { roundTrip, type MemoryTable } from './table.js';

/**
 * Rate-limit counters in memory (functions/src/store/rate-limit-store.ts):
 * the same fixed windows and keys, one item per window, counted only while
 * below the limit (atomically: the check and the write are one step), so a
 * refused take writes nothing.
 */
export class MemoryRateLimiter implements RateLimiter {
  constructor(private readonly table: MemoryTable) {}

  async take(limit: RateLimitRequest, nowMs: number): Promise<RateLimitAnswer> {
    const { endMs, key } = rateWindow(limit, nowMs);
    await roundTrip();
    const counted = this.table.update(key, (current) => {
      const count = Number(current?.count ?? 0);
      return count < limit.max ? { ...key, ...current, entity: 'RATE', count: count + 1 } : undefined;
    });
    return counted ? { ok: true } : { ok: false, retryAfterSeconds: retryAfterSeconds(endMs, nowMs) };
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
