import type { ClaimLock, ClaimLockRequest } from '../ports.js';
import { Coalesced } from './coalesce.js';

/** One claim-lock write (`if_not_exists`): the lock held after it, or undefined when its condition failed. */
export type WriteClaimLock = (tenantId: string, ticketId: string, lock: ClaimLockRequest) => Promise<ClaimLock | undefined>;

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
  private readonly writes: Coalesced<{ tenantId: string; ticketId: string; lock: ClaimLockRequest }, ClaimLock | undefined>;

  constructor(writeOne: WriteClaimLock) {
    // the first waiter's lock is written; every waiter is answered the lock that write leaves
    this.writes = new Coalesced(async (batch) => {
      const { tenantId, ticketId, lock } = (batch[0] as (typeof batch)[number]).item;
      const holder = await writeOne(tenantId, ticketId, lock);
      for (const w of batch) w.resolve(holder);
    });
  }

  write(tenantId: string, ticketId: string, lock: ClaimLockRequest): Promise<ClaimLock | undefined> {
    return this.writes.join([tenantId, ticketId, lock.unitId, lock.unitName, ...lock.groupIds].join('\u0000'), { tenantId, ticketId, lock });
  }
}
