import * as z from 'zod/mini';
import { Category, Channel, Id, Instant, LocalDate, Priority } from '../schemas/common.js';
import { TicketStatus, type Ticket } from '../schemas/ticket.js';
import { isPendingFinding, visitInstant } from './rules.js';
import { Situation, VisitKind, type Visit } from './schemas.js';
import { POLICY_LABELS, type EnterpriseProfile, type PolicyPush, type ProfileChange } from '../policy/schemas.js';

/**
 * The enterprise's ledger (问题困难动态台账, seed 000): everything that
 * happened to one enterprise, newest first — its tickets (raised, with their
 * status and resolution), the visits paid to it, the policies pushed to it
 * and the changes of its profile. Each entry has a kind; the ledger merges
 * several sources (one per kind of record), each read newest first from its
 * own position, so a new source is one more in the list.
 */

const entry = <K extends string, S extends Record<string, z.ZodMiniType>>(kind: K, shape: S) =>
  z.object({
    kind: z.literal(kind),
    /** the record's id (ticket, visit, push, change): with `at`, its place in the ledger */
    id: z.string(),
    /** when it happened (UTC): the ledger's order, newest first */
    at: Instant,
    ...shape,
  });

/** A ticket of the enterprise, at its raising: its status now and, once resolved, when. */
export const LedgerTicketEntry = entry('ticket', {
  number: z.string(),
  title: z.string(),
  category: Category,
  channel: Channel,
  priority: Priority,
  status: TicketStatus,
  handlingUnitName: z.optional(z.string()),
  resolvedAt: z.optional(Instant),
});
export type LedgerTicketEntry = z.infer<typeof LedgerTicketEntry>;

/** A visit paid to the enterprise: who went, how it was doing, what was found. */
export const LedgerVisitEntry = entry('visit', {
  date: LocalDate,
  visitKind: VisitKind,
  visitors: z.array(z.string()),
  situation: Situation,
  findings: z.int().check(z.minimum(0)),
  /** findings neither solved on the spot nor turned into a ticket */
  pendingFindings: z.int().check(z.minimum(0)),
  /** the tickets its findings became */
  ticketIds: z.array(Id),
});
export type LedgerVisitEntry = z.infer<typeof LedgerVisitEntry>;

/** A policy pushed to the enterprise (政策超市: the policy store provides these). */
export const LedgerPolicyEntry = entry('policyPushed', {
  policyId: Id,
  title: z.string(),
});
export type LedgerPolicyEntry = z.infer<typeof LedgerPolicyEntry>;

/** A change of the enterprise's profile (tags, bands…: the policy store provides these). */
export const LedgerProfileChange = z.object({
  /** the profile field changed */
  field: z.string(),
  /** its name in Chinese */
  label: z.string(),
  before: z.optional(z.string()),
  after: z.optional(z.string()),
});
export type LedgerProfileChange = z.infer<typeof LedgerProfileChange>;
export const LedgerProfileEntry = entry('profileChanged', {
  changes: z.array(LedgerProfileChange),
  by: z.optional(z.object({ userId: Id, name: z.string() })),
});
export type LedgerProfileEntry = z.infer<typeof LedgerProfileEntry>;

export const LEDGER_KINDS = ['ticket', 'visit', 'policyPushed', 'profileChanged'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = { ticket: '诉求', visit: '走访', policyPushed: '政策推送', profileChanged: '画像变更' };

export const LedgerEntry = z.discriminatedUnion('kind', [LedgerTicketEntry, LedgerVisitEntry, LedgerPolicyEntry, LedgerProfileEntry]);
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/** An entry's place in the ledger: `at#id` (ISO instants sort as text; the id breaks ties). */
export const ledgerPosition = (e: Pick<LedgerEntry, 'at' | 'id'>): string => `${e.at}#${e.id}`;

export function ticketLedgerEntry(t: Ticket): LedgerTicketEntry {
  return {
    kind: 'ticket',
    id: t.id,
    at: t.createdAt,
    number: t.number,
    title: t.title,
    category: t.category,
    channel: t.channel,
    priority: t.priority,
    status: t.status,
    ...(t.handlingUnitName ? { handlingUnitName: t.handlingUnitName } : {}),
    ...(t.resolution ? { resolvedAt: t.resolution.at } : {}),
  };
}

export function visitLedgerEntry(v: Visit): LedgerVisitEntry {
  return {
    kind: 'visit',
    id: v.id,
    at: visitInstant(v),
    date: v.date,
    visitKind: v.kind,
    visitors: v.visitors.map((x) => x.name),
    situation: v.situation,
    findings: v.findings.length,
    pendingFindings: v.findings.filter(isPendingFinding).length,
    ticketIds: v.findings.flatMap((f) => (f.ticket ? [f.ticket.ticketId] : [])),
  };
}

export function policyPushLedgerEntry(push: PolicyPush): LedgerPolicyEntry {
  return { kind: 'policyPushed', id: `push-${push.policyId}`, at: push.at, policyId: push.policyId, title: push.title };
}

/** Each profile field as people read it (企业标签: 专精特新、规上企业). */
const PROFILE_FIELDS: ReadonlyArray<{ field: keyof EnterpriseProfile; label: string; text(p: EnterpriseProfile): string | undefined }> = [
  { field: 'tags', label: '企业标签', text: (p) => (p.tags.length ? p.tags.map((t) => POLICY_LABELS.tag[t]).join('、') : undefined) },
  { field: 'headcountBand', label: '从业人数', text: (p) => (p.headcountBand ? POLICY_LABELS.headcount[p.headcountBand] : undefined) },
  { field: 'revenueBand', label: '营业收入', text: (p) => (p.revenueBand ? POLICY_LABELS.revenue[p.revenueBand] : undefined) },
];

export function profileChangeLedgerEntry(c: ProfileChange): LedgerProfileEntry {
  const changes = PROFILE_FIELDS.flatMap(({ field, label, text }) => {
    const before = text(c.before);
    const after = text(c.after);
    return before === after ? [] : [{ field, label, ...(before ? { before } : {}), ...(after ? { after } : {}) }];
  });
  return { kind: 'profileChanged', id: `profile-${c.rev}`, at: c.at, changes, by: c.by };
}

// ── merging the sources ─────────────────────────────────────────────────────

/**
 * Where the reading stands in each source: the position of the last entry
 * taken from it (`undefined`: nothing taken yet, read from the newest),
 * or `null` once it has nothing more.
 */
export type LedgerPositions = Record<string, string | null | undefined>;

/** What a source answered from its position: at most `limit` entries older than it, newest first. */
export type LedgerPages = Record<string, readonly LedgerEntry[]>;

/**
 * One page of the ledger from the sources' pages, each read with `limit` from
 * its position: the `limit` newest entries of them all, and the positions to
 * read on from (undefined when every source is done). A source whose page was
 * short and wholly taken is done.
 */
export function mergeLedgerPages(pages: LedgerPages, from: LedgerPositions, limit: number): { items: LedgerEntry[]; next?: LedgerPositions } {
  const all = Object.entries(pages).flatMap(([source, entries]) => entries.map((e) => ({ source, e, pos: ledgerPosition(e) })));
  all.sort((a, b) => (a.pos === b.pos ? 0 : a.pos < b.pos ? 1 : -1));
  const taken = all.slice(0, limit);
  const next: LedgerPositions = { ...from };
  for (const [source, entries] of Object.entries(pages)) {
    const mine = taken.filter((t) => t.source === source);
    const last = mine.at(-1);
    if (last) next[source] = last.pos;
    if (entries.length < limit && mine.length === entries.length) next[source] = null;
  }
  const more = Object.keys(pages).some((s) => next[s] !== null);
  return { items: taken.map((t) => t.e), ...(more ? { next } : {}) };
}
