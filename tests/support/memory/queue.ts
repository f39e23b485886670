import { ASSESS_EVENT, QueueUnavailableError } from '@whistle/shared';
import type { EscalationJob, OutboxMessage, QueuePort } from '../../../functions/src/ports.js';
import { roundTrip } from './table.js';

/**
 * The queues in memory: every message sent, in order (a re-send appears
 * again, as on SQS; the outbox consumer recognises it by its id).
 * `failNext(n)`: the next n sends are refused with QueueUnavailableError, as
 * the SQS adapter answers when SQS does not take a batch.
 */
export class MemoryQueue implements QueuePort {
  /** the notifications sent (the commits' `assess` messages are in `assessments`) */
  readonly outbox: OutboxMessage[] = [];
  readonly assessments: OutboxMessage[] = [];
  readonly escalations: EscalationJob[] = [];
  private refusals = 0;

  private refusing: 'outbox' | 'escalation' | 'any' = 'any';

  /** the next n sends (of `which` queue) are refused */
  failNext(n = 1, which: 'outbox' | 'escalation' | 'any' = 'any'): void {
    this.refusals = n;
    this.refusing = which;
  }

  async sendOutbox(messages: OutboxMessage[]): Promise<void> {
    await this.send('outbox');
    for (const m of structuredClone(messages)) (m.event === ASSESS_EVENT ? this.assessments : this.outbox).push(m);
  }

  async sendEscalations(jobs: EscalationJob[]): Promise<void> {
    await this.send('escalation');
    this.escalations.push(...structuredClone(jobs));
  }

  /** the outbox messages of one ticket */
  outboxOf(ticketId: string): OutboxMessage[] {
    return this.outbox.filter((m) => m.ticketId === ticketId);
  }

  private async send(queue: 'outbox' | 'escalation'): Promise<void> {
    await roundTrip();
    if (this.refusals > 0 && (this.refusing === 'any' || this.refusing === queue)) {
      this.refusals--;
      throw new QueueUnavailableError(new Error('memory queue: refused (failNext)'));
    }
  }
}
