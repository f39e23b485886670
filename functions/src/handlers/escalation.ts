import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { processEscalationBatch } from '../services/escalation.js';
import { wire } from '../wiring.js';

/**
 * The escalation worker (SQS consumer with ReportBatchItemFailures): issues
 * each job's supervision notice once and advances its clock. Failed or
 * unreadable records are reported as batch item failures, never thrown.
 */
export const handler = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
  const deps = wire();
  if (context) deps.logger.addContext(context);
  return processEscalationBatch(deps, event.Records, context);
};
