import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toastError } from './toast';

/**
 * Runs `fn` every `ms` while the page is visible (between didShow and didHide);
 * a tick is skipped while the previous one is still running.
 */
export function useVisiblePolling(fn: () => Promise<unknown> | void, ms: number, enabled = true): void {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const busy = useRef(false);
  const stop = useCallback(() => {
    if (timer.current !== undefined) clearInterval(timer.current);
    timer.current = undefined;
  }, []);
  const start = useCallback(() => {
    stop();
    if (!enabled) return;
    timer.current = setInterval(() => {
      if (busy.current) return;
      busy.current = true;
      void Promise.resolve(fnRef.current()).finally(() => {
        busy.current = false;
      });
    }, ms);
  }, [ms, enabled, stop]);
  useDidShow(start);
  useDidHide(stop);
  useEffect(() => {
    start();
    return stop;
  }, [start, stop]);
}

/** The current time, refreshed every `ms` (for clocks counting down). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => Promise<void>;
  setData: (f: (d: T | undefined) => T | undefined) => void;
}

/**
 * Loads on first show and again each time the page shows; pull-to-refresh
 * reloads (the page config must set enablePullDownRefresh). Failures toast a
 * Chinese message naming what failed.
 */
export function useLoader<T>(
  load: () => Promise<T>,
  what: string,
  opts: { reloadOnShow?: boolean; deps?: ReadonlyArray<string | number | boolean | undefined> } = {},
): Loaded<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);
  const lastStart = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    lastStart.current = Date.now();
    setLoading(true);
    try {
      const d = await loadRef.current();
      if (mine !== seq.current) return;
      setDataState(d);
      setError(undefined);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(e);
      toastError(e, what);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [what]);

  const depKey = JSON.stringify(opts.deps ?? []);
  useEffect(() => {
    void reload();
  }, [reload, depKey]);
  useDidShow(() => {
    // the first show follows the mount's load; later shows (coming back) reload
    if (opts.reloadOnShow !== false && Date.now() - lastStart.current > 1500) void reload();
  });
  usePullDownRefresh(() => {
    void reload().finally(() => {
      void Taro.stopPullDownRefresh();
    });
  });
  const setData = useCallback((f: (d: T | undefined) => T | undefined) => setDataState((d) => f(d)), []);
  return { data, loading, error, reload, setData };
}
