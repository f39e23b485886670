import { Area, Enterprise, Grid, Group, Tenant, Unit, User } from '@whistle/shared';
import type * as z from 'zod/mini';
import type { RefRevision, RefShapes, RefType, RevisedRef } from '../ports.js';
import { keys } from './keys.js';

/**
 * Reference items, shared by the DynamoDB store (reference-store.ts) and its
 * in-memory twin: the schemas they are parsed with, the item a record is
 * written as, and the revision guard of an administrator's write (the record
 * as read, or its absence), as an expression for DynamoDB and as a predicate
 * for the twin, so both refuse the same writes.
 */
export const REF_SCHEMAS = {
  TENANT: Tenant,
  AREA: Area,
  GRID: Grid,
  UNIT: Unit,
  GROUP: Group,
  ENT: Enterprise,
  USER: User,
} as const satisfies Record<RefType, z.ZodMiniType>;

type Item = Record<string, unknown>;

/** The record parsed, and its tenant (a tenant's own id). */
export function parsedRef<R extends RefType>(type: R, value: RefShapes[R]): { value: RefShapes[R]; tenantId: string; id: string } {
  const parsed = REF_SCHEMAS[type].parse(value) as RefShapes[R] & { id: string; tenantId?: string };
  return { value: parsed, tenantId: type === 'TENANT' ? parsed.id : (parsed.tenantId ?? ''), id: parsed.id };
}

/**
 * A record as an item. `revision`: written through the admin API (its number, when, and the record it
 * replaced as JSON, so a retried request can record the change's audit entry again, identically).
 */
export function refItem<R extends RefType>(type: R, value: RefShapes[R], revision?: RefRevision): Item & { pk: string; sk: string } {
  const { value: parsed, tenantId, id } = parsedRef(type, value);
  return {
    ...keys.ref(tenantId, type, id),
    entity: type,
    ...parsed,
    ...(revision ? { rev: revision.rev, revAt: revision.at, ...(revision.prior !== undefined ? { revPrior: revision.prior } : {}) } : {}),
  };
}

/** An item's revision: 0 for a record never written through the admin API (seeded, imported). */
export const revOf = (item: Item): number => (typeof item.rev === 'number' ? item.rev : 0);

/** An item as a record with its revision (the item's keys and revision attributes are not part of the record). */
export function revisedOf<R extends RefType>(type: R, item: Item): RevisedRef<R> {
  const value = REF_SCHEMAS[type].parse(item) as RefShapes[R];
  return {
    value,
    revision: {
      rev: revOf(item),
      ...(typeof item.revAt === 'string' ? { at: item.revAt } : {}),
      ...(typeof item.revPrior === 'string' ? { prior: item.revPrior } : {}),
    },
  };
}

/** What an administrator's write expects to find: the record at this revision, or nothing. */
export type RevGuard = { rev: number } | 'absent';

/** The guard as a DynamoDB condition. */
export function revCondition(guard: RevGuard): { expression: string; names?: Record<string, string>; values?: Item } {
  if (guard === 'absent') return { expression: 'attribute_not_exists(pk)' };
  if (guard.rev === 0) return { expression: 'attribute_exists(pk) AND attribute_not_exists(#rev)', names: { '#rev': 'rev' } };
  return { expression: '#rev = :rev', names: { '#rev': 'rev' }, values: { ':rev': guard.rev } };
}

/** The same guard over the item there now (the in-memory twin). */
export const revHolds =
  (guard: RevGuard) =>
  (current: Item | undefined): boolean =>
    guard === 'absent' ? current === undefined : current !== undefined && revOf(current) === guard.rev;
