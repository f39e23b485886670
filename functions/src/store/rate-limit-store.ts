import type { RateLimitAnswer, RateLimiter, RateLimitRequest } from '../ports.js';
import type { Store } from './dynamo.js';
import { keys, type Key } from './keys.js';
import { Coalesced, type Waiter } from './coalesce.js';

/** a window's counter stays a little past its window (TTL deletes it within days; reads never need it again) */
const KEEP_AFTER_WINDOW_SECONDS = 3600;

/** The fixed window `nowMs` falls in: its start, its end, and the counter's key. */
export function rateWindow(limit: RateLimitRequest, nowMs: number): { startMs: number; endMs: number; key: Key } {
  const windowMs = limit.windowSeconds * 1000;
  const startMs = Math.floor(nowMs / windowMs) * windowMs;
  return { startMs, endMs: startMs + windowMs, key: keys.rateCounter(limit.tenantId, limit.name, limit.subject, startMs) };
}

/** Whole seconds until the window ends (at least 1: a Retry-After of 0 invites an immediate retry). */
export const retryAfterSeconds = (endMs: number, nowMs: number): number => Math.max(1, Math.ceil((endMs - nowMs) / 1000));

/** When a window's counter may go (TTL, epoch seconds). */
export const counterExpiresAt = (endMs: number): number => Math.ceil(endMs / 1000) + KEEP_AFTER_WINDOW_SECONDS;

/**
 * One conditional write on a window's counter: adds `n` if the count stays at most `max` (an absent counter is
 * 0), and answers whether it did; when it would not fit, nothing is written.
 */
export type AddToWindow = (key: Key, n: number, max: number, expiresAt: number) => Promise<boolean>;

/**
 * Takes on window counters, concurrent ones of one counter coalesced (as the ticket number's Counter is): a
 * take that arrives while a write on its counter is in flight waits for the next write, and that write counts
 * all n waiting at once (`ADD n` if the count stays ≤ max). When they do not all fit, each waiter falls back
 * to its own single take (`ADD 1` if below max), so exactly as many pass as fit. Never more than `max` in a
 * window, and a refused take writes nothing, as with one write per take; in a Lambda execution environment
 * (one request at a time) it is one write per take, and where one process serves many requests at once (the
 * local stack, a burst) a burst of one subject's takes costs about one write per round trip.
 */
export class CoalescedTakes {
  private readonly takes: Coalesced<{ key: Key; max: number; expiresAt: number }, boolean>;

  constructor(private readonly add: AddToWindow) {
    this.takes = new Coalesced((batch) => this.count(batch));
  }

  async take(limit: RateLimitRequest, nowMs: number): Promise<RateLimitAnswer> {
    const { endMs, key } = rateWindow(limit, nowMs);
    // one queue per counter and limit (a limit changed meanwhile is never batched with the old one)
    const counted = await this.takes.join(`${key.pk}\u0000${key.sk}\u0000${limit.max}`, { key, max: limit.max, expiresAt: counterExpiresAt(endMs) });
    return counted ? { ok: true } : { ok: false, retryAfterSeconds: retryAfterSeconds(endMs, nowMs) };
  }

  private async count(batch: Array<Waiter<{ key: Key; max: number; expiresAt: number }, boolean>>): Promise<void> {
    const { key, max, expiresAt } = (batch[0] as (typeof batch)[number]).item;
    // all at once, when they could all fit (a failure reaches every waiter through Coalesced)
    if (batch.length > 1 && batch.length <= max && (await this.add(key, batch.length, max, expiresAt))) {
      for (const w of batch) w.resolve(true);
      return;
    }
    // one at a time (concurrently), as many as fit
    await Promise.all(
      batch.map(async (w) => {
        try {
          w.resolve(await this.add(key, 1, max, expiresAt));
        } catch (e) {
          w.reject(e);
        }
      }),
    );
  }
}

/**
 * Rate-limit counters in DynamoDB, a fixed window per item: one conditional
 * `ADD #c :n` counts requests only while the count stays at most the limit
 * (`CoalescedTakes`: concurrent takes of one counter in this process share a
 * write), so concurrent requests on any number of Lambda instances never pass
 * more than `max` in a window, and a refused request writes nothing (the
 * failed condition is the answer, never an error). `expiresAt` lets TTL remove
 * old windows. A fixed window may let up to 2 × max through around a window's
 * edge; for abuse limits that is fine, and it costs at most one write per request.
 */
export class RateLimitStore implements RateLimiter {
  private readonly takes: CoalescedTakes;

  constructor(private readonly store: Store) {
    this.takes = new CoalescedTakes(async (key, n, max, expiresAt) => {
      const counted = await this.store.update(key, 'ADD #c :n SET #e = if_not_exists(#e, :exp), #en = :entity', {
        condition: 'attribute_not_exists(#c) OR #c <= :room',
        names: { '#c': 'count', '#e': 'expiresAt', '#en': 'entity' },
        values: { ':n': n, ':room': max - n, ':exp': expiresAt, ':entity': 'RATE' },
        returns: 'NONE',
      });
      return counted !== undefined;
    });
  }

  take(limit: RateLimitRequest, nowMs: number): Promise<RateLimitAnswer> {
    return this.takes.take(limit, nowMs);
  }

  /** One take back; a window back at zero is deleted (conditional on still being zero), as if never taken. */
  async giveBack(limit: RateLimitRequest, nowMs: number): Promise<void> {
    const { key } = rateWindow(limit, nowMs);
    const out = await this.store.update(key, 'ADD #c :minus', {
      condition: '#c > :zero',
      names: { '#c': 'count' },
      values: { ':minus': -1, ':zero': 0 },
      returns: 'UPDATED_NEW',
    });
    if (out && Number(out.count) === 0) await this.store.delete(key, { expression: '#c = :zero', names: { '#c': 'count' }, values: { ':zero': 0 } });
  }
}
