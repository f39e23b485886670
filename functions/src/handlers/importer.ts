import '../wiring/imports.js';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { writeChunk } from '../services/imports.js';
import { wire } from '../wiring.js';

const ChunkMessage = z.object({ tenantId: z.string().check(z.minLength(1)), jobId: z.string().check(z.minLength(1)), chunk: z.int().check(z.minimum(0)) });

/**
 * The importer: the importer queue's consumer (Powertools batch processing).
 * Each record is one chunk of a running import job, written and counted once;
 * a failure is reported for its record alone (batchItemFailures), so SQS
 * redelivers it and dead-letters what keeps failing.
 */
export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  const deps = wire();
  if (context) deps.logger.addContext(context);
  return processPartialResponse(
    event,
    async (record: SQSRecord) => {
      try {
        await writeChunk(deps, ChunkMessage.parse(JSON.parse(record.body)));
      } catch (e) {
        deps.logger.error('import chunk failed', { messageId: record.messageId, error: e as Error });
        throw e;
      }
    },
    new BatchProcessor(EventType.SQS),
    { ...(context ? { context } : {}), throwOnFullBatchFailure: false },
  );
}
