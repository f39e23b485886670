import type { FieldIssue } from '../errors.js';
import type { Enterprise, Unit, User } from '../schemas/reference.js';
import { isOfficialUser } from './rules.js';

/**
 * Resident service commissioners (亲清特使): the supervisor pairs officials with
 * enterprises (one official may serve many; a key enterprise keeps at least
 * one). Pure: which pairings a change makes, whether it may, and the pairing
 * list the supervisor reads. The records' own checks (officials of the tenant,
 * each once; a paired user keeps an official's role and is not deleted) are
 * the directory's rules (rules.ts), so the admin API and the import agree.
 */

/** An enterprise's commissioners, never undefined. */
export const commissionerIdsOf = (e: Pick<Enterprise, 'commissionerUserIds'>): readonly string[] => e.commissionerUserIds ?? [];

/** The enterprise with these commissioners (none: the field goes, as a record that never had any). */
export function withCommissioners<E extends Enterprise>(e: E, ids: readonly string[]): E {
  const { commissionerUserIds: _old, ...rest } = e;
  const unique = [...new Set(ids)];
  return (unique.length > 0 ? { ...rest, commissionerUserIds: unique } : rest) as E;
}

/** The enterprise with the user paired (added last) or unpaired. */
export const pairedWith = <E extends Enterprise>(e: E, userId: string, paired: boolean): E =>
  withCommissioners(e, paired ? [...commissionerIdsOf(e), userId] : commissionerIdsOf(e).filter((id) => id !== userId));

/**
 * A key enterprise keeps at least one commissioner: the change that takes away its last (or makes an enterprise
 * key while taking its last) is refused, with the reason naming it. Undefined: the change may go.
 */
export function lastCommissionerRefusal(
  before: Pick<Enterprise, 'commissionerUserIds'> | undefined,
  after: Pick<Enterprise, 'name' | 'key' | 'commissionerUserIds'>,
): string | undefined {
  if (!after.key || commissionerIdsOf(after).length > 0 || !before || commissionerIdsOf(before).length === 0) return undefined;
  return `「${after.name}」是重点企业，至少保留一名亲清特使（可先结对新的特使再解除）`;
}

/** Whether a user may be paired with an enterprise as its commissioner: an official of the tenant. */
export function commissionerIssues(user: Pick<User, 'name' | 'roles'> | undefined, id: string, field: string): FieldIssue[] {
  if (!user) return [{ field, message: `用户 ${id} 不存在` }];
  if (!isOfficialUser(user)) return [{ field, message: `「${user.name}」不是工作人员、单位负责人或县领导，不能担任亲清特使` }];
  return [];
}

// ── the pairing list (the supervisor's page) ────────────────────────────────

export interface PairedEnterprise {
  id: string;
  name: string;
  key: boolean;
  tier: Enterprise['tier'];
  industry: Enterprise['industry'];
  gridId: string;
}

export interface CommissionerPairing {
  userId: string;
  name: string;
  roles: User['roles'];
  unitId?: string;
  unitName?: string;
  phone?: string;
  title?: string;
  enterprises: PairedEnterprise[];
}

export interface PairingFilter {
  /** the commissioners of this unit */
  unitId?: string | undefined;
  /** the enterprises of this grid */
  gridId?: string | undefined;
  /** true: key enterprises only; false: the others only */
  key?: boolean | undefined;
  /** a commissioner's or an enterprise's name (or a commissioner's phone, an enterprise's credit code) */
  q?: string | undefined;
}

export interface Pairings {
  commissioners: CommissionerPairing[];
  /** key enterprises (within the filter) without a commissioner: the supervisor's first task */
  keyUnpaired: PairedEnterprise[];
  counts: { enterprises: number; keyEnterprises: number; paired: number; keyUnpaired: number; commissioners: number };
}

const brief = (e: Enterprise): PairedEnterprise => ({ id: e.id, name: e.name, key: e.key, tier: e.tier, industry: e.industry, gridId: e.gridId });
const byName = <T extends { name: string; id?: string; userId?: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'zh-Hans-CN');

/**
 * Who serves which enterprise, within the filter: each commissioner with their enterprises (in name order),
 * commissioners in name order; the key enterprises nobody serves; and the counts within the filter.
 */
export function pairings(records: { enterprises: readonly Enterprise[]; users: readonly User[]; units: readonly Unit[] }, f: PairingFilter = {}): Pairings {
  const units = new Map(records.units.map((u) => [u.id, u]));
  const usersById = new Map(records.users.map((u) => [u.id, u]));
  const needle = f.q?.trim().toLowerCase() ?? '';
  const entInFilter = (e: Enterprise) => (f.gridId === undefined || e.gridId === f.gridId) && (f.key === undefined || e.key === f.key);
  const enterprises = records.enterprises.filter(entInFilter);
  const served = new Map<string, Enterprise[]>();
  for (const e of enterprises) for (const id of commissionerIdsOf(e)) served.set(id, [...(served.get(id) ?? []), e]);
  const entMatches = (e: Enterprise) => needle === '' || e.name.toLowerCase().includes(needle) || e.id.toLowerCase().includes(needle);
  const commissioners: CommissionerPairing[] = [];
  for (const u of records.users) {
    const theirs = served.get(u.id);
    if (!theirs || (f.unitId !== undefined && u.unitId !== f.unitId)) continue;
    const userMatches = needle === '' || u.name.toLowerCase().includes(needle) || (u.phone ?? '').includes(needle);
    const shown = userMatches ? theirs : theirs.filter(entMatches);
    if (shown.length === 0) continue;
    const unit = u.unitId ? units.get(u.unitId) : undefined;
    commissioners.push({
      userId: u.id,
      name: u.name,
      roles: u.roles,
      ...(u.unitId ? { unitId: u.unitId } : {}),
      ...(unit ? { unitName: unit.name } : {}),
      ...(u.phone ? { phone: u.phone } : {}),
      ...(u.title ? { title: u.title } : {}),
      enterprises: [...shown].sort(byName).map(brief),
    });
  }
  const keyUnpaired = enterprises.filter((e) => e.key && commissionerIdsOf(e).length === 0 && entMatches(e)).sort(byName).map(brief);
  return {
    commissioners: commissioners.sort(byName),
    keyUnpaired,
    counts: {
      enterprises: enterprises.length,
      keyEnterprises: enterprises.filter((e) => e.key).length,
      paired: enterprises.filter((e) => commissionerIdsOf(e).length > 0).length,
      keyUnpaired: enterprises.filter((e) => e.key && commissionerIdsOf(e).length === 0).length,
      commissioners: [...served.keys()].filter((id) => f.unitId === undefined || usersById.get(id)?.unitId === f.unitId).length,
    },
  };
}
