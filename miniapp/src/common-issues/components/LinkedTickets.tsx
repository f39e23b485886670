import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { LinkedTicket } from '@whistle/shared';
import { Btn, Empty } from '../../components/ui';
import { openTicket } from '../../lib/nav';

/**
 * The requests a common issue answers: number, enterprise, title (not the status the record kept from
 * when it was linked: the ticket tells its own); a tap opens the ticket (staff); the supervisor moves one
 * out (a wrong match) after a confirmation.
 */
export function LinkedTickets(props: { tickets: readonly LinkedTicket[]; canOpen: boolean; remove?: (ticketId: string) => Promise<void> }) {
  const remove = async (t: LinkedTicket) => {
    const ok = await Taro.showModal({ title: '移出诉求', content: `将「${t.enterpriseName}」的诉求 ${t.number} 移出此共性问题？` });
    if (ok.confirm) await props.remove?.(t.ticketId).catch(() => undefined);
  };
  if (!props.tickets.length) return <Empty text="暂无关联诉求" />;
  return (
    <View className="card ci-tickets">
      {props.tickets.map((t) => (
        <View key={t.ticketId} className="ci-ticket" data-ticket={t.ticketId} onClick={props.canOpen ? () => openTicket(t.ticketId) : undefined}>
          <View className="ci-ticket__main">
            <Text className="ci-ticket__head">{`${t.number} · ${t.enterpriseName}`}</Text>
            <Text className="ci-ticket__title">{t.title}</Text>
          </View>
          {props.remove ? (
            <View className="ci-ticket__remove" onClick={(e) => (e.stopPropagation(), void remove(t))}>
              <Btn size="small" kind="plain">
                移出
              </Btn>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
