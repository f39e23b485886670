import { StoreUnavailableError } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import type { ClaimLock, ClaimLockRequest } from '../../functions/src/ports.js';
import { ClaimLockWrites } from '../../functions/src/store/claim-lock-writes.js';

/**
 * Claim-lock writes of one unit on one ticket, coalesced (functions/src/store/claim-lock-writes.ts), against a
 * lock kept here as the store keeps it: `if_not_exists`, so the first lock written stays.
 */
const lock = (unitId: string, token: string, groupIds = ['g1']): ClaimLockRequest => ({ token, unitId, unitName: unitId, until: '2099-01-01T00:00:00.000Z', now: '2026-11-30T02:00:00.000Z', groupIds });
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function store(opts: { fail?: boolean } = {}) {
  const held = new Map<string, ClaimLock>();
  const writes: string[] = [];
  const write = async (_tenantId: string, ticketId: string, l: ClaimLockRequest): Promise<ClaimLock | undefined> => {
    writes.push(l.token);
    await turn();
    if (opts.fail) throw new StoreUnavailableError(new Error('down'));
    if (!l.groupIds.includes('g1')) return undefined;
    if (!held.has(ticketId)) held.set(ticketId, { token: l.token, unitId: l.unitId, unitName: l.unitName, until: l.until });
    return held.get(ticketId);
  };
  return { writes, writer: new ClaimLockWrites(write) };
}

describe('coalesced claim-lock writes', () => {
  it('lets the requests of one unit arriving together share a write: the first waiting may win, all hear the holder', async () => {
    const { writes, writer } = store();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => writer.write('t', 'tk1', lock('u1', `u1-${i}`))));
    // the first alone (nothing was in flight), the nine that arrived meanwhile in one write carrying the first of them
    expect(writes).toEqual(['u1-0', 'u1-1']);
    for (const a of answers) expect(a?.token).toBe('u1-0');
  });

  it('never shares a write across units, groups or tickets', async () => {
    const { writes, writer } = store();
    const answers = await Promise.all([
      writer.write('t', 'tk1', lock('u1', 'a')),
      writer.write('t', 'tk1', lock('u2', 'b')),
      writer.write('t', 'tk1', lock('u1', 'c', ['g9'])),
      writer.write('t', 'tk2', lock('u1', 'd')),
    ]);
    expect(writes.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(answers.map((a) => a?.token)).toEqual(['a', 'a', undefined, 'd']);
  });

  it('fails every request of a write that fails', async () => {
    const { writer } = store({ fail: true });
    const answers = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => writer.write('t', 'tk1', lock('u1', `x${i}`))));
    expect(answers.every((a) => a.status === 'rejected' && a.reason instanceof StoreUnavailableError)).toBe(true);
  });
});
