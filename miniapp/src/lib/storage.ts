import Taro from '@tarojs/taro';

/** Typed JSON storage over Taro's synchronous storage (survives closing the app). */
export function readStore<T>(key: string): T | undefined {
  try {
    const raw: unknown = Taro.getStorageSync(key);
    if (raw === '' || raw === undefined || raw === null) return undefined;
    return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T;
  } catch {
    return undefined;
  }
}

export function writeStore(key: string, value: unknown): void {
  Taro.setStorageSync(key, JSON.stringify(value));
}

export function removeStore(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // nothing stored
  }
}

export const STORE_KEYS = {
  session: 'whistle.session',
  me: 'whistle.me',
  draft: 'whistle.draft',
  consultDraft: 'whistle.draft.consult',
  outbox: 'whistle.outbox',
  groups: 'whistle.groups',
} as const;
