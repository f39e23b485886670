import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { SqsQueue } from '../adapters/sqs-queue.js';
import { LOCAL_CREDENTIALS, provide, provideSqs } from '../wiring.js';

/**
 * SQS for the functions that send (topology's `sendsTo`) or check the queues
 * (the health check), imported by their handlers: no other bundle carries the
 * SQS client (tests/unit/queue-wiring.test.ts checks both ways).
 */
provideSqs({
  client: (cfg) =>
    new SQSClient({
      region: cfg.region,
      retryMode: 'standard',
      maxAttempts: 3,
      ...(cfg.endpoints.sqs ? { endpoint: cfg.endpoints.sqs, credentials: LOCAL_CREDENTIALS, useQueueUrlAsEndpoint: false } : {}),
    }),
  answers: async (sqs, queueUrl) => void (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }))),
});
provide('queue', (_store, sqs, cfg) => new SqsQueue(sqs(), cfg.queueUrls));
