import type { CommonIssue, CommonIssueSuggestion, SuggestionStatus } from '@whistle/shared';
import type { CommonIssueRepository, StoredCommonIssue } from '../../../functions/src/ports.js';
import { keys } from '../../../functions/src/store/keys.js';
import { commonIssueItem, storedCommonIssueOf, suggestionItem, suggestionOf } from '../../../functions/src/store/common-issue-store.js';
import { roundTrip, type MemoryTable } from './table.js';

/** Common issues and their suggestions in memory: the store's items and conditions over the one table. */
export class MemoryCommonIssues implements CommonIssueRepository {
  constructor(private readonly table: MemoryTable) {}

  async get(tenantId: string, id: string): Promise<StoredCommonIssue | undefined> {
    await roundTrip();
    const item = this.table.get(keys.commonIssue(tenantId, id));
    return item ? storedCommonIssueOf(item) : undefined;
  }

  async save(stored: StoredCommonIssue, expect: { rev: number } | 'absent'): Promise<boolean> {
    await roundTrip();
    return this.table.put(commonIssueItem(stored), (current) => (expect === 'absent' ? current === undefined : current !== undefined && current.rev === expect.rev));
  }

  async list(tenantId: string): Promise<CommonIssue[]> {
    await roundTrip();
    return this.table
      .queryAll({ pk: keys.commonIssuePk(tenantId), range: (sk) => sk.startsWith(keys.commonIssuePrefix) })
      .flatMap((i) => storedCommonIssueOf(i)?.commonIssue ?? []);
  }

  async owing(tenantId: string): Promise<StoredCommonIssue[]> {
    await roundTrip();
    return this.table
      .queryAll({ pk: keys.commonIssuePk(tenantId), range: (sk) => sk.startsWith(keys.commonIssuePrefix) })
      .flatMap((i) => storedCommonIssueOf(i) ?? [])
      .filter((s) => s.owed.length > 0);
  }

  async suggestion(tenantId: string, id: string): Promise<CommonIssueSuggestion | undefined> {
    await roundTrip();
    const item = this.table.get(keys.commonIssueSuggestion(tenantId, id));
    return item ? suggestionOf(item) : undefined;
  }

  async suggestions(tenantId: string): Promise<CommonIssueSuggestion[]> {
    await roundTrip();
    return this.table.queryAll({ pk: keys.commonIssuePk(tenantId), range: (sk) => sk.startsWith(keys.suggestionPrefix) }).flatMap((i) => suggestionOf(i) ?? []);
  }

  async putSuggestion(s: CommonIssueSuggestion, expect: 'absent' | SuggestionStatus): Promise<boolean> {
    await roundTrip();
    return this.table.put(suggestionItem(s), (current) => (expect === 'absent' ? current === undefined : current !== undefined && current.status === expect));
  }

  async removeWaitingSuggestion(tenantId: string, id: string): Promise<boolean> {
    await roundTrip();
    const key = keys.commonIssueSuggestion(tenantId, id);
    // checked and deleted in one synchronous step, as a conditional delete is atomic
    if (this.table.get(key)?.status !== 'waiting') return false;
    this.table.delete(key);
    return true;
  }
}
