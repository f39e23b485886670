import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_DEFINITION, type IndexDefinition } from '@whistle/shared';
import dynalite from 'dynalite';
import { startFauxqs } from 'fauxqs';
import { dlqName, QUEUES, type QueueName } from '../topology.js';

/**
 * The embedded, real-protocol services of the local stack: dynalite (DynamoDB
 * wire protocol on LevelDB, persisted to a folder) and fauxqs (SQS JSON
 * protocol, in memory). Tests and `npm start` both use these.
 */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** CreateTable input from the shared table definition (the CDK stack reads the same definition). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const d = TABLE_DEFINITION;
  const attrs = new Set<string>([d.partitionKey, d.sortKey]);
  for (const g of d.globalSecondaryIndexes) {
    attrs.add(g.partitionKey);
    attrs.add(g.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attrs].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: d.partitionKey, KeyType: 'HASH' },
      { AttributeName: d.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: (d.globalSecondaryIndexes as readonly IndexDefinition[]).map((g) => ({
      IndexName: g.name,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' },
        { AttributeName: g.sortKey, KeyType: 'RANGE' },
      ],
      Projection: g.projection ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...g.projection] } : { ProjectionType: 'ALL' },
    })),
  };
}

/**
 * A table kept from an earlier start (DATA_DIR) may predate an index the definition gained since: dynalite
 * cannot add one to an existing table (UpdateTable's Create is not implemented), so say what is missing and
 * how to start fresh. What reads only that index degrades (e.g. intake answers without similar requests).
 */
function warnMissingIndexes(tableName: string, present: readonly string[]): void {
  const missing = TABLE_DEFINITION.globalSecondaryIndexes.map((g) => g.name).filter((n) => !present.includes(n));
  if (missing.length === 0) return;
  console.warn(
    `[local] table ${tableName} has no index ${missing.join(', ')} (added to shared/src/table.ts since it was created): ` +
      'dynalite cannot add an index to an existing table; move the data folder (DATA_DIR, default .data/) aside to start fresh.',
  );
}

/** Creates the table if it is missing and waits until it is ACTIVE. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    } catch (e) {
      if (!(e instanceof ResourceInUseException)) throw e;
    }
    for (let i = 0; i < 100; i++) {
      const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (out.Table?.TableStatus === 'ACTIVE') {
        warnMissingIndexes(tableName, out.Table.GlobalSecondaryIndexes?.map((g) => g.IndexName ?? '') ?? []);
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`table ${tableName} did not become ACTIVE`);
  } finally {
    client.destroy();
  }
}

/**
 * An SDK DocumentClient on the local dynalite: for the tests and benches that
 * read the table behind the functions' back, or set it up in bulk. The
 * functions themselves call DynamoDB through their own adapter (store/dynamo.ts).
 */
export const localDocumentClient = (endpoint: string): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });

/**
 * An SDK SQS client on the local fauxqs: for the local stack's pollers (the
 * stand-in for Lambda's event source mappings) and the tests. The functions
 * themselves send through adapters/sqs-queue.ts (the same SDK client).
 */
export const localSqsClient = (endpoint: string): SQSClient =>
  new SQSClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, useQueueUrlAsEndpoint: false });

/** Creates the queues and their dead-letter queues if missing; returns the queue URLs. */
export async function ensureQueues(endpoint: string, prefix = ''): Promise<Record<QueueName, string> & { dlq: Record<QueueName, string> }> {
  const sqs = localSqsClient(endpoint);
  try {
    const urls = {} as Record<QueueName, string>;
    const dlq = {} as Record<QueueName, string>;
    for (const name of Object.keys(QUEUES) as QueueName[]) {
      const spec = QUEUES[name];
      const dlqOut = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}${dlqName(name)}` }));
      const dlqUrl = dlqOut.QueueUrl ?? '';
      const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }));
      const out = await sqs.send(
        new CreateQueueCommand({
          QueueName: `${prefix}${spec.name}`,
          Attributes: {
            VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: attrs.Attributes?.QueueArn, maxReceiveCount: spec.maxReceiveCount }),
          },
        }),
      );
      urls[name] = out.QueueUrl ?? '';
      dlq[name] = dlqUrl;
    }
    return { ...urls, dlq };
  } finally {
    sqs.destroy();
  }
}

export interface LocalServices {
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  stop(): Promise<void>;
}

const listen = (server: Server, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/**
 * Starts dynalite (persisted under `dataDir`, or in memory without one) and
 * fauxqs on the given ports (0: any free port).
 */
export async function startLocalServices(opts: { dataDir?: string; dynamoPort?: number; sqsPort?: number } = {}): Promise<LocalServices> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const dyn = dynalite({ ...(opts.dataDir ? { path: opts.dataDir } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const dynPort = await listen(dyn, opts.dynamoPort ?? 0, '127.0.0.1');
  let sqs: Awaited<ReturnType<typeof startFauxqs>>;
  try {
    sqs = await startFauxqs({ port: opts.sqsPort ?? 0, logger: false, host: '127.0.0.1' });
  } catch (e) {
    await new Promise<void>((r) => dyn.close(() => r()));
    throw e;
  }
  return {
    dynamodbEndpoint: `http://127.0.0.1:${dynPort}`,
    sqsEndpoint: `http://127.0.0.1:${sqs.port}`,
    async stop() {
      await sqs.stop();
      // dynalite flushes LevelDB on close: data survives the restart
      await new Promise<void>((resolve) => dyn.close(() => resolve()));
    },
  };
}
