import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { NotConfiguredError, QueueUnavailableError } from '@whistle/shared';
import type { ImportChunkJob, ImportQueue } from '../ports.js';
import { AwsCallError } from './aws-errors.js';
import { encodeBody } from './sqs-queue.js';

/** attempts of a batch's failed entries before the send is an error */
const ENTRY_ATTEMPTS = 3;

/** The importer queue (SQS): one message per chunk to write, ten a request, every entry accounted for. */
export class SqsImportQueue implements ImportQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly url: string | undefined,
  ) {}

  async sendChunks(jobs: readonly ImportChunkJob[]): Promise<void> {
    if (!this.url) throw new NotConfiguredError('导入队列（IMPORTER_QUEUE_URL）');
    for (let i = 0; i < jobs.length; i += 10) {
      let pending = jobs.slice(i, i + 10).map((j, k) => ({ Id: String(k), MessageBody: encodeBody(j) }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        let failed: Set<string>;
        try {
          const out = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.url, Entries: pending }));
          failed = new Set((out.Failed ?? []).map((f) => f.Id ?? ''));
        } catch (e) {
          throw new QueueUnavailableError(AwsCallError.from(e, `sqs SendMessageBatch ${this.url}`));
        }
        pending = pending.filter((p) => failed.has(p.Id));
        if (pending.length > 0 && attempt >= ENTRY_ATTEMPTS) throw new QueueUnavailableError(new Error(`${pending.length} messages not accepted by ${this.url}`));
      }
    }
  }
}
