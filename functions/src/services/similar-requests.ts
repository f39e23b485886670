import { isIndexable, OPEN_STATUSES, RECENT_DAYS, SimilarityIndex, type SimilarRequest, type SimilarTicket, type Ticket } from '@whistle/shared';
import type { ChangedTicket, Ports } from '../ports.js';

/**
 * Similar requests at intake (相似诉求, issue 14): other enterprises' open and recent requests that say
 * the same thing as the one being raised, stored on the new ticket (`similar`) in intake's own write.
 *
 * Each container holds one `SimilarityIndex` per tenant, warm (docs/architecture.md, "Refresh and read
 * budget"). A cold one is loaded from the `changed` index (the tenant's tickets by last change, projected)
 * in the background: the intake that finds it cold does not wait (its ticket has no `similar`: not looked
 * for), the next ones use it once built. A warm one is refreshed by ONE Query of the tickets changed since its
 * watermark (more pages only after a long quiet), at most once per REFRESH_INTERVAL_MS, and intakes arriving
 * while a refresh is in flight wait for that one instead of reading again; then `similar()` runs in memory, and
 * the new ticket is added after its commit. The suggestions are advisory: a failed read never fails an intake.
 */

type SimilarPorts = Pick<Ports, 'tickets' | 'clock' | 'logger' | 'metrics'>;

/** At most this many similar requests on a ticket. */
export const SIMILAR_LIMIT = 10;
/**
 * A refresh reads from this long before its watermark: a change committed by another container with a
 * slightly slower clock, or reaching the index a little late (GSIs are eventually consistent), is still read.
 * The rows read again are recognised (their `updatedAt` is the one applied) and cost nothing.
 */
export const REFRESH_OVERLAP_MS = 30_000;
/**
 * A warm index is read again at most this often (by the wall clock or the domain clock): another container's
 * changes may then show up to this much later, which is fine for a hint, and this container's own new tickets
 * are in its index at once (addToSimilarIndex).
 */
export const REFRESH_INTERVAL_MS = 1_500;
/** The cold load's CPU (segmenting 10,000 requests takes seconds) yields to the event loop this often. */
const SLICE_MS = 15;
/** A failed load is tried again by an intake this long after. */
const RETRY_MS = 60_000;
/** Requests resolved or closed more than RECENT_DAYS ago leave the index at most this often. */
const PRUNE_EVERY_MS = 10 * 60_000;

interface Shown {
  number: string;
  enterpriseName: string;
  commonIssueId?: string;
  /** the change applied: an older row read late never undoes a newer one */
  updatedAt: string;
  /** the text it was indexed with (a row with the same text is not segmented again) */
  text: string;
  /** indexed as open (else as resolved or closed at `updatedAt`, leaving the index RECENT_DAYS later) */
  open: boolean;
}

interface WarmIndex {
  index: SimilarityIndex;
  /** what a match shows beyond the index's request, per indexed ticket */
  shown: Map<string, Shown>;
  /** the latest `updatedAt` applied */
  watermark: string;
  prunedAt: number;
  /** when the last refresh (or the load) started, by the wall clock and by the domain clock */
  refreshedAt: { wall: number; domain: number };
  /** the refresh in flight: intakes arriving meanwhile share it */
  refreshing?: Promise<number>;
}

interface TenantSlot {
  ready?: WarmIndex;
  building?: Promise<WarmIndex | undefined>;
  failedAt?: number;
}

/** per ticket repository (a container has one; tests have many), per tenant */
const warm = new WeakMap<object, Map<string, TenantSlot>>();

function slotOf(ports: SimilarPorts, tenantId: string): TenantSlot {
  let byTenant = warm.get(ports.tickets);
  if (!byTenant) warm.set(ports.tickets, (byTenant = new Map()));
  let slot = byTenant.get(tenantId);
  if (!slot) byTenant.set(tenantId, (slot = {}));
  return slot;
}

const nowIso = (ports: SimilarPorts) => ports.clock.now().toISOString();
const textOf = (t: Pick<ChangedTicket, 'category' | 'title' | 'description'>) => `${t.category}\u0000${t.title}\u0000${t.description}`;

/** Applies one ticket's change to the warm index: added, replaced, or (no longer open nor recent) removed. */
function apply(w: WarmIndex, t: ChangedTicket, now: string): void {
  const had = w.shown.get(t.id);
  if (had && had.updatedAt > t.updatedAt) return;
  if (t.updatedAt > w.watermark) w.watermark = t.updatedAt;
  if (!isIndexable(t, now)) {
    if (had) {
      w.index.remove(t.id);
      w.shown.delete(t.id);
    }
    return;
  }
  const text = textOf(t);
  const open = OPEN_STATUSES.includes(t.status);
  // the same request read again (the refresh's overlap), or only its status or link changed while it stays open:
  // what a match shows is updated, and the terms are not computed again
  const same = had?.text === text && had.open === open && w.index.has(t.id) && (open || had.updatedAt === t.updatedAt);
  if (!same) w.index.add({ id: t.id, enterpriseId: t.enterpriseId, category: t.category, title: t.title, description: t.description }, open ? undefined : t.updatedAt);
  w.shown.set(t.id, {
    number: t.number,
    enterpriseName: t.enterpriseName,
    updatedAt: t.updatedAt,
    text,
    open,
    ...(t.commonIssueId ? { commonIssueId: t.commonIssueId } : {}),
  });
}

const clocksOf = (ports: SimilarPorts) => ({ wall: Date.now(), domain: ports.clock.now().getTime() });

/**
 * Whether the index was refreshed less than REFRESH_INTERVAL_MS ago. Both clocks count: on AWS they are one,
 * while locally the domain clock may be pinned (a frozen one must not stop the refreshes) or moved by the dev
 * route or a test (tickets written at a time that far away may have changed since).
 */
function isFresh(w: WarmIndex, now: { wall: number; domain: number }): boolean {
  return now.wall - w.refreshedAt.wall < REFRESH_INTERVAL_MS && Math.abs(now.domain - w.refreshedAt.domain) < REFRESH_INTERVAL_MS;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The cold load: every page of the tenant's `changed` partition (each page's successor read while this one
 * is applied), each ticket applied in slices of CPU so requests arriving meanwhile are answered between them.
 */
async function load(ports: SimilarPorts, tenantId: string): Promise<WarmIndex> {
  const t0 = performance.now();
  // the load reads everything changed up to its start: it counts as a refresh then
  const w: WarmIndex = { index: new SimilarityIndex(), shown: new Map(), watermark: '', prunedAt: Date.now(), refreshedAt: clocksOf(ports) };
  const now = nowIso(ports);
  let pages = 0;
  let next: ReturnType<SimilarPorts['tickets']['changedSince']> | undefined = ports.tickets.changedSince(tenantId, undefined);
  while (next) {
    const page: { items: ChangedTicket[]; cursor?: string } = await next;
    pages++;
    next = page.cursor ? ports.tickets.changedSince(tenantId, undefined, page.cursor) : undefined;
    let slice = performance.now();
    for (const t of page.items) {
      apply(w, t, now);
      if (performance.now() - slice > SLICE_MS) {
        await yieldToLoop();
        slice = performance.now();
      }
    }
  }
  w.index.prune(now);
  const ms = Math.round(performance.now() - t0);
  ports.logger.info('similar-requests index loaded', { tenantId, requests: w.index.size, pages, ms });
  ports.metrics.addMetric('SimilarIndexLoadMs', 'Milliseconds', ms);
  return w;
}

/** Starts the tenant's cold load unless it is under way (or failed less than RETRY_MS ago); resolves when it is done. */
function startLoad(ports: SimilarPorts, tenantId: string, slot: TenantSlot): Promise<WarmIndex | undefined> {
  if (slot.ready) return Promise.resolve(slot.ready);
  if (slot.building) return slot.building;
  if (slot.failedAt !== undefined && Date.now() - slot.failedAt < RETRY_MS) return Promise.resolve(undefined);
  slot.building = load(ports, tenantId).then(
    (w) => {
      slot.ready = w;
      slot.building = undefined;
      return w;
    },
    (e: unknown) => {
      slot.building = undefined;
      slot.failedAt = Date.now();
      ports.logger.warn('similar-requests index not loaded: intake goes on without similar requests', { tenantId, error: e instanceof Error ? e.message : String(e) });
      return undefined;
    },
  );
  return slot.building;
}

/** The tenant's warm index, loading it if it is cold (tests, the bench, a warm-up): resolves once usable (false: the load failed). */
export async function warmSimilarIndex(ports: SimilarPorts, tenantId: string): Promise<boolean> {
  return (await startLoad(ports, tenantId, slotOf(ports, tenantId))) !== undefined;
}

/**
 * Reads the tickets changed since the watermark (one Query; a page more only after a long quiet) and applies
 * them; answers the milliseconds spent applying (CPU, apart from the read).
 */
async function refresh(ports: SimilarPorts, tenantId: string, w: WarmIndex): Promise<number> {
  const since = w.watermark ? new Date(Date.parse(w.watermark) - REFRESH_OVERLAP_MS).toISOString() : undefined;
  const now = nowIso(ports);
  let cursor: string | undefined;
  let applying = 0;
  do {
    const page = await ports.tickets.changedSince(tenantId, since, cursor);
    const t0 = performance.now();
    for (const t of page.items) apply(w, t, now);
    applying += performance.now() - t0;
    cursor = page.cursor;
  } while (cursor);
  if (Date.now() - w.prunedAt > PRUNE_EVERY_MS) {
    const t0 = performance.now();
    w.index.prune(now, RECENT_DAYS);
    w.prunedAt = Date.now();
    applying += performance.now() - t0;
  }
  return applying;
}

/**
 * Brings the warm index up to date for an intake: joins the refresh in flight, or starts one unless the last
 * started less than REFRESH_INTERVAL_MS ago. Answers the milliseconds this intake's own refresh spent applying
 * (0 when it read nothing itself). A failed refresh is logged; the index answers as it stands.
 */
async function refreshForIntake(ports: SimilarPorts, tenantId: string, w: WarmIndex): Promise<number> {
  if (w.refreshing) {
    await w.refreshing;
    return 0;
  }
  const now = clocksOf(ports);
  if (isFresh(w, now)) return 0;
  w.refreshedAt = now;
  const running = refresh(ports, tenantId, w).catch((e: unknown) => {
    ports.logger.warn('similar-requests refresh failed: answered from the warm index as it stands', { tenantId, error: e instanceof Error ? e.message : String(e) });
    return 0;
  });
  w.refreshing = running;
  try {
    return await running;
  } finally {
    if (w.refreshing === running) w.refreshing = undefined;
  }
}

/**
 * The similar requests of a request at intake (before its commit): other enterprises' open and recent
 * requests scoring at least SIMILAR_THRESHOLD, best first, at most SIMILAR_LIMIT. Undefined when this
 * container's index is not loaded yet (its load starts after this intake's commit, which does not wait for it).
 * At most one store read (the refresh, shared by concurrent intakes and skipped within REFRESH_INTERVAL_MS of
 * the last); a failed one answers from the index as it stands.
 */
export async function similarAtIntake(ports: SimilarPorts, tenantId: string, request: SimilarRequest): Promise<SimilarTicket[] | undefined> {
  const w = slotOf(ports, tenantId).ready;
  if (!w) {
    // the load starts once this intake is committed (addToSimilarIndex), so it does not slow this one down
    ports.metrics.addMetric('SimilarIndexCold', 'Count', 1);
    return undefined;
  }
  const t0 = performance.now();
  const applying = await refreshForIntake(ports, tenantId, w);
  const t1 = performance.now();
  const matches = w.index.similar(request, { limit: SIMILAR_LIMIT });
  const t2 = performance.now();
  // the lookup with its read, and its part in memory: the refresh applied and similar() (the bench reads both)
  ports.metrics.addMetric('SimilarLookupMs', 'Milliseconds', t2 - t0);
  ports.metrics.addMetric('SimilarMatchMs', 'Milliseconds', applying + (t2 - t1));
  return matches.flatMap((m) => {
    const shown = w.shown.get(m.id);
    if (!shown) return [];
    return [
      {
        ticketId: m.id,
        number: shown.number,
        enterpriseName: shown.enterpriseName,
        title: m.title,
        score: Math.round(m.score * 1000) / 1000,
        ...(shown.commonIssueId ? { commonIssueId: shown.commonIssueId } : {}),
      },
    ];
  });
}

/**
 * After its commit, a new ticket joins the warm index at once (no read: the next refresh finds it applied);
 * a cold container starts loading its index now, in the background (the intake answers without waiting).
 */
export function addToSimilarIndex(ports: SimilarPorts, t: Ticket): void {
  const slot = slotOf(ports, t.tenantId);
  const w = slot.ready;
  if (!w) {
    void startLoad(ports, t.tenantId, slot);
    return;
  }
  apply(
    w,
    {
      id: t.id,
      enterpriseId: t.enterpriseId,
      enterpriseName: t.enterpriseName,
      number: t.number,
      category: t.category,
      title: t.title,
      description: t.description,
      status: t.status,
      updatedAt: t.updatedAt,
      ...(t.commonIssue ? { commonIssueId: t.commonIssue.id } : {}),
    },
    nowIso(ports),
  );
}
