import type { DirectoryType } from '@whistle/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { dirApi, type DirRecord } from '../../api/directory';
import type { Query } from '../../api/client';
import { toastError } from '../../lib/toast';

/**
 * A directory list on screen: the first page for the filters (reloaded when
 * they change), 加载更多 by cursor, and a saved or deleted record put in place.
 */
export function useDirectoryList<T extends DirectoryType>(type: T, filters: Query) {
  const [items, setItems] = useState<Array<DirRecord<T>>>([]);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const key = JSON.stringify(filters);
  const load = useCallback(
    async (after?: string) => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const page = await dirApi.list(type, { ...(JSON.parse(key) as Query), ...(after ? { cursor: after } : {}) });
        if (mine !== seq.current) return;
        setItems((now) => [...(after ? now : []), ...(page.items as Array<DirRecord<T>>)]);
        setTotal(page.total);
        setCursor(page.cursor);
      } catch (e) {
        if (mine === seq.current) toastError(e, '加载列表');
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [type, key],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const idOf = (r: DirRecord<T>) => (r as { id: string }).id;
  return {
    items,
    total,
    cursor,
    loading,
    reload: () => load(),
    more: () => load(cursor),
    /** a saved record replaces its row (a new one goes first); undefined with an id: the row is gone */
    put: (id: string, rec: DirRecord<T> | undefined) => {
      setItems((now) => {
        if (!rec) return now.filter((r) => idOf(r) !== id);
        return now.some((r) => idOf(r) === id) ? now.map((r) => (idOf(r) === id ? rec : r)) : [rec, ...now];
      });
      if (!rec) setTotal((t) => (t === undefined ? t : t - 1));
    },
  };
}
