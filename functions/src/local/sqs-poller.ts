import {
  type Message,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

/** An SQS message as the event source mapping hands it to a consumer. */
export const toSqsRecord = (m: Message, queueArn: string): SQSRecord => ({
  messageId: m.MessageId ?? '',
  receiptHandle: m.ReceiptHandle ?? '',
  body: m.Body ?? '',
  attributes: {
    ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: 'local',
    ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: m.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: queueArn.split(':')[3] ?? 'us-east-1',
});

/**
 * Event source mapping semantics, locally: receive a batch, invoke the
 * consumer with an SQS event, delete what succeeded. Items the handler
 * reports in `batchItemFailures` (or the whole batch when it throws) stay on
 * the queue and come back after the visibility timeout; after
 * maxReceiveCount the queue's RedrivePolicy moves them to the DLQ.
 */
export class SqsPoller {
  private running = false;
  private busy = 0;
  /** when the messages this poller failed become visible again (they are in flight until then) */
  private failedHidden: number[] = [];
  private loop: Promise<void> | undefined;
  delivered = 0;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly queueArn: string,
    private readonly handler: () => Promise<SqsHandler>,
    private readonly opts: { batchSize: number; waitSeconds?: number; visibilityTimeoutSeconds?: number; onError?: (e: unknown) => void },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.pollOnce(this.opts.waitSeconds ?? 1);
      } catch (e) {
        this.opts.onError?.(e);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** One receive → invoke → delete cycle; returns how many messages it handled. */
  async pollOnce(waitSeconds = 0): Promise<number> {
    const out = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: this.opts.batchSize,
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const messages = out.Messages ?? [];
    if (messages.length === 0) return 0;
    this.busy++;
    try {
      const records = messages.map((m) => toSqsRecord(m, this.queueArn));
      let failed = new Set<string>();
      try {
        const res = await (await this.handler())({ Records: records });
        failed = new Set((res?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (e) {
        // a thrown handler fails the whole batch, as on AWS
        this.opts.onError?.(e);
        failed = new Set(records.map((r) => r.messageId));
      }
      const back = Date.now() + (this.opts.visibilityTimeoutSeconds ?? 30) * 1000;
      for (let i = 0; i < failed.size; i++) this.failedHidden.push(back);
      const done = records.filter((r) => !failed.has(r.messageId));
      if (done.length > 0) {
        await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
          }),
        );
      }
      this.delivered += done.length;
      return messages.length;
    } finally {
      this.busy--;
    }
  }

  /**
   * Waits until the queue has nothing visible and nothing in flight but the
   * messages this poller failed (they wait out their visibility timeout): a
   * batch just received, whose handler has not started yet, is in flight too.
   * False when the wait ran out first.
   */
  async drain(timeoutMs = 10_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const attrs = await this.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      const now = Date.now();
      this.failedHidden = this.failedHidden.filter((t) => t > now);
      const visible = Number(attrs.Attributes?.ApproximateNumberOfMessages ?? '0');
      const inFlight = Number(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible ?? '0');
      if (visible === 0 && inFlight <= this.failedHidden.length && this.busy === 0) return true;
      if (!this.running) await this.pollOnce(0);
      else await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }
}
