import '../../functions/src/wiring/assessment.js';
import '../../functions/src/wiring/races.js';
import '../../functions/src/wiring/visits.js';
import '../../functions/src/wiring/imports.js';
import '../../functions/src/wiring/import-queue.js';
import '../../functions/src/wiring/queue.js';
import '../../functions/src/wiring/tokens.js';
import '../../functions/src/wiring/wechat.js';
import '../../functions/src/wiring/holders.js';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { resetConfig } from '../../functions/src/config.js';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureQueues, localDocumentClient, localSqsClient } from '../../functions/src/local/services.js';
import { demoTenant, type TenantData } from '../../functions/src/local/demo-data.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { resetWiring, wire, type Deps } from '../../functions/src/wiring.js';

export interface TestEnv {
  deps: Deps;
  /** the real AWS SDK on the test's queues: to read, send, purge as a test needs */
  sqs: SQSClient;
  /** the real AWS SDK on the table: to read behind the functions' back (they call DynamoDB through store/dynamo.ts) */
  doc: DynamoDBDocumentClient;
  tenantId: string;
  data: TenantData;
  queueUrls: { escalation: string; outbox: string; importer: string };
  dlqUrls: { escalation: string; outbox: string; importer: string };
  env: Record<string, string>;
}

export const TEST_SIGNING_KEY = 'test-signing-key-0123456789abcdef0123456789';

/**
 * Points this test file's handlers at the integration services, in a tenant
 * and queues of its own (files run in parallel and must not see each other),
 * and loads the demo district into that tenant.
 */
export async function useIntegrationEnv(opts: { seed?: boolean } = {}): Promise<TestEnv> {
  const base = inject('integrationEnv');
  const suffix = randomBytes(4).toString('hex');
  const queues = await ensureQueues(base.sqsEndpoint, `t${suffix}-`);
  const tenantId = `t${suffix}`;
  const env: Record<string, string> = {
    DEV_TENANT: tenantId,
    TABLE_NAME: base.tableName,
    DYNAMODB_ENDPOINT: base.dynamodbEndpoint,
    SQS_ENDPOINT: base.sqsEndpoint,
    AWS_REGION: 'us-east-1',
    ESCALATION_QUEUE_URL: queues.escalation,
    OUTBOX_QUEUE_URL: queues.outbox,
    IMPORTER_QUEUE_URL: queues.importer,
    TOKEN_SIGNING_KEY: TEST_SIGNING_KEY,
    DEV_ROUTES: 'true',
    // the integration services are a local stack: the dev routes need it said (config.ts devRoutesOn)
    WHISTLE_LOCAL: 'true',
    STAGE: 'test',
    POWERTOOLS_METRICS_DISABLED: 'true',
    // every test file signs in from 127.0.0.1 into the one table, in parallel: hundreds of sign-ins from one
    // source in minutes, which the default (60 per 15 minutes) refuses. Per user stays the default (10 per 15
    // minutes, the tenant is the file's own); tests/reliability/rate-limits.test.ts tests both limits.
    LOGIN_LIMIT_PER_SOURCE: '100000/900',
  };
  Object.assign(process.env, env);
  resetConfig();
  resetWiring();
  const deps = wire();
  const data = demoTenant(tenantId, `测试区${suffix}`);
  if (opts.seed !== false) await seedTenant(deps.store, deps.refs, data);
  return {
    deps,
    sqs: localSqsClient(base.sqsEndpoint),
    doc: localDocumentClient(base.dynamodbEndpoint),
    tenantId,
    data,
    queueUrls: { escalation: queues.escalation, outbox: queues.outbox, importer: queues.importer },
    dlqUrls: queues.dlq,
    env,
  };
}
