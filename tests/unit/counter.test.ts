import { describe, expect, it } from 'vitest';
import { Counter } from '../../functions/src/store/counter.js';
import type { Store } from '../../functions/src/store/dynamo.js';

/** A store whose counter item is a number in memory; each write waits for the test to let it through. */
function fakeStore() {
  let value = 0;
  const writes: number[] = [];
  const gates: Array<() => void> = [];
  let failNext = false;
  const store = {
    update: async (_key: unknown, _expr: string, opts: { values: { ':n': number } }) => {
      await new Promise<void>((r) => gates.push(r));
      if (failNext) {
        failNext = false;
        throw new Error('store down');
      }
      writes.push(opts.values[':n']);
      value += opts.values[':n'];
      return { value };
    },
  } as unknown as Store;
  const release = async () => {
    while (gates.length === 0) await new Promise((r) => setImmediate(r));
    gates.shift()?.();
  };
  return { store, writes, release, fail: () => (failNext = true) };
}

const KEY = { pk: 'T#t#COUNTER', sk: 'TICKET#2026' };

describe('Counter', () => {
  it('one at a time: one write per number, consecutive', async () => {
    const f = fakeStore();
    const counter = new Counter(f.store);
    for (const expected of [1, 2, 3]) {
      const n = counter.next(KEY);
      await f.release();
      expect(await n).toBe(expected);
    }
    expect(f.writes).toEqual([1, 1, 1]);
  });

  it('requests arriving while a write is in flight share the next write, each with its own number', async () => {
    const f = fakeStore();
    const counter = new Counter(f.store);
    const first = counter.next(KEY);
    const burst = Array.from({ length: 9 }, () => counter.next(KEY));
    await f.release();
    await f.release();
    const numbers = [await first, ...(await Promise.all(burst))];
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(f.writes).toEqual([1, 9]);
  });

  it('a failed write fails only the requests waiting on it; the ones behind it go on', async () => {
    const f = fakeStore();
    const counter = new Counter(f.store);
    f.fail();
    const lost = counter.next(KEY);
    const behind = counter.next(KEY);
    await f.release();
    await expect(lost).rejects.toThrow('store down');
    await f.release();
    expect(await behind).toBe(1);
    expect(f.writes).toEqual([1]);
  });
});
