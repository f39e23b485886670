import { Text, View } from '@tarojs/components';
import { api } from '../../../api';
import { TicketCard } from '../../../components/TicketCard';
import { Empty, Loading } from '../../../components/ui';
import { useLoader, useNow } from '../../../lib/hooks';
import { openTicket } from '../../../lib/nav';

const CADENCE = ['leaderProgress', 'leaderOnsite', 'leaderReview'] as const;

export default function LeaderMatters() {
  const now = useNow();
  const list = useLoader(() => api.tickets('leader'), '加载领办事项');
  const items = list.data?.items ?? [];
  return (
    <View className="page">
      <View className="banner banner--purple">
        <Text className="banner__title">领导领办</Text>
        <Text className="banner__text">重点难点事项：每月听取进展，每两个月现场办公，每季度评估一次。</Text>
      </View>
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length ? (
        items.map((t) => <TicketCard key={t.id} ticket={t} now={now} onTap={() => openTicket(t.id)} clockKinds={CADENCE} />)
      ) : (
        <Empty text="暂无领办事项" hint="督办人员设定领导领办后，事项会出现在这里" />
      )}
    </View>
  );
}
