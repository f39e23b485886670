import type { CreateTicketBody, Principal, RateLimits, Ticket } from '@whistle/shared';
import { demoTenant } from '../../../functions/src/local/demo-data.js';
import { intake } from '../../../functions/src/services/tickets.js';
import { demoPorts, type MemoryPorts } from '../../support/memory/index.js';

/** owner-01: equipment, leading tier, grid g01 (东港街道) → ind-equipment, town-dgjd, key */
export const KEY_OWNER = 'owner-01';
export const DEPARTMENTS = ['jxw', 'fgw', 'rsj', 'ghzy', 'zjw', 'scjg', 'jrb', 'swj'];
/** the units in owner-01's groups */
export const MEMBER_UNITS = [...DEPARTMENTS, 'dgjd'];

/** 10:00 on Monday 30 November 2026 in Shanghai: office hours */
export const OFFICE_HOURS = '2026-11-30T02:00:00.000Z';
/** 20:00 the same day in Shanghai */
export const EVENING = '2026-11-30T12:00:00.000Z';

export const body = (over: Partial<CreateTicketBody> = {}): CreateTicketBody => ({
  title: '厂房用电增容',
  description: '新产线投产需要增容 800 千伏安，供电所答复需排队半年',
  category: 'utilities',
  priority: 'normal',
  ...over,
});

export interface Kit {
  ports: MemoryPorts;
  tenantId: string;
  as: (userId: string) => Promise<Principal>;
  /** raises a ticket as `userId` (an owner by default) with a fresh idempotency key */
  raise: (userId?: string, over?: Partial<CreateTicketBody>) => Promise<Ticket>;
}

let keys = 0;

/**
 * Limits for tests that fire more than people do (30 rounds of 28 claims, 25 intakes from one enterprise within
 * a second of wall-clock time): what they test is not the limits (rate-limits.test.ts is).
 */
export const UNLIMITED: RateLimits = {
  intakePerEnterprise: { max: 100_000, windowSeconds: 3600 },
  claimsPerOfficer: { max: 100_000, windowSeconds: 60 },
};

/** The demo district on memory ports, with its default rate limits unless `rateLimits` says otherwise. */
export async function kit(now = OFFICE_HOURS, opts: { rateLimits?: RateLimits } = {}): Promise<Kit> {
  const { ports, data, as } = await demoPorts({ now, ...(opts.rateLimits ? { data: { ...demoTenant(), rateLimits: opts.rateLimits } } : {}) });
  const raise = async (userId = KEY_OWNER, over: Partial<CreateTicketBody> = {}) =>
    (await intake(ports, await as(userId), body(over), `key-${++keys}`)).ticket;
  return { ports, tenantId: data.tenant.id, as, raise };
}

/** runs `f` and answers the error it throws (fails when it does not throw) */
export async function failure(f: () => Promise<unknown>): Promise<Error> {
  try {
    await f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}
