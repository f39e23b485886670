import {
  ForbiddenError,
  mayReadLedger,
  mergeLedgerPages,
  NotFoundError,
  ledgerPosition,
  policyPushLedgerEntry,
  profileChangeLedgerEntry,
  ticketLedgerEntry,
  ValidationError,
  visitLedgerEntry,
  type Enterprise,
  type LedgerEntry,
  type LedgerPositions,
  type LedgerResponse,
  type Principal,
} from '@whistle/shared';
import type { Ports } from '../ports.js';
import { placeOf } from './visits.js';

/**
 * The enterprise's ledger (问题困难动态台账): every ticket and visit of one
 * enterprise, newest first, paged. Each kind of record is a source that reads
 * its own index newest first from a position (`at#id`); a page reads `limit`
 * from each source still going, keeps the `limit` newest (mergeLedgerPages)
 * and remembers, per source, the position it reached: the cursor.
 *
 * Adding a kind of record is adding a source to `ledgerSources` (its entry
 * kind is in the union, shared/src/visit/ledger.ts): the policy supermarket's
 * pushes (`policyPushed`) and profile changes (`profileChanged`) come so.
 */
export interface LedgerSource {
  /** its name in the cursor */
  name: string;
  /** at most `limit` of the enterprise's entries older than `before` (a position, `at#id`; undefined: from the newest), newest first */
  read(tenantId: string, enterprise: Enterprise, before: string | undefined, limit: number): Promise<LedgerEntry[]>;
}

/** The enterprise's tickets (access pattern 2 from a position), at their raising. */
export const ticketSource = (ports: Pick<Ports, 'tickets'>): LedgerSource => ({
  name: 'tickets',
  read: async (tenantId, enterprise, before, limit) => (await ports.tickets.enterpriseTicketsBefore(tenantId, enterprise.id, before, limit)).map(ticketLedgerEntry),
});

/** The visits paid to the enterprise. */
export const visitSource = (ports: Pick<Ports, 'visits'>): LedgerSource => ({
  name: 'visits',
  read: async (tenantId, enterprise, before, limit) =>
    (await ports.visits.byEnterprise(tenantId, enterprise.id, { ...(before ? { before } : {}), limit })).items.map(visitLedgerEntry),
});

/** The ledger's sources, in no particular order (the merge orders them). */
/** entries an unpaged read answers, from a position: a few dozen per enterprise at most (pushes, profile changes) */
const fromPosition = (entries: LedgerEntry[], before: string | undefined, limit: number): LedgerEntry[] =>
  entries.filter((e) => before === undefined || ledgerPosition(e) < before).sort((a, b) => (ledgerPosition(a) < ledgerPosition(b) ? 1 : -1)).slice(0, limit);

/** the policies pushed to the enterprise (政策超市) */
export const policyPushSource = (ports: Pick<Ports, 'policies'>): LedgerSource => ({
  name: 'pushes',
  read: async (tenantId, enterprise, before, limit) => fromPosition((await ports.policies.pushedTo(tenantId, enterprise.id)).map(policyPushLedgerEntry), before, limit),
});

/** the changes of its profile (its owner, grid officer or commissioner keeps it) */
export const profileSource = (ports: Pick<Ports, 'policies'>): LedgerSource => ({
  name: 'profile',
  read: async (tenantId, enterprise, before, limit) =>
    fromPosition((await ports.policies.profileChanges(tenantId, enterprise.id)).map(profileChangeLedgerEntry), before, limit),
});

export const ledgerSources = (ports: Pick<Ports, 'tickets' | 'visits' | 'policies'>): LedgerSource[] => [
  ticketSource(ports),
  visitSource(ports),
  policyPushSource(ports),
  profileSource(ports),
];

const BAD_CURSOR = '分页游标无效，请从第一页重新加载';

const encodeCursor = (positions: LedgerPositions): string => Buffer.from(JSON.stringify(positions), 'utf8').toString('base64url');

/** The positions a cursor holds: one per source named (a string, or null when done), else 400 naming `cursor`. */
function decodeCursor(cursor: string | undefined, sources: readonly LedgerSource[]): LedgerPositions {
  if (!cursor) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const names = new Set(sources.map((s) => s.name));
  const ok =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.entries(parsed).every(([k, v]) => names.has(k) && (v === null || (typeof v === 'string' && v.length <= 200)));
  if (!ok) throw new ValidationError([{ field: 'cursor', message: BAD_CURSOR }]);
  return parsed as LedgerPositions;
}

/**
 * One page of the enterprise's ledger, for its owner, those who serve it in
 * the field (grid officer, commissioners, grid chief, area lead) and the
 * overseers (supervisor, leaders, admin); anyone else 403, an enterprise not
 * of the tenant 404.
 */
export async function enterpriseLedger(
  ports: Pick<Ports, 'refs' | 'tickets' | 'visits' | 'policies'>,
  p: Principal,
  enterpriseId: string,
  q: { cursor?: string; limit: number },
  sources: readonly LedgerSource[] = ledgerSources(ports),
): Promise<LedgerResponse> {
  const place = await placeOf(ports, p.tenantId, enterpriseId);
  if (!place) throw new NotFoundError('企业');
  if (!mayReadLedger(p, place)) throw new ForbiddenError('只有企业负责人、其网格员、亲清特使、网格总负责人、片区负责人和督办、领导可以查看企业台账');
  const from = decodeCursor(q.cursor, sources);
  const going = sources.filter((s) => from[s.name] !== null);
  const pages = await Promise.all(going.map(async (s) => [s.name, await s.read(p.tenantId, place.enterprise, from[s.name] ?? undefined, q.limit)] as const));
  const { items, next } = mergeLedgerPages(Object.fromEntries(pages), from, q.limit);
  const e = place.enterprise;
  return { enterprise: { id: e.id, name: e.name, gridId: e.gridId }, items, ...(next ? { cursor: encodeCursor(next) } : {}) };
}
