import { useReachBottom } from '@tarojs/taro';
import type { PolicyCard, PolicyListQuery } from '@whistle/shared';
import { useState } from 'react';
import { policyApi } from '../../api/policy';
import { useLoader, type Loaded } from '../../lib/hooks';
import { toastError } from '../../lib/toast';

export interface PolicyPages {
  first: Loaded<{ items: PolicyCard[]; cursor?: string | undefined; key: string }>;
  /** every page loaded so far, for the query shown */
  items: PolicyCard[];
  cursor?: string | undefined;
  loadingMore: boolean;
  loadMore: () => void;
}

/**
 * The catalogue a page at a time: the first page for the query (again when
 * it changes), the next ones by cursor on reaching the bottom or 加载更多.
 */
export function usePolicyPages(query: PolicyListQuery, what = '加载政策'): PolicyPages {
  const key = JSON.stringify(query);
  const [more, setMore] = useState<{ key: string; items: PolicyCard[]; cursor?: string | undefined }>({ key: '', items: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useLoader(
    async () => {
      const r = await policyApi.list(query);
      setMore({ key, items: [], cursor: r.cursor });
      return { ...r, key };
    },
    what,
    { deps: [key] },
  );
  const fresh = first.data?.key === key;
  const cursor = fresh && more.key === key ? more.cursor : undefined;
  const loadMore = () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    policyApi
      .list({ ...query, cursor })
      .then((r) => setMore((m) => (m.key === key ? { key, items: [...m.items, ...r.items], cursor: r.cursor } : m)))
      .catch((e: unknown) => toastError(e, '加载更多'))
      .finally(() => setLoadingMore(false));
  };
  useReachBottom(loadMore);
  const items = fresh ? [...(first.data?.items ?? []), ...(more.key === key ? more.items : [])] : [];
  return { first, items, cursor, loadingMore, loadMore };
}
