import { commonIssueHolder, retrospectiveHolder, type Clock, type HolderKind, type HolderRef, type LadderHolder } from '@whistle/shared';
import type { Item } from './dynamo.js';
import { keys, type Key } from './keys.js';
import { retrospectiveItem, retrospectiveOf } from './retrospective-store.js';
import { commonIssueItem, storedCommonIssueOf } from './common-issue-store.js';

/**
 * Records of their own that hold clocks (docs/plan-items.md, step 3), as
 * items: where each kind lives, how it reads as a ladder holder, and the item
 * after a notice advanced its clocks (rev + 1). The DynamoDB adapters and their
 * in-memory twins both build them here. Adding a kind is one entry.
 */
export interface HolderItems {
  /** the entity name its items carry */
  entity: string;
  key(tenantId: string, ticketId: string, id: string): Key;
  read(item: Item): { holder: LadderHolder; rev: number } | undefined;
  /** the item with these clocks, rev + 1, updated at `now` */
  advanced(item: Item, clocks: Clock[], now: string): (Item & Key) | undefined;
}

const RETROSPECTIVE: HolderItems = {
  entity: 'RETRO',
  // the holder's partition: its subject's (a ticket's, or a common issue's own id)
  key: (tenantId, partition, id) => keys.retrospective(tenantId, partition, id),
  read(item) {
    const r = retrospectiveOf(item);
    return r ? { holder: retrospectiveHolder(r), rev: r.rev } : undefined;
  },
  advanced(item, clocks, now) {
    const r = retrospectiveOf(item);
    return r ? retrospectiveItem({ ...r, clocks, updatedAt: now, rev: r.rev + 1 }) : undefined;
  },
};

const COMMON_ISSUE: HolderItems = {
  entity: 'CISSUE',
  key: (tenantId, _partition, id) => keys.commonIssue(tenantId, id),
  read(item) {
    const s = storedCommonIssueOf(item);
    return s ? { holder: commonIssueHolder(s.commonIssue), rev: s.commonIssue.rev } : undefined;
  },
  advanced(item, clocks, now) {
    const s = storedCommonIssueOf(item);
    // the ticket writes it owes stay owed: the next change or retry finishes them
    return s ? commonIssueItem({ ...s, commonIssue: { ...s.commonIssue, clocks, updatedAt: now, rev: s.commonIssue.rev + 1 } }) : undefined;
  },
};

const HOLDERS: Record<HolderKind, HolderItems> = { retrospective: RETROSPECTIVE, commonIssue: COMMON_ISSUE };

export const holderItems = (kind: HolderKind): HolderItems | undefined => HOLDERS[kind] as HolderItems | undefined;

/** The kind of a holder item (by its entity), if it is one. */
export function holderKindOf(item: Item): HolderKind | undefined {
  for (const [kind, h] of Object.entries(HOLDERS) as Array<[HolderKind, HolderItems]>) if (item.entity === h.entity) return kind;
  return undefined;
}

/** A due-index item as the sweep sees it: the holder, parsed (or why not). */
export function holderDueEntryOf(item: Item): { ref: HolderRef; ticketId: string; key: Key; dueSk: string; holder?: LadderHolder; error?: string } {
  const dueSk = String(item.dueSk);
  const key = { pk: String(item.pk), sk: String(item.sk) };
  const kind = holderKindOf(item);
  const read = (() => {
    try {
      return kind ? holderItems(kind)?.read(item) : undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  })();
  const base = { key, dueSk };
  if (kind && read && typeof read !== 'string') return { ...base, ref: { kind, id: read.holder.id }, ticketId: read.holder.ticketId, holder: read.holder };
  return { ...base, ref: { kind: kind ?? 'retrospective', id: key.sk }, ticketId: key.pk, error: typeof read === 'string' ? read : `not a holder: ${String(item.entity)}` };
}
