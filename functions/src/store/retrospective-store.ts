import { Retrospective, retrospectiveHolder, subjectPartitionId } from '@whistle/shared';
import type { RetrospectiveRepository } from '../ports.js';
import type { Item, Store } from './dynamo.js';
import { holderDueAttributes, keys, type Key } from './keys.js';

/**
 * Retrospectives (典型问题复盘): one item each in its subject's partition —
 * its ticket's, or its common issue's own id (where the common issue's 督办单 are):
 * `T#t#TICKET#<ticketId | commonIssueId> / RETRO#<id>` — the record as JSON beside its `rev`,
 * and in the holders' due index while an issued one has open tasks.
 * Opened `attribute_not_exists(pk)`; replaced `rev = :expected`.
 */
export function retrospectiveItem(r: Retrospective): Item & Key {
  const h = retrospectiveHolder(r);
  return {
    ...keys.retrospective(r.tenantId, subjectPartitionId(r.subject), r.id),
    entity: 'RETRO',
    rev: r.rev,
    retrospective: JSON.stringify(Retrospective.parse(r)),
    // its open tasks' clocks put it in the due index, like a ticket's (docs/plan-items.md, step 3)
    ...holderDueAttributes(r.tenantId, r.id, h.open, h.clocks),
  };
}

export const retrospectiveOf = (item: Item): Retrospective | undefined =>
  typeof item.retrospective === 'string' ? Retrospective.parse(JSON.parse(item.retrospective)) : undefined;

export class RetrospectiveStore implements RetrospectiveRepository {
  constructor(private readonly store: Store) {}

  async get(tenantId: string, subjectId: string, retroId: string): Promise<Retrospective | undefined> {
    const item = await this.store.get(keys.retrospective(tenantId, subjectId, retroId), true);
    return item ? retrospectiveOf(item) : undefined;
  }

  async ofSubject(tenantId: string, subjectId: string): Promise<Retrospective[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.ticketPk(tenantId, subjectId), ':p': keys.retrospectivePrefix },
    });
    return items
      .flatMap((i) => retrospectiveOf(i) ?? [])
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  create(r: Retrospective): Promise<boolean> {
    return this.store.put(retrospectiveItem(r), { expression: 'attribute_not_exists(pk)' });
  }

  replace(r: Retrospective, expectedRev: number): Promise<boolean> {
    return this.store.put(retrospectiveItem(r), { expression: 'attribute_exists(pk) AND rev = :rev', values: { ':rev': expectedRev } });
  }
}
