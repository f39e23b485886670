import type { EscalationJob, OutboxMessage } from '@whistle/shared';

export type { EscalationJob, OutboxMessage };

/** Ports: the small interfaces the domain services use; adapters implement them. */

export interface QueuePort {
  sendOutbox(messages: OutboxMessage[]): Promise<void>;
  sendEscalations(jobs: EscalationJob[]): Promise<void>;
}

/** The time source: real time on AWS; settable in the local stack. */
export interface ClockPort {
  now(): Date;
}

/** WeChat: code2Session for login, subscribe messages for notifications. */
export interface WechatPort {
  code2Session(code: string): Promise<{ openId: string }>;
  sendSubscribeMessage(openId: string, templateId: string, data: Record<string, string>, page?: string): Promise<void>;
}
