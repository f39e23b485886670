import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import type { InboxItem, Ticket } from '@whistle/shared';
import { useState } from 'react';
import { api, type TicketStatusFilter } from '../../../api';
import { InboxList } from '../../../components/InboxList';
import { TicketCard } from '../../../components/TicketCard';
import { Empty, Loading, Tabs } from '../../../components/ui';
import { useLoader, useNow } from '../../../lib/hooks';
import { openTicket } from '../../../lib/nav';
import { getMe } from '../../../lib/session';
import { toastError } from '../../../lib/toast';

type Tab = 'open' | 'overdue' | 'waitingEnterprise' | 'resolved' | 'inbox';

export default function UnitInbox() {
  const now = useNow();
  const [tab, setTab] = useState<Tab>('open');
  const [more, setMore] = useState<{ items: Ticket[]; cursor?: string | undefined }>({ items: [] });
  const status: TicketStatusFilter | undefined = tab === 'inbox' ? undefined : tab;
  const list = useLoader(
    async () => {
      if (tab === 'inbox') return { items: [] as Ticket[], cursor: undefined };
      const r = await api.tickets('unit', status ? { status } : {});
      setMore({ items: [], cursor: r.cursor });
      return r;
    },
    '加载本单位诉求',
    { deps: [tab] },
  );
  const inbox = useLoader(() => api.inbox(), '加载通知');
  useReachBottom(() => {
    if (!more.cursor || tab === 'inbox') return;
    api
      .tickets('unit', { ...(status ? { status } : {}), cursor: more.cursor })
      .then((r) => setMore((m) => ({ items: [...m.items, ...r.items], cursor: r.cursor })))
      .catch((e: unknown) => toastError(e, '加载更多'));
  });

  const openItem = (it: InboxItem) => {
    if (!it.readAt) api.readInbox(it.id).catch(() => undefined);
    if (it.ticketId) openTicket(it.ticketId);
  };

  const items = [...(list.data?.items ?? []), ...more.items];
  const unitName = getMe()?.unit?.name;
  return (
    <View className="page">
      {unitName ? <Text className="page-caption">{unitName}</Text> : null}
      <Tabs
        tabs={[
          { value: 'open', label: '办理中' },
          { value: 'overdue', label: '已超时' },
          { value: 'waitingEnterprise', label: '待补充' },
          { value: 'resolved', label: '已办结' },
          { value: 'inbox', label: '通知', badge: inbox.data?.unread ?? 0 },
        ]}
        value={tab}
        onChange={setTab}
      />
      {tab === 'inbox' ? (
        inbox.loading && !inbox.data ? (
          <Loading />
        ) : (
          <InboxList items={inbox.data?.items ?? []} now={now} onOpen={openItem} />
        )
      ) : list.loading && !list.data ? (
        <Loading />
      ) : items.length ? (
        items.map((t) => <TicketCard key={t.id} ticket={t} now={now} onTap={() => openTicket(t.id)} clockKinds={['contact']} />)
      ) : (
        <Empty text={tab === 'overdue' ? '没有超时的诉求，继续保持' : '暂无诉求'} hint="在「我的群」里认领的诉求会出现在这里" />
      )}
    </View>
  );
}
