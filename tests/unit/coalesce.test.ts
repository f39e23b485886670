import { describe, expect, it } from 'vitest';
import { Coalesced } from '../../functions/src/store/coalesce.js';

describe('Coalesced', () => {
  it('sends the first request alone, then everything that arrived meanwhile as one batch per key, and tells every waiter of a batch that failed', async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const q = new Coalesced<string, string>(async (batch) => {
      batches.push(batch.map((w) => w.item));
      if (batch[0]?.item === 'a' || batch[0]?.item === 'hold') await new Promise<void>((r) => (release = r));
      if (batch.some((w) => w.item === 'bad')) throw new Error('write failed');
      for (const w of batch) w.resolve(`${w.item}:${batch.length}`);
    });
    const first = q.join('k', 'a');
    const later = ['b', 'c'].map((x) => q.join('k', x));
    const other = q.join('other', 'z');
    release();
    expect(await first).toBe('a:1');
    expect(await Promise.all(later)).toEqual(['b:2', 'c:2']);
    expect(await other).toBe('z:1');
    expect(batches).toEqual([['a'], ['z'], ['b', 'c']]);
    const held = q.join('k', 'hold');
    const failing = [q.join('k', 'bad'), q.join('k', 'fine')];
    release();
    expect(await held).toBe('hold:1');
    const settled = await Promise.allSettled(failing);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    // the queue goes on after a failure
    expect(await q.join('k', 'd')).toBe('d:1');
  });
});
