/**
 * The single DynamoDB table, as data: the CDK stack and the local stack both
 * create the table from this, so the two cannot drift. Key attribute names are
 * generic (single-table design); the key builders in functions/src/store/keys.ts
 * give them meaning. See docs/data-model.md.
 */
export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export const TABLE_DEFINITION = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    /** enterprise → tickets; group → feed activity; tenant → supervision notices */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** unit → tickets it handles or co-handles; desk queue; leader → matters led; user → inbox */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** tenant → all tickets (supervision view), by status and time */
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /** sparse: only tickets with a pending escalation, by tenant shard and due time (the sweep) */
    { name: 'due', partitionKey: 'duePk', sortKey: 'dueSk' },
  ] as const satisfies readonly IndexDefinition[],
  /** ephemeral items (idempotency of notifications, old inbox items) expire by TTL on AWS */
  ttlAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof TABLE_DEFINITION.globalSecondaryIndexes)[number]['name'];

/** How many shards the due index spreads a tenant's clocks over (keeps one partition from running hot). */
export const DUE_SHARDS = 4;
