import { ConflictError } from '@whistle/shared';
import type { Store } from './dynamo.js';
import type { Key } from './keys.js';
import { Coalesced, type Waiter } from './coalesce.js';

/**
 * A readable-number counter (`ADD value n` on one item). Requests that want a
 * number while a counter write is in flight wait for the next write and share
 * it: it adds as many as are waiting and hands each its own. In a Lambda
 * execution environment (one request at a time) that is always one write per
 * number, as before; where one process serves many requests at once (the local
 * stack, a burst), a burst costs one write per round trip instead of one per
 * ticket. Numbers stay unique and increasing; a number not used can be given
 * back while it is still the last drawn (`giveBack`), and is lost otherwise
 * (as when the request holding it fails).
 */
export class Counter {
  private readonly draws: Coalesced<Key, number>;

  constructor(private readonly store: Store) {
    this.draws = new Coalesced(async (batch) => {
      const key = (batch[0] as Waiter<Key, number>).item;
      const out = await this.store.update(key, 'ADD #n :n', {
        names: { '#n': 'value' },
        values: { ':n': batch.length },
        returns: 'UPDATED_NEW',
      });
      const last = Number(out?.value ?? 0);
      if (!Number.isInteger(last) || last < batch.length) throw new ConflictError('编号分配失败');
      // the write moved the counter from last - n to last: numbers last - n + 1 … last, in arrival order
      batch.forEach((w, i) => w.resolve(last - batch.length + 1 + i));
    });
  }

  next(key: Key): Promise<number> {
    return this.draws.join(`${key.pk}\u0000${key.sk}`, key);
  }

  /**
   * Gives back `n`, drawn and not used, if it is still the counter's last number (one conditional `ADD -1`):
   * the next draw hands it out again. When another number was drawn since, it stays a gap (answers false).
   */
  async giveBack(key: Key, n: number): Promise<boolean> {
    const out = await this.store.update(key, 'ADD #n :minus', {
      condition: '#n = :n',
      names: { '#n': 'value' },
      values: { ':minus': -1, ':n': n },
      returns: 'NONE',
    });
    return out !== undefined;
  }
}
