import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { LedgerEntry, LedgerResponse } from '@whistle/shared';
import { useState } from 'react';
import { visitsApi } from '../../../api/visits';
import { LoadState } from '../../../components/LoadState';
import { Btn, Empty } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { go, openTicket } from '../../../lib/nav';
import { getMe } from '../../../lib/session';
import { toastError } from '../../../lib/toast';
import { LedgerTimeline } from '../../components/LedgerTimeline';
import '../../visit.scss';

/**
 * 问题困难动态台账: one enterprise's tickets and visits, newest first, a page
 * at a time (加载更多). The owner opens their own; officials come from a
 * visit or a list with the enterprise's id.
 */
export default function Ledger() {
  const { params } = useRouter();
  const enterpriseId = params.enterpriseId || getMe()?.enterprise?.id || '';
  const first = useLoader(() => visitsApi.ledger(enterpriseId), '加载企业台账', { deps: [enterpriseId] });
  // the pages after the first, kept while the first is the one they follow (a reload starts over)
  const [extra, setExtra] = useState<{ base?: LedgerResponse; items: LedgerEntry[]; cursor?: string }>({ items: [] });
  const [busy, setBusy] = useState(false);
  const open = (e: LedgerEntry) => (e.kind === 'ticket' ? openTicket(e.id) : go('visitDetail', { id: e.id }));
  const after = (page: LedgerResponse) => (extra.base === page ? extra : { items: [], ...(page.cursor ? { cursor: page.cursor } : {}) });
  const loadMore = async (page: LedgerResponse) => {
    const { items, cursor } = after(page);
    if (!cursor || busy) return;
    setBusy(true);
    try {
      const next = await visitsApi.ledger(enterpriseId, cursor);
      setExtra({ base: page, items: [...items, ...next.items], ...(next.cursor ? { cursor: next.cursor } : {}) });
    } catch (e) {
      toastError(e, '加载更多');
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="page ledger-page">
      <LoadState loaded={first} what="加载企业台账">
        {(page) => {
          const rest = after(page);
          const items = [...page.items, ...rest.items];
          const { cursor } = rest;
          return (
            <View>
              <View className="ledger-head">
                <Text className="ledger-head__name">{page.enterprise.name}</Text>
                <Text className="ledger-head__sub">问题困难动态台账 · 诉求与走访，按时间倒序</Text>
              </View>
              {items.length ? <LedgerTimeline entries={items} onOpen={open} /> : <Empty text="台账还是空的" hint="企业的诉求和走访记录会出现在这里" />}
              {cursor ? (
                <View className="ledger-more">
                  <Btn size="small" className="ledger-more__btn" loading={busy} onClick={() => void loadMore(page)}>
                    加载更多
                  </Btn>
                </View>
              ) : items.length ? (
                <Text className="list-end">— 没有更早的记录了 —</Text>
              ) : null}
            </View>
          );
        }}
      </LoadState>
    </View>
  );
}
