import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { COMMANDS, type Ticket } from '@whistle/shared';
import { useState } from 'react';
import { api } from '../../../api';
import { CommandSheet, type TicketLike } from '../../../components/commands';
import { OverviewCard } from '../../../components/OverviewCard';
import { TicketCard } from '../../../components/TicketCard';
import { Btn, Empty, Loading, Tabs } from '../../../components/ui';
import { useLoader, useNow } from '../../../lib/hooks';
import { go, openTicket } from '../../../lib/nav';
import { toastError } from '../../../lib/toast';

type Tab = 'overdue' | 'unclaimed' | 'open' | 'all';
/** what a supervisor can do straight from an overview row */
type RowCommand = 'assign' | 'lead';

export default function Overview() {
  const now = useNow();
  const [tab, setTab] = useState<Tab>('overdue');
  const [active, setActive] = useState<{ ticket: TicketLike; type: RowCommand } | undefined>(undefined);
  const [more, setMore] = useState<{ items: Ticket[]; cursor?: string | undefined }>({ items: [] });
  const overview = useLoader(() => api.overview(), '加载督办总览');
  const notices = useLoader(() => api.notices(), '加载督办单');
  const unacked = notices.data?.items.filter((n) => !n.acknowledgedAt).length;
  const listTab = tab === 'open' || tab === 'all';
  const list = useLoader(
    async () => {
      if (!listTab) return { items: [] as Ticket[], cursor: undefined };
      const r = await api.tickets('supervision', tab === 'open' ? { status: 'open' } : {});
      setMore({ items: [], cursor: r.cursor });
      return r;
    },
    '加载诉求列表',
    { deps: [tab] },
  );
  useReachBottom(() => {
    if (!more.cursor || !listTab) return;
    api
      .tickets('supervision', { ...(tab === 'open' ? { status: 'open' as const } : {}), cursor: more.cursor })
      .then((r) => setMore((m) => ({ items: [...m.items, ...r.items], cursor: r.cursor })))
      .catch((e: unknown) => toastError(e, '加载更多'));
  });

  const o = overview.data;
  const tickets = [...(list.data?.items ?? []), ...more.items];
  const loading = listTab ? list.loading && !list.data : overview.loading && !o;
  const quick = (row: { ticketId: string; title: string; handlingUnitId?: string | undefined }, type: RowCommand) =>
    setActive({ ticket: { id: row.ticketId, title: row.title, handlingUnitId: row.handlingUnitId }, type });

  const rows = tab === 'overdue' ? (o?.overdue ?? []) : tab === 'unclaimed' ? (o?.unclaimed ?? []) : [];
  const overdueClaims = o?.unclaimed.filter((u) => u.claimOverdue).length ?? 0;

  return (
    <View className="page supervise">
      <View className="stats">
        <View className="stat stat--red" onClick={() => setTab('overdue')}>
          <Text className="stat__n">{o ? o.overdue.length : '–'}</Text>
          <Text className="stat__l">超时未办</Text>
        </View>
        <View className="stat stat--orange" onClick={() => setTab('unclaimed')}>
          <Text className="stat__n">{o ? o.unclaimed.length : '–'}</Text>
          <Text className="stat__l">待认领{overdueClaims ? ` · 超时 ${overdueClaims}` : ''}</Text>
        </View>
        <View className="stat stat--blue" onClick={() => go('superviseNotices')}>
          <Text className="stat__n">{unacked ?? '–'}</Text>
          <Text className="stat__l">督办单未签收</Text>
        </View>
      </View>
      {o && (o.calendar.messages.length || o.calendarWarnings.length) ? (
        <View className="notice-bar notice-bar--warn">
          <Text>
            {o.calendar.messages[0] ??
              `有 ${o.calendarWarnings.length} 个时限落在尚无节假日数据的年份，按周一至周五推算，请人工核对。`}
          </Text>
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
      ) : listTab ? (
        tickets.length ? (
          tickets.map((t) => <TicketCard key={t.id} ticket={t} now={now} onTap={() => openTicket(t.id)} />)
        ) : (
          <Empty text="暂无诉求" />
        )
      ) : rows.length ? (
        rows.map((r) => (
          <OverviewCard
            key={r.ticketId}
            row={r}
            now={now}
            onTap={() => openTicket(r.ticketId)}
            footer={
              <View className="card-actions" onClick={(e) => e.stopPropagation()}>
                <Text className="muted">{r.status === 'published' ? '可指派给承办单位' : '可请县领导领办'}</Text>
                <Btn kind="default" size="small" onClick={() => quick(r, 'lead')} className="sv-lead">
                  {COMMANDS.lead.label}
                </Btn>
                {r.status === 'published' ? (
                  <Btn kind="primary" size="small" onClick={() => quick(r, 'assign')} className="sv-assign">
                    {COMMANDS.assign.label}
                  </Btn>
                ) : null}
              </View>
            }
          />
        ))
      ) : (
        <Empty text={tab === 'overdue' ? '没有超时的诉求' : '没有待认领的诉求'} hint="数据每次进入页面时刷新，下拉可手动刷新" />
      )}
      <CommandSheet
        titled
        ticket={active?.ticket}
        type={active?.type}
        onClose={() => setActive(undefined)}
        onDone={() => {
          setActive(undefined);
          void overview.reload();
          if (listTab) void list.reload();
        }}
      />
    </View>
  );
}
