/** One request waiting in a `Coalesced` queue: what it asked, and how it is answered. */
export interface Waiter<T, R> {
  item: T;
  resolve: (answer: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Concurrent requests on one key, coalesced: a request that arrives while a
 * write for its key is in flight waits for the next write, and that one write
 * stands for every request waiting (`flush` answers each). Used by the ticket
 * number Counter, the rate-limit takes and the claim-lock writes. In a Lambda
 * execution environment (one request at a time) it is one write per request;
 * where one process serves many at once (the local stack, a burst), a burst on
 * one key costs about one write per round trip.
 */
export class Coalesced<T, R> {
  private readonly waiting = new Map<string, Array<Waiter<T, R>>>();
  private readonly writing = new Set<string>();

  /** `flush` answers every waiter of the batch (resolve or reject), for a batch of one or many */
  constructor(private readonly flush: (batch: Array<Waiter<T, R>>) => Promise<void>) {}

  join(id: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.waiting.get(id) ?? [];
      queue.push({ item, resolve, reject });
      this.waiting.set(id, queue);
      if (!this.writing.has(id)) void this.drain(id);
    });
  }

  private async drain(id: string): Promise<void> {
    this.writing.add(id);
    try {
      for (let batch = this.next(id); batch.length > 0; batch = this.next(id)) {
        try {
          await this.flush(batch);
        } catch (e) {
          // a flush that throws answers nobody itself: every waiter hears the failure
          for (const w of batch) w.reject(e);
        }
      }
    } finally {
      this.writing.delete(id);
    }
  }

  private next(id: string): Array<Waiter<T, R>> {
    const batch = this.waiting.get(id) ?? [];
    this.waiting.delete(id);
    return batch;
  }
}
