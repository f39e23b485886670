import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { LABELS, type Ticket } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api, type TicketStatusFilter } from '../../../api';
import { TicketCard } from '../../../components/TicketCard';
import { Btn, Chip, Empty, Loading, Tabs } from '../../../components/ui';
import { useLoader, useNow } from '../../../lib/hooks';
import { go, openTicket } from '../../../lib/nav';
import { flushOutbox, listOutbox, OUTBOX_CHANGED, OUTBOX_SENT, type OutboxEntry } from '../../../lib/outbox';
import { toastError, toastInfo } from '../../../lib/toast';

type Tab = 'all' | 'open' | 'resolved' | 'closed';
const TABS: ReadonlyArray<{ value: Tab; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'open', label: '办理中' },
  { value: 'resolved', label: '待评价' },
  { value: 'closed', label: '已完成' },
];

function Outbox() {
  const [entries, setEntries] = useState<OutboxEntry[]>(() => listOutbox());
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const update = () => setEntries(listOutbox());
    Taro.eventCenter.on(OUTBOX_CHANGED, update);
    return () => {
      Taro.eventCenter.off(OUTBOX_CHANGED, update);
    };
  }, []);
  useDidShow(() => setEntries(listOutbox()));
  if (!entries.length) return null;
  const retry = async () => {
    setBusy(true);
    try {
      const sent = await flushOutbox();
      if (!sent.length && listOutbox().length) toastInfo('仍无法连接服务器，稍后会自动重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="outbox">
      {entries.map((e) => (
        <View key={e.key} className="card ticket-card outbox-card">
          <View className="ticket-card__top">
            <Text className="ticket-card__title">{e.body.title}</Text>
            <Chip tone="warn">待发送</Chip>
          </View>
          <View className="ticket-card__meta">
            <Chip tone="info" className="chip--outline">
              {LABELS.category[e.body.category]}
            </Chip>
            <Text className="ticket-card__time">{e.lastError ? `上次：${e.lastError}` : '等待网络'}</Text>
          </View>
        </View>
      ))}
      <Btn kind="default" size="small" loading={busy} onClick={() => void retry()}>
        立即重试提交
      </Btn>
    </View>
  );
}

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
      <Outbox />
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
