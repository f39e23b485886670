import type { WechatPort } from '../../../functions/src/ports.js';
import { roundTrip } from './table.js';

export interface SentSubscribeMessage {
  openId: string;
  templateId: string;
  data: Record<string, string>;
  page?: string;
}

/** WeChat in memory: a code logs in as `openid-<code>`; subscribe messages are recorded. */
export class MemoryWechat implements WechatPort {
  readonly sent: SentSubscribeMessage[] = [];

  async code2Session(code: string): Promise<{ openId: string }> {
    await roundTrip();
    return { openId: `openid-${code}` };
  }

  async sendSubscribeMessage(openId: string, templateId: string, data: Record<string, string>, page?: string): Promise<void> {
    await roundTrip();
    this.sent.push({ openId, templateId, data: { ...data }, ...(page !== undefined ? { page } : {}) });
  }
}
