import { Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import type { Ticket } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api, type TicketStatusFilter } from '../../../api';
import { OutboxList } from '../../../components/OutboxList';
import { TicketCard } from '../../../components/TicketCard';
import { Btn, Empty, Loading, Tabs } from '../../../components/ui';
import { useLoader, useNow } from '../../../lib/hooks';
import { go, openTicket } from '../../../lib/nav';
import { OUTBOX_SENT } from '../../../lib/outbox';
import { toastError } from '../../../lib/toast';

type Tab = 'all' | 'open' | 'resolved' | 'closed';
const TABS: ReadonlyArray<{ value: Tab; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'open', label: '办理中' },
  { value: 'resolved', label: '待评价' },
  { value: 'closed', label: '已完成' },
];

export default function Mine() {
  const now = useNow();
  const [tab, setTab] = useState<Tab>('all');
  const [more, setMore] = useState<{ items: Ticket[]; cursor?: string | undefined }>({ items: [] });
  const status: TicketStatusFilter | undefined = tab === 'all' ? undefined : tab;
  const list = useLoader(async () => {
    const r = await api.tickets('mine', status ? { status } : {});
    setMore({ items: [], cursor: r.cursor });
    return r;
  }, '加载我的诉求', { deps: [tab] });
  const reload = list.reload;
  useEffect(() => {
    Taro.eventCenter.on(OUTBOX_SENT, reload);
    return () => {
      Taro.eventCenter.off(OUTBOX_SENT, reload);
    };
  }, [reload]);
  useReachBottom(() => {
    if (!more.cursor) return;
    api
      .tickets('mine', { ...(status ? { status } : {}), cursor: more.cursor })
      .then((r) => setMore((m) => ({ items: [...m.items, ...r.items], cursor: r.cursor })))
      .catch((e: unknown) => toastError(e, '加载更多'));
  });
  const items = [...(list.data?.items ?? []), ...more.items];
  return (
    <View className="page">
      <Tabs tabs={TABS} value={tab} onChange={setTab} />
      <OutboxList />
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length ? (
        <View>
          {items.map((t) => (
            <TicketCard key={t.id} ticket={t} now={now} showEnterprise={false} onTap={() => openTicket(t.id)} />
          ))}
          {more.cursor ? <Text className="list-end">上拉加载更多</Text> : <Text className="list-end">没有更多了</Text>}
        </View>
      ) : (
        <Empty text="这里还没有诉求">
          <Btn kind="primary" size="small" onClick={() => go('ownerNew')}>
            我要吹哨
          </Btn>
        </Empty>
      )}
    </View>
  );
}
