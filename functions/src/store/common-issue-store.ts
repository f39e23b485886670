import { CommonIssue, CommonIssueSuggestion, type SuggestionStatus } from '@whistle/shared';
import * as z from 'zod/mini';
import type { CommonIssueRepository, StoredCommonIssue } from '../ports.js';
import type { Item, Store } from './dynamo.js';
import { holderDueAttributes, keys, type Key } from './keys.js';

/**
 * Common issues (共性问题) and the suggestions proposed to the supervisor, in the tenant's
 * `T#t#CISSUE` partition (docs/data-model.md). A common issue is one item, `CI#<id>`: the record
 * as JSON beside its `rev` and the ticket writes it still owes (`owed`); every write of it is
 * `save`, conditional on the rev read (or its absence), so the due-index attributes of its clocks
 * can be added in this one place. A suggestion is one item, `SUG#<id>`, with its `status` beside it
 * for the conditions (a waiting one is replaced or removed only while it still waits).
 */
const Owed = z.array(z.object({ ticketId: z.string(), op: z.enum(['link', 'unlink', 'solve']) }));

export function commonIssueItem(s: StoredCommonIssue): Item & Key {
  const ci = s.commonIssue;
  return {
    ...keys.commonIssue(ci.tenantId, ci.id),
    entity: 'CISSUE',
    rev: ci.rev,
    status: ci.status,
    commonIssue: JSON.stringify(CommonIssue.parse(ci)),
    owed: JSON.stringify(Owed.parse(s.owed)),
    // its target and open steps put it in the holders' due index until solved (docs/plan-items.md, step 3)
    ...holderDueAttributes(ci.tenantId, ci.id, ci.status !== 'solved', ci.clocks),
  };
}

export function storedCommonIssueOf(item: Item): StoredCommonIssue | undefined {
  if (typeof item.commonIssue !== 'string') return undefined;
  return {
    commonIssue: CommonIssue.parse(JSON.parse(item.commonIssue)),
    owed: typeof item.owed === 'string' ? Owed.parse(JSON.parse(item.owed)) : [],
  };
}

export function suggestionItem(s: CommonIssueSuggestion): Item & Key {
  return { ...keys.commonIssueSuggestion(s.tenantId, s.id), entity: 'CISUG', status: s.status, suggestion: JSON.stringify(CommonIssueSuggestion.parse(s)) };
}

export const suggestionOf = (item: Item): CommonIssueSuggestion | undefined =>
  typeof item.suggestion === 'string' ? CommonIssueSuggestion.parse(JSON.parse(item.suggestion)) : undefined;

export const SAVE_ABSENT = { expression: 'attribute_not_exists(pk)' };
export const saveOnRev = (rev: number) => ({ expression: 'attribute_exists(pk) AND rev = :rev', values: { ':rev': rev } });
export const putSuggestionOn = (expect: 'absent' | SuggestionStatus) =>
  expect === 'absent' ? { expression: 'attribute_not_exists(pk)' } : { expression: 'attribute_exists(pk) AND #s = :s', names: { '#s': 'status' }, values: { ':s': expect } };

export class CommonIssueStore implements CommonIssueRepository {
  constructor(private readonly store: Store) {}

  async get(tenantId: string, id: string): Promise<StoredCommonIssue | undefined> {
    const item = await this.store.get(keys.commonIssue(tenantId, id), true);
    return item ? storedCommonIssueOf(item) : undefined;
  }

  save(stored: StoredCommonIssue, expect: { rev: number } | 'absent'): Promise<boolean> {
    return this.store.put(commonIssueItem(stored), expect === 'absent' ? SAVE_ABSENT : saveOnRev(expect.rev));
  }

  async list(tenantId: string): Promise<CommonIssue[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.commonIssuePk(tenantId), ':p': keys.commonIssuePrefix },
      ConsistentRead: true,
    });
    return items.flatMap((i) => storedCommonIssueOf(i)?.commonIssue ?? []);
  }

  async owing(tenantId: string): Promise<StoredCommonIssue[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.commonIssuePk(tenantId), ':p': keys.commonIssuePrefix },
      ConsistentRead: true,
    });
    return items.flatMap((i) => storedCommonIssueOf(i) ?? []).filter((s) => s.owed.length > 0);
  }

  async suggestion(tenantId: string, id: string): Promise<CommonIssueSuggestion | undefined> {
    const item = await this.store.get(keys.commonIssueSuggestion(tenantId, id), true);
    return item ? suggestionOf(item) : undefined;
  }

  async suggestions(tenantId: string): Promise<CommonIssueSuggestion[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.commonIssuePk(tenantId), ':p': keys.suggestionPrefix },
      ConsistentRead: true,
    });
    return items.flatMap((i) => suggestionOf(i) ?? []);
  }

  putSuggestion(s: CommonIssueSuggestion, expect: 'absent' | SuggestionStatus): Promise<boolean> {
    return this.store.put(suggestionItem(s), putSuggestionOn(expect));
  }

  removeWaitingSuggestion(tenantId: string, id: string): Promise<boolean> {
    return this.store.delete(keys.commonIssueSuggestion(tenantId, id), { expression: '#s = :s', names: { '#s': 'status' }, values: { ':s': 'waiting' } });
  }
}
