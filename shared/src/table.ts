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
  /** the non-key attributes it projects (INCLUDE); absent: every attribute (ALL) */
  projection?: readonly string[];
}

/** What the `changed` index holds of a ticket: the request, who, its number, status, last change, common issue. */
export const CHANGED_PROJECTION = ['id', 'enterpriseId', 'enterpriseName', 'number', 'category', 'title', 'description', 'status', 'updatedAt', 'commonIssue'] as const;

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
    /**
     * sparse: only ticket items (out of intake), by tenant and `updatedAt`: the tickets changed since a
     * watermark, projected to what the warm similar-requests index reads (issue 14; docs/data-model.md #48)
     */
    {
      name: 'changed',
      partitionKey: 'changedPk',
      sortKey: 'changedSk',
      projection: CHANGED_PROJECTION,
    },
  ] as const satisfies readonly IndexDefinition[],
  /** ephemeral items (idempotency of notifications, old inbox items) expire by TTL on AWS */
  ttlAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof TABLE_DEFINITION.globalSecondaryIndexes)[number]['name'];

/** How many shards the due index spreads a tenant's clocks over (keeps one partition from running hot). */
export const DUE_SHARDS = 4;
