import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import type { Ticket } from '@whistle/shared';
import { useState } from 'react';
import { api } from '../../../api';
import type { ActionKind } from '../../../components/ActionForms';
import { QuickAction } from '../../../components/ActionSheet';
import { TicketCard } from '../../../components/TicketCard';
import { Btn, Empty, Loading, Tabs } from '../../../components/ui';
import { useLoader, useNow } from '../../../lib/hooks';
import { go, openTicket } from '../../../lib/nav';
import { toastError } from '../../../lib/toast';

type Tab = 'overdue' | 'unclaimed' | 'open' | 'all';

export default function Overview() {
  const now = useNow();
  const [tab, setTab] = useState<Tab>('overdue');
  const [active, setActive] = useState<{ ticket: Ticket; kind: ActionKind } | undefined>(undefined);
  const [more, setMore] = useState<{ items: Ticket[]; cursor?: string | undefined }>({ items: [] });
  const overview = useLoader(() => api.overview(), '加载督办总览');
  const list = useLoader(
    async () => {
      if (tab === 'overdue' || tab === 'unclaimed') return { items: [] as Ticket[], cursor: undefined };
      const r = await api.tickets('supervision', tab === 'open' ? { status: 'open' } : {});
      setMore({ items: [], cursor: r.cursor });
      return r;
    },
    '加载诉求列表',
    { deps: [tab] },
  );
  useReachBottom(() => {
    if (!more.cursor || tab === 'overdue' || tab === 'unclaimed') return;
    api
      .tickets('supervision', { ...(tab === 'open' ? { status: 'open' as const } : {}), cursor: more.cursor })
      .then((r) => setMore((m) => ({ items: [...m.items, ...r.items], cursor: r.cursor })))
      .catch((e: unknown) => toastError(e, '加载更多'));
  });

  const o = overview.data;
  const items: Ticket[] =
    tab === 'overdue' ? (o?.overdue ?? []) : tab === 'unclaimed' ? (o?.unclaimed ?? []) : [...(list.data?.items ?? []), ...more.items];
  const loading = tab === 'overdue' || tab === 'unclaimed' ? overview.loading && !o : list.loading && !list.data;

  return (
    <View className="page supervise">
      <View className="stats">
        <View className="stat stat--red" onClick={() => setTab('overdue')}>
          <Text className="stat__n">{o ? o.overdue.length : '–'}</Text>
          <Text className="stat__l">超时未办</Text>
        </View>
        <View className="stat stat--orange" onClick={() => setTab('unclaimed')}>
          <Text className="stat__n">{o ? o.unclaimed.length : '–'}</Text>
          <Text className="stat__l">待认领</Text>
        </View>
        <View className="stat stat--blue" onClick={() => go('superviseNotices')}>
          <Text className="stat__n">单</Text>
          <Text className="stat__l">督办单</Text>
        </View>
      </View>
      {o && o.calendarWarnings.length ? (
        <View className="notice-bar notice-bar--warn">
          <Text>节假日数据缺失：部分时限按周末规则估算，请管理员导入明年的放假安排。</Text>
        </View>
      ) : null}
      <Tabs
        tabs={[
          { value: 'overdue', label: '超时', badge: o?.overdue.length ?? 0 },
          { value: 'unclaimed', label: '待认领', badge: o?.unclaimed.length ?? 0 },
          { value: 'open', label: '在办' },
          { value: 'all', label: '全部' },
        ]}
        value={tab}
        onChange={setTab}
      />
      {loading ? (
        <Loading />
      ) : items.length ? (
        items.map((t) => (
          <TicketCard
            key={t.id}
            ticket={t}
            now={now}
            onTap={() => openTicket(t.id)}
            footer={
              t.status === 'published' || !t.leader ? (
                <View className="card-actions" onClick={(e) => e.stopPropagation()}>
                  <Text className="muted">{t.handlingUnitName ?? '尚无单位认领'}</Text>
                  {!t.leader && t.status !== 'resolved' && t.status !== 'closed' ? (
                    <Btn kind="default" size="small" onClick={() => setActive({ ticket: t, kind: 'lead' })} className="sv-lead">
                      领导领办
                    </Btn>
                  ) : null}
                  {t.status === 'published' ? (
                    <Btn kind="primary" size="small" onClick={() => setActive({ ticket: t, kind: 'assign' })} className="sv-assign">
                      指派
                    </Btn>
                  ) : null}
                </View>
              ) : undefined
            }
          />
        ))
      ) : (
        <Empty text={tab === 'overdue' ? '没有超时的诉求' : tab === 'unclaimed' ? '没有待认领的诉求' : '暂无诉求'} />
      )}
      <QuickAction
        ticket={active?.ticket}
        kind={active?.kind}
        onClose={() => setActive(undefined)}
        onDone={() => {
          setActive(undefined);
          void overview.reload();
          void list.reload();
        }}
      />
    </View>
  );
}
