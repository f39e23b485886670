import type { Retrospective } from '@whistle/shared';
import type { RetrospectiveRepository } from '../../../functions/src/ports.js';
import { keys } from '../../../functions/src/store/keys.js';
import { retrospectiveItem, retrospectiveOf } from '../../../functions/src/store/retrospective-store.js';
import { roundTrip, type MemoryTable } from './table.js';

/** Retrospectives in memory: the store's items and conditions over the one table. */
export class MemoryRetrospectives implements RetrospectiveRepository {
  constructor(private readonly table: MemoryTable) {}

  async get(tenantId: string, subjectId: string, retroId: string): Promise<Retrospective | undefined> {
    await roundTrip();
    const item = this.table.get(keys.retrospective(tenantId, subjectId, retroId));
    return item ? retrospectiveOf(item) : undefined;
  }

  async ofSubject(tenantId: string, subjectId: string): Promise<Retrospective[]> {
    await roundTrip();
    return this.table
      .queryAll({ pk: keys.ticketPk(tenantId, subjectId), range: (sk) => sk.startsWith(keys.retrospectivePrefix) })
      .flatMap((i) => retrospectiveOf(i) ?? [])
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async create(r: Retrospective): Promise<boolean> {
    await roundTrip();
    return this.table.put(retrospectiveItem(r), (current) => current === undefined);
  }

  async replace(r: Retrospective, expectedRev: number): Promise<boolean> {
    await roundTrip();
    return this.table.put(retrospectiveItem(r), (current) => current !== undefined && current.rev === expectedRev);
  }
}
