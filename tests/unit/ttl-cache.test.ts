import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../functions/src/store/ttl-cache.js';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('TtlCache', () => {
  it('makes one load for a burst of misses on the same key', async () => {
    const cache = new TtlCache<string>(1000, () => 0);
    const gate = deferred<string>();
    let loads = 0;
    const load = () => {
      loads++;
      return gate.promise;
    };
    const all = Promise.all(Array.from({ length: 50 }, () => cache.get('user-1', load)));
    gate.resolve('王建国');
    expect(await all).toEqual(Array.from({ length: 50 }, () => '王建国'));
    expect(loads).toBe(1);
    expect(cache.peek('user-1')).toBe('王建国');
  });

  it('loads again once the value is older than the TTL', async () => {
    let now = 0;
    const cache = new TtlCache<number>(1000, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    now = 999;
    expect(await cache.get('k', load)).toBe(1);
    now = 1000;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('does not keep what a write replaced while the read was in flight', async () => {
    const cache = new TtlCache<string>(1000, () => 0);
    const gate = deferred<string>();
    const racing = cache.get('unit-fgw', () => gate.promise);
    cache.forget('unit-fgw');
    gate.resolve('old name');
    expect(await racing).toBe('old name');
    expect(cache.peek('unit-fgw')).toBeUndefined();
    expect(await cache.get('unit-fgw', async () => 'new name')).toBe('new name');
  });

  it('keeps only what `keep` accepts, and a failed load is not cached', async () => {
    const cache = new TtlCache<string | undefined>(1000, () => 0);
    expect(await cache.get('missing', async () => undefined, (v) => v !== undefined)).toBeUndefined();
    expect(cache.peek('missing')).toBeUndefined();
    await expect(cache.get('broken', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await cache.get('broken', async () => 'back')).toBe('back');
  });
});
