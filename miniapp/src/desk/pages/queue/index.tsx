import { Text, View } from '@tarojs/components';
import { COMMANDS } from '@whistle/shared';
import { useState } from 'react';
import { api } from '../../../api';
import { CommandSheet, type TicketLike } from '../../../components/commands';
import { TicketCard } from '../../../components/TicketCard';
import { Btn, Empty, Loading } from '../../../components/ui';
import { formatTime } from '../../../lib/format';
import { useLoader, useNow, useVisiblePolling } from '../../../lib/hooks';
import { openTicket } from '../../../lib/nav';

export default function DeskQueue() {
  const now = useNow();
  const queue = useLoader(() => api.deskQueue(), '加载客服队列');
  const [active, setActive] = useState<{ ticket: TicketLike; type: 'deskAnswer' | 'deskForward' } | undefined>(undefined);
  const setQueue = queue.setData;
  useVisiblePolling(async () => {
    try {
      const r = await api.deskQueue();
      setQueue(() => r);
    } catch {
      // next tick
    }
  }, 15_000);

  const items = queue.data?.items ?? [];
  return (
    <View className="page desk">
      <View className="banner banner--orange">
        <Text className="banner__title">8小时外在线客服</Text>
        <Text className="banner__text">下班时间提交的诉求先到这里：能直接解答的当场答复，需要部门办理的转交企业服务群认领。</Text>
        {queue.data ? (
          <Text className="banner__text desk-duty">
            {queue.data.afterHours ? '现在是下班时间' : '现在是工作时间（部门在群内认领）'}
            {queue.data.onDuty.length ? ` · 值班：${queue.data.onDuty.map((s) => s.name ?? s.agentUserId).join('、')}` : ' · 当前无人排班'}
            {queue.data.callerOnDuty ? '（含您）' : ''}
          </Text>
        ) : null}
      </View>
      {queue.loading && !queue.data ? (
        <Loading />
      ) : items.length ? (
        items.map((t) => (
          <TicketCard
            key={t.id}
            ticket={t}
            now={now}
            onTap={() => openTicket(t.id)}
            footer={
              <View className="card-actions" onClick={(e) => e.stopPropagation()}>
                <Text className="muted">{t.desk ? `进入队列 ${formatTime(t.desk.at, now)}` : ''}</Text>
                <Btn kind="default" size="small" onClick={() => setActive({ ticket: t, type: 'deskForward' })} className="desk-forward">
                  {COMMANDS.deskForward.label}
                </Btn>
                <Btn kind="primary" size="small" onClick={() => setActive({ ticket: t, type: 'deskAnswer' })} className="desk-answer">
                  {COMMANDS.deskAnswer.label}
                </Btn>
              </View>
            }
          />
        ))
      ) : (
        <Empty text="队列已清空" hint="新的下班时间诉求会自动出现在这里" />
      )}
      <CommandSheet
        titled
        ticket={active?.ticket}
        type={active?.type}
        onClose={() => setActive(undefined)}
        onDone={(_request, t) => {
          setActive(undefined);
          setQueue((d) => (d ? { ...d, items: d.items.filter((x) => x.id !== t.id) } : d));
        }}
      />
    </View>
  );
}
