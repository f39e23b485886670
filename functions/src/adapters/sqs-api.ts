import { createHash } from 'node:crypto';
import { AwsJsonApi, type AwsJsonApiOptions } from './aws-json-api.js';
import { serviceEndpoint } from './aws-signing.js';

/**
 * The two SQS calls the functions make (SendMessageBatch on every command,
 * GetQueueAttributes for the health check), as signed JSON-protocol requests
 * (aws-json-api.ts). The SQS client added ~25 KB to every bundle and its own
 * first-call set-up to the cold start of every function that sends; the local
 * pollers and the tests still use the SDK.
 */
export interface SqsBatchEntry {
  Id: string;
  MessageBody: string;
}

export interface SqsBatchResult {
  Successful: Array<{ Id: string; MessageId?: string; MD5OfMessageBody?: string }>;
  Failed: Array<{ Id: string; SenderFault?: boolean; Code?: string; Message?: string }>;
}

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/** The SQS endpoint of a region. */
export const sqsEndpoint = (region: string): string => serviceEndpoint('sqs', region);

export class SqsApi {
  private readonly api: AwsJsonApi;

  constructor(opts: Omit<AwsJsonApiOptions, 'service' | 'targetPrefix'>) {
    this.api = new AwsJsonApi({ ...opts, service: 'sqs', targetPrefix: 'AmazonSQS' });
  }

  /** SendMessageBatch; entries whose body checksum does not match what SQS stored are reported as failed. */
  async sendMessageBatch(queueUrl: string, entries: SqsBatchEntry[]): Promise<SqsBatchResult> {
    const out = (await this.api.call('SendMessageBatch', { QueueUrl: queueUrl, Entries: entries })) as Partial<SqsBatchResult>;
    const bodies = new Map(entries.map((e) => [e.Id, e.MessageBody]));
    const successful: SqsBatchResult['Successful'] = [];
    const failed: SqsBatchResult['Failed'] = [...(out.Failed ?? [])];
    for (const s of out.Successful ?? []) {
      const body = bodies.get(s.Id);
      if (s.MD5OfMessageBody !== undefined && body !== undefined && s.MD5OfMessageBody !== md5(body)) {
        failed.push({ Id: s.Id, SenderFault: false, Code: 'ChecksumMismatch', Message: 'MD5 of the stored body does not match' });
      } else successful.push(s);
    }
    return { Successful: successful, Failed: failed };
  }

  async getQueueAttributes(queueUrl: string, names: string[]): Promise<Record<string, string>> {
    const out = (await this.api.call('GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: names })) as { Attributes?: Record<string, string> };
    return out.Attributes ?? {};
  }
}
