import type { RateLimitAnswer, RateLimiter, RateLimitRequest } from '../ports.js';
import type { Store } from './dynamo.js';
import { keys, type Key } from './keys.js';

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

/**
 * Rate-limit counters in DynamoDB, a fixed window per item: one conditional
 * `ADD #c :one` counts a request only while the count is below the limit, so
 * concurrent requests on any number of Lambda instances never pass more than
 * `max` in a window, and a refused request writes nothing (the failed
 * condition is the answer, never an error). `expiresAt` lets TTL remove old
 * windows. A fixed window may let up to 2 × max through around a window's
 * edge; for abuse limits that is fine, and it costs one write per request.
 */
export class RateLimitStore implements RateLimiter {
  constructor(private readonly store: Store) {}

  async take(limit: RateLimitRequest, nowMs: number): Promise<RateLimitAnswer> {
    const { endMs, key } = rateWindow(limit, nowMs);
    const counted = await this.store.update(key, 'ADD #c :one SET #e = if_not_exists(#e, :exp), #en = :entity', {
      condition: 'attribute_not_exists(#c) OR #c < :max',
      names: { '#c': 'count', '#e': 'expiresAt', '#en': 'entity' },
      values: { ':one': 1, ':max': limit.max, ':exp': Math.ceil(endMs / 1000) + KEEP_AFTER_WINDOW_SECONDS, ':entity': 'RATE' },
      returns: 'NONE',
    });
    return counted ? { ok: true } : { ok: false, retryAfterSeconds: retryAfterSeconds(endMs, nowMs) };
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
