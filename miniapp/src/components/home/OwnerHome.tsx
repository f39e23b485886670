import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { MeResponse } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { ownerTiles } from '../../lib/home-tiles';
import { useLoader, useNow } from '../../lib/hooks';
import { go, openTicket } from '../../lib/nav';
import { listOutbox, OUTBOX_CHANGED, OUTBOX_SENT } from '../../lib/outbox';
import { OutboxList } from '../OutboxList';
import { TicketCard } from '../TicketCard';
import { Tiles } from '../Tiles';
import { Empty, Loading, Section } from '../ui';

function useOutboxCount(): number {
  const [n, setN] = useState(() => listOutbox().length);
  useEffect(() => {
    const update = () => setN(listOutbox().length);
    Taro.eventCenter.on(OUTBOX_CHANGED, update);
    Taro.eventCenter.on(OUTBOX_SENT, update);
    return () => {
      Taro.eventCenter.off(OUTBOX_CHANGED, update);
      Taro.eventCenter.off(OUTBOX_SENT, update);
    };
  }, []);
  useDidShow(() => setN(listOutbox().length));
  return n;
}

/** The owner's home: 我要吹哨, the shortcuts, the requests waiting to be sent (offline) and the latest ones. */
export function OwnerHome(props: { me: MeResponse; unread: number }) {
  const now = useNow();
  const pending = useOutboxCount();
  const recent = useLoader(() => api.tickets('mine', { limit: 5 }), '加载我的诉求');
  const reloadRecent = recent.reload;
  useEffect(() => {
    const refresh = () => void reloadRecent();
    Taro.eventCenter.on(OUTBOX_SENT, refresh);
    return () => {
      Taro.eventCenter.off(OUTBOX_SENT, refresh);
    };
  }, [reloadRecent]);
  const items = recent.data?.items ?? [];
  const tiles = ownerTiles(props.me, props.unread);
  return (
    <View>
      <View className="cta" onClick={() => go('ownerNew')}>
        <View className="cta__text">
          <Text className="cta__title">我要吹哨</Text>
          <Text className="cta__sub">遇到困难随时吹哨，部门 2 小时内认领、3 个工作日内办结</Text>
        </View>
        <View className="cta__icon">
          <Text>哨</Text>
        </View>
      </View>
      <Tiles tiles={tiles} />
      {pending ? (
        <Section title={`待发送（${pending}）`}>
          <OutboxList />
        </Section>
      ) : null}
      <Section title="最近的诉求" extra={<Text className="link" onClick={() => go('ownerMine')}>全部 ›</Text>}>
        {recent.loading && !recent.data ? (
          <Loading />
        ) : items.length ? (
          items.map((t) => <TicketCard key={t.id} ticket={t} now={now} showEnterprise={false} onTap={() => openTicket(t.id)} />)
        ) : pending ? null : (
          <Empty text="还没有吹过哨" hint="有困难、有诉求，点上方「我要吹哨」" />
        )}
      </Section>
    </View>
  );
}
