import { describe, expect, it } from 'vitest';
import { eachLimited } from '../../functions/src/services/each-limited.js';

describe('eachLimited', () => {
  it('keeps at most `limit` in flight and does every item', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await eachLimited(Array.from({ length: 40 }, (_, i) => i), 5, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, i % 3));
      inFlight--;
      done.push(i);
    });
    expect(most).toBe(5);
    expect([...done].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('attempts every item when some fail, then throws the first failure', async () => {
    const attempted: number[] = [];
    await expect(
      eachLimited([1, 2, 3, 4, 5, 6], 2, async (i) => {
        attempted.push(i);
        if (i === 2 || i === 5) throw new Error(`item ${i} failed`);
      }),
    ).rejects.toThrow('item 2 failed');
    expect([...attempted].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does nothing for no items', async () => {
    let calls = 0;
    await eachLimited([], 4, async () => {
      calls++;
    });
    expect(calls).toBe(0);
  });
});
