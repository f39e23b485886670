import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Ticket } from '@whistle/shared';
import { useState } from 'react';
import { api } from '../../../api';
import { TicketCard } from '../../../components/TicketCard';
import { Empty, Loading, Tabs } from '../../../components/ui';
import { useLoader, useNow } from '../../../lib/hooks';
import { openTicket } from '../../../lib/nav';
import { ServedEnterprise } from '../../components/ServedEnterprise';
import '../../served.scss';

/** the open requests of every enterprise served (a commissioner serves a few dozen at most) */
const OPEN_LIMIT = 100;

/** 我服务的企业 (亲清特使): each enterprise the caller serves, with its open requests and 代企业吹哨. */
function Commissioned() {
  const now = useNow();
  const loaded = useLoader(async () => {
    const [mine, open] = await Promise.all([api.commissioned(), api.tickets('commissioned', { status: 'open', limit: OPEN_LIMIT })]);
    return { enterprises: mine.items, open: open.items };
  }, '加载我服务的企业');
  const d = loaded.data;
  if (!d) return loaded.loading ? <Loading /> : <Empty text="暂时无法加载" hint="下拉刷新重试" />;
  const byEnterprise = (id: string): Ticket[] => d.open.filter((t) => t.enterpriseId === id);
  return (
    <View className="page served">
      <View className="banner banner--purple">
        <Text className="banner__title">亲清特使 · 我服务的企业</Text>
        <Text className="banner__text">企业的诉求提交、催办和办结都会通知您；可以留言跟进，也可以代企业吹哨。</Text>
      </View>
      {d.enterprises.length ? (
        d.enterprises.map((e) => <ServedEnterprise key={e.id} enterprise={e} open={byEnterprise(e.id)} now={now} />)
      ) : (
        <Empty text="还没有结对的企业" hint="督办人员为您结对企业后，会出现在这里" />
      )}
    </View>
  );
}

type Tab = 'open' | 'all';

/** 片区诉求: the requests of the grids the caller leads (片区负责人, 网格总负责人), read-only. */
function AreaTickets() {
  const now = useNow();
  const [tab, setTab] = useState<Tab>('open');
  const list = useLoader(() => api.tickets('area', tab === 'open' ? { status: 'open', limit: OPEN_LIMIT } : { limit: OPEN_LIMIT }), '加载片区诉求', { deps: [tab] });
  const items = list.data?.items ?? [];
  return (
    <View className="page served">
      <View className="banner banner--orange">
        <Text className="banner__title">片区诉求</Text>
        <Text className="banner__text">您负责的网格内企业的诉求；紧急诉求会第一时间通知您。</Text>
      </View>
      <Tabs tabs={[{ value: 'open', label: '办理中' }, { value: 'all', label: '全部' }]} value={tab} onChange={setTab} />
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length ? (
        items.map((t) => <TicketCard key={t.id} ticket={t} now={now} onTap={() => openTicket(t.id)} />)
      ) : (
        <Empty text="暂无诉求" />
      )}
    </View>
  );
}

export default function Served() {
  const view = Taro.getCurrentInstance().router?.params.view;
  return view === 'area' ? <AreaTickets /> : <Commissioned />;
}
