import 'vitest';
import type { TestProject } from 'vitest/node';
import { ensureQueues, ensureTable, startLocalServices, type LocalServices } from '../../functions/src/local/services.js';

/**
 * Integration tier: one dynalite and one fauxqs per run, on free ports, spoken
 * to over HTTP with the real AWS SDK. Each test file works in its own tenant.
 */
export interface IntegrationEnv {
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  tableName: string;
  queueUrls: { escalation: string; outbox: string };
  dlqUrls: { escalation: string; outbox: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    integrationEnv: IntegrationEnv;
  }
}

// the AWS SDK's Node-version notice, once per process otherwise (vitest.config.ts silences the workers)
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let services: LocalServices | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // WHISTLE_DYNAMODB_ENDPOINT points the store tests at another DynamoDB (the official DynamoDB Local in CI)
  const external = process.env.WHISTLE_DYNAMODB_ENDPOINT;
  services = await startLocalServices();
  const dynamodbEndpoint = external ?? services.dynamodbEndpoint;
  console.log(`[integration] DynamoDB: ${external ? `official DynamoDB Local at ${external}` : `dynalite at ${dynamodbEndpoint}`}; SQS: fauxqs at ${services.sqsEndpoint}`);
  const tableName = `whistle-test-${Date.now()}`;
  await ensureTable(dynamodbEndpoint, tableName);
  const queues = await ensureQueues(services.sqsEndpoint);
  project.provide('integrationEnv', {
    dynamodbEndpoint,
    sqsEndpoint: services.sqsEndpoint,
    tableName,
    queueUrls: { escalation: queues.escalation, outbox: queues.outbox },
    dlqUrls: queues.dlq,
  });
  return async () => {
    await services?.stop();
  };
}
