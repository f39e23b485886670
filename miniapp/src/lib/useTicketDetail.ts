import type { TicketDetailResponse } from '@whistle/shared';
import { useCallback } from 'react';
import { api } from '../api';
import { useLoader, useVisiblePolling } from './hooks';

/**
 * One ticket's detail: loaded on show (and pull-to-refresh), then polled every
 * 10 s while the page is visible. `refresh` reloads quietly and answers the
 * fresh detail, or undefined when it failed (the next tick tries again).
 */
export function useTicketDetail(id: string) {
  const loaded = useLoader(() => api.ticket(id), '加载诉求');
  const setData = loaded.setData;
  const refresh = useCallback(async (): Promise<TicketDetailResponse | undefined> => {
    try {
      const d = await api.ticket(id);
      setData(() => d);
      return d;
    } catch {
      return undefined;
    }
  }, [id, setData]);
  useVisiblePolling(refresh, 10_000);
  return { detail: loaded.data, loading: loaded.loading, error: loaded.error, refresh };
}
