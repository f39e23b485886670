import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { processEscalationBatch } from '../services/escalation.js';
import { wire } from '../wiring.js';

/**
 * The escalation worker (SQS consumer with ReportBatchItemFailures): issues
 * each job's supervision notice once and advances its clock. Failed or
 * unreadable records are reported as batch item failures, never thrown.
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => processEscalationBatch(wire(), event.Records);
