import { QueueUnavailableError } from '@whistle/shared';
import type { EscalationJob, OutboxMessage, QueuePort } from '../ports.js';
import type { SqsApi } from './sqs-api.js';

/** SQS adapter: batches of ten, every entry accounted for (a failed entry is an error, never dropped). */
export class SqsQueue implements QueuePort {
  constructor(
    private readonly sqs: SqsApi,
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
      let pending = chunk.map((e, j) => ({ Id: String(j), MessageBody: JSON.stringify(e.body) }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        let out;
        try {
          out = await this.sqs.sendMessageBatch(url, pending);
        } catch (e) {
          throw new QueueUnavailableError(e);
        }
        const failed = new Set(out.Failed.map((f) => f.Id));
        pending = pending.filter((p) => failed.has(p.Id));
        if (pending.length > 0 && attempt >= 2) {
          throw new QueueUnavailableError(new Error(`${pending.length} messages not accepted by ${url}`));
        }
      }
    }
  }
}
