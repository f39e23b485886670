/**
 * Test double for `@tarojs/taro`: in-memory storage, recorded navigation and
 * toasts, a scriptable `request`, and page hooks mapped onto React effects.
 */
import { useEffect, useRef } from 'react';
import { vi } from 'vitest';

export interface RequestOptions {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
}
export interface RequestResult {
  statusCode: number;
  data: unknown;
}

const storage = new Map<string, unknown>();
type Listener = (...args: unknown[]) => void;
const listeners = new Map<string, Set<Listener>>();
let routerParams: Record<string, string> = {};
const showHandlers = new Set<() => void>();
const hideHandlers = new Set<() => void>();

export const calls = {
  toasts: [] as string[],
  navigations: [] as Array<{ kind: string; url: string }>,
  modals: [] as Array<{ title?: string; content?: string }>,
};

/** What `Taro.request` does; tests replace it (default: no network). */
export let requestImpl: (o: RequestOptions) => Promise<RequestResult> = () => Promise.reject(new Error('request:fail no network'));
export const setRequest = (f: (o: RequestOptions) => Promise<RequestResult>): void => {
  requestImpl = f;
};

export let modalAnswer = { confirm: false, cancel: true };
export const setModalAnswer = (a: { confirm: boolean; cancel: boolean }): void => {
  modalAnswer = a;
};

export function resetTaro(): void {
  storage.clear();
  listeners.clear();
  routerParams = {};
  calls.toasts.length = 0;
  calls.navigations.length = 0;
  calls.modals.length = 0;
  requestImpl = () => Promise.reject(new Error('request:fail no network'));
  modalAnswer = { confirm: false, cancel: true };
}

export const setRouterParams = (p: Record<string, string>): void => {
  routerParams = p;
};

/** Simulates the page being shown again / hidden (useDidShow / useDidHide). */
export const firePageShow = (): void => showHandlers.forEach((h) => h());
export const firePageHide = (): void => hideHandlers.forEach((h) => h());

const nav = (kind: string) => (o: { url: string }) => {
  calls.navigations.push({ kind, url: o.url });
  return Promise.resolve({ errMsg: `${kind}:ok` });
};

const Taro = {
  request: vi.fn((o: RequestOptions) => requestImpl(o)),
  getStorageSync: (key: string): unknown => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown): void => {
    storage.set(key, value);
  },
  removeStorageSync: (key: string): void => {
    storage.delete(key);
  },
  showToast: (o: { title: string }) => {
    calls.toasts.push(o.title);
    return Promise.resolve({ errMsg: 'showToast:ok' });
  },
  showModal: (o: { title?: string; content?: string }) => {
    calls.modals.push({ ...(o.title ? { title: o.title } : {}), ...(o.content ? { content: o.content } : {}) });
    return Promise.resolve({ ...modalAnswer, errMsg: 'showModal:ok' });
  },
  navigateTo: nav('navigateTo'),
  redirectTo: nav('redirectTo'),
  reLaunch: nav('reLaunch'),
  switchTab: nav('switchTab'),
  getCurrentPages: (): Array<{ route?: string }> => [],
  navigateBack: () => Promise.resolve({ errMsg: 'navigateBack:ok' }),
  pageScrollTo: () => Promise.resolve({ errMsg: 'pageScrollTo:ok' }),
  stopPullDownRefresh: () => Promise.resolve({ errMsg: 'stopPullDownRefresh:ok' }),
  setNavigationBarTitle: () => Promise.resolve({ errMsg: 'setNavigationBarTitle:ok' }),
  makePhoneCall: vi.fn((_o: { phoneNumber: string }) => Promise.resolve({ errMsg: 'makePhoneCall:ok' })),
  login: () => Promise.resolve({ code: 'test-code', errMsg: 'login:ok' }),
  onNetworkStatusChange: (_cb: (r: { isConnected: boolean }) => void): void => undefined,
  eventCenter: {
    on(event: string, fn: Listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
    },
    off(event: string, fn?: Listener) {
      if (fn) listeners.get(event)?.delete(fn);
      else listeners.delete(event);
    },
    trigger(event: string, ...args: unknown[]) {
      listeners.get(event)?.forEach((fn) => fn(...args));
    },
  },
};

export default Taro;

function usePageHook(set: Set<() => void>, fn: () => void): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const h = () => ref.current();
    set.add(h);
    return () => {
      set.delete(h);
    };
  }, [set]);
}

/** didShow: once on mount (like the first show), again on firePageShow(). */
export function useDidShow(fn: () => void): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    ref.current();
  }, []);
  usePageHook(showHandlers, fn);
}
export const useDidHide = (fn: () => void): void => usePageHook(hideHandlers, fn);
export const usePullDownRefresh = (_fn: () => void): void => undefined;
export const useReachBottom = (_fn: () => void): void => undefined;
export const useLaunch = (fn: () => void): void => {
  useEffect(() => fn(), [fn]);
};
export const useRouter = () => ({ params: routerParams, path: '' });
