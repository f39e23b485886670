import type { ClaimLock, ClaimLockRequest } from '../ports.js';

/** One claim-lock write (`if_not_exists`): the lock held after it, or undefined when its condition failed. */
export type WriteClaimLock = (tenantId: string, ticketId: string, lock: ClaimLockRequest) => Promise<ClaimLock | undefined>;

interface Waiting {
  lock: ClaimLockRequest;
  resolve: (holder: ClaimLock | undefined) => void;
  reject: (e: unknown) => void;
}

/**
 * Claim-lock writes of one unit on one ticket, coalesced (as the number Counter and the rate-limit takes are):
 * a request that arrives while such a write is in flight waits for the next one, and that one write stands
 * for every request waiting. It carries the first waiter's lock; each waiter is answered the lock it leaves.
 * That is what each waiter's own write, made right after it, would answer: a lock write never replaces a lock
 * (`if_not_exists`), and its condition (the ticket there, out of intake, in one of the unit's groups,
 * published or locked) is the same for requests of one unit with the same groups. So the first waiter may win,
 * and the others hear that their own unit's request holds the lock, as two officers of one unit pressing at
 * once always did. In a Lambda execution environment (one request at a time) it is one write per claim; where
 * one process serves many at once (the local stack, a burst), a unit's burst costs about two writes.
 */
export class ClaimLockWrites {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly writing = new Set<string>();

  constructor(private readonly writeOne: WriteClaimLock) {}

  write(tenantId: string, ticketId: string, lock: ClaimLockRequest): Promise<ClaimLock | undefined> {
    const id = [tenantId, ticketId, lock.unitId, lock.unitName, ...lock.groupIds].join('\u0000');
    return new Promise<ClaimLock | undefined>((resolve, reject) => {
      const queue = this.waiting.get(id) ?? [];
      queue.push({ lock, resolve, reject });
      this.waiting.set(id, queue);
      if (!this.writing.has(id)) void this.drain(id, tenantId, ticketId);
    });
  }

  private async drain(id: string, tenantId: string, ticketId: string): Promise<void> {
    this.writing.add(id);
    try {
      for (let batch = this.next(id); batch.length > 0; batch = this.next(id)) {
        const first = batch[0] as Waiting;
        try {
          const holder = await this.writeOne(tenantId, ticketId, first.lock);
          for (const w of batch) w.resolve(holder);
        } catch (e) {
          for (const w of batch) w.reject(e);
        }
      }
    } finally {
      this.writing.delete(id);
    }
  }

  private next(id: string): Waiting[] {
    const batch = this.waiting.get(id) ?? [];
    this.waiting.delete(id);
    return batch;
  }
}
