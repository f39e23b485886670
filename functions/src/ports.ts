import type { Audience, Notification } from '@whistle/shared';

/** Ports: the small interfaces the domain services use; adapters implement them. */

/** A notification on its way to people (the outbox queue's message). */
export interface OutboxMessage {
  /** deterministic: a redelivered or re-sent message is recognised by it */
  id: string;
  tenantId: string;
  ticketId?: string;
  ticketNumber?: string;
  event: Notification['event'];
  audience: Audience[];
  title: string;
  body: string;
  at: string;
}

/** A job for the escalation worker: one due clock at one level. */
export interface EscalationJob {
  tenantId: string;
  ticketId: string;
  clockId: string;
  /** 1 reminder, 2 urge, 3 warning */
  level: 1 | 2 | 3;
  /** which cycle of a recurring clock (leader cadence, weekly progress) */
  cycle: number;
  dueAt: string;
}

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
