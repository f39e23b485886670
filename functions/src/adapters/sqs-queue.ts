import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { QueueUnavailableError } from '@whistle/shared';
import type { EscalationJob, OutboxMessage, QueuePort } from '../ports.js';
import { AwsCallError } from './aws-errors.js';

/**
 * A message body: JSON with every UTF-16 surrogate (emoji, CJK Extension B
 * such as 𠀀) escaped as \uXXXX. JSON.parse on the consumer reads it back
 * unchanged; the local SQS emulator (fauxqs) rejects characters outside the
 * Basic Multilingual Plane that real SQS accepts, so this keeps the local
 * stack behaving like AWS.
 */
export const encodeBody = (body: unknown): string =>
  JSON.stringify(body).replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** attempts of a batch's failed entries before the send is an error */
const ENTRY_ATTEMPTS = 3;

/**
 * SQS adapter (the SDK's SQSClient: retries, throttling and body checksums are
 * its): batches of ten, every entry accounted for (a failed entry is retried,
 * one still failing is an error, never dropped).
 */
export class SqsQueue implements QueuePort {
  constructor(
    private readonly sqs: SQSClient,
    private readonly urls: { escalation: string; outbox: string },
  ) {}

  sendOutbox(messages: OutboxMessage[]): Promise<void> {
    return this.send(this.urls.outbox, messages.map((m) => ({ id: m.id, body: m })));
  }

  sendEscalations(jobs: EscalationJob[]): Promise<void> {
    return this.send(
      this.urls.escalation,
      jobs.map((j) => ({ id: `${j.ticketId}:${j.clockId}:${j.cycle}:${j.level}`, body: j })),
    );
  }

  private async send(url: string, entries: Array<{ id: string; body: unknown }>): Promise<void> {
    for (let i = 0; i < entries.length; i += 10) {
      const chunk = entries.slice(i, i + 10);
      let pending = chunk.map((e, j) => ({ Id: String(j), MessageBody: encodeBody(e.body) }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        let failed: Set<string>;
        try {
          const out = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: pending }));
          failed = new Set((out.Failed ?? []).map((f) => f.Id ?? ''));
        } catch (e) {
          throw new QueueUnavailableError(AwsCallError.from(e, `sqs SendMessageBatch ${url}`));
        }
        pending = pending.filter((p) => failed.has(p.Id));
        if (pending.length > 0 && attempt >= ENTRY_ATTEMPTS) {
          throw new QueueUnavailableError(new Error(`${pending.length} messages not accepted by ${url}`));
        }
      }
    }
  }
}
