import { RateLimitedError, StoreUnavailableError } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { enforce } from '../../functions/src/services/rate-limits.js';
import { CoalescedTakes } from '../../functions/src/store/rate-limit-store.js';
import { memoryPorts } from '../support/memory/index.js';

/**
 * Concurrent takes of one rate-limit counter share a conditional write (`CoalescedTakes`, in front of the
 * store's and the memory adapter's counters): never more than `max` in a window, a refused take writes
 * nothing, and a batch that does not fit falls back to one write per take.
 */
const limit = (max: number, subject = 'officer-x') => ({ tenantId: 't1', name: 'claim', subject, max, windowSeconds: 60 });
const NOW = Date.UTC(2026, 10, 30, 2, 0, 10);

describe('coalesced rate-limit takes', () => {
  it('lets exactly max of many racers on one counter through, and counts no refused one', async () => {
    const { rateLimiter } = memoryPorts();
    const answers = await Promise.all(Array.from({ length: 60 }, () => rateLimiter.take(limit(25), NOW)));
    expect(answers.filter((a) => a.ok)).toHaveLength(25);
    for (const a of answers.filter((x) => !x.ok)) expect(a).toEqual({ ok: false, retryAfterSeconds: 50 });
    expect(rateLimiter.count(limit(25), NOW)).toBe(25);
    // full: one more is refused, and writes nothing
    expect((await rateLimiter.take(limit(25), NOW)).ok).toBe(false);
    expect(rateLimiter.count(limit(25), NOW)).toBe(25);
  });

  it('lets every racer through with far fewer writes than racers when they fit', async () => {
    const { rateLimiter } = memoryPorts();
    const answers = await Promise.all(Array.from({ length: 60 }, () => rateLimiter.take(limit(1000), NOW)));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(rateLimiter.count(limit(1000), NOW)).toBe(60);
    expect(rateLimiter.writes).toBeLessThan(10);
    // other subjects' counters are their own
    await Promise.all(Array.from({ length: 5 }, (_, i) => rateLimiter.take(limit(1000, `other-${i}`), NOW)));
    expect(rateLimiter.count(limit(1000, 'other-0'), NOW)).toBe(1);
    expect(rateLimiter.count(limit(1000), NOW)).toBe(60);
  });

  it('falls back to single takes when a batch does not fit: as many pass as there is room', async () => {
    const { rateLimiter } = memoryPorts();
    for (let i = 0; i < 17; i++) await rateLimiter.take(limit(20), NOW);
    rateLimiter.writes = 0;
    const answers = await Promise.all(Array.from({ length: 10 }, () => rateLimiter.take(limit(20), NOW)));
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    expect(rateLimiter.count(limit(20), NOW)).toBe(20);
  });

  it('gives a batched take back as any other (a window back at zero is gone)', async () => {
    const ports = memoryPorts();
    const releases = await Promise.all(Array.from({ length: 8 }, () => enforce(ports, [{ tenantId: 't1', name: 'claim', subject: 'officer-x', rule: { max: 8, windowSeconds: 60 } }], '认领', NOW)));
    expect(ports.rateLimiter.count(limit(8), NOW)).toBe(8);
    await expect(enforce(ports, [{ tenantId: 't1', name: 'claim', subject: 'officer-x', rule: { max: 8, windowSeconds: 60 } }], '认领', NOW)).rejects.toBeInstanceOf(RateLimitedError);
    await Promise.all(releases.map((release) => release()));
    expect(ports.rateLimiter.count(limit(8), NOW)).toBe(0);
    expect(ports.table.dump().filter((i) => i.entity === 'RATE')).toEqual([]);
  });

  it('fails every take of a batch whose write fails, and the next batch writes again', async () => {
    let failing = true;
    const writes: number[] = [];
    const takes = new CoalescedTakes(async (_key, n) => {
      writes.push(n);
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (failing) throw new StoreUnavailableError(new Error('down'));
      return true;
    });
    const answers = await Promise.allSettled(Array.from({ length: 5 }, () => takes.take(limit(100), NOW)));
    // the first alone (nothing was in flight), the other four in one write
    expect(writes).toEqual([1, 4]);
    expect(answers.every((a) => a.status === 'rejected' && a.reason instanceof StoreUnavailableError)).toBe(true);
    failing = false;
    expect(await takes.take(limit(100), NOW)).toEqual({ ok: true });
  });
});
