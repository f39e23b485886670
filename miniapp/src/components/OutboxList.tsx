import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { LABELS } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { flushOutbox, listOutbox, OUTBOX_CHANGED, type OutboxEntry } from '../lib/outbox';
import { formatTime } from '../lib/format';
import { toastInfo } from '../lib/toast';
import { Btn, Chip } from './ui';

/** Requests written offline, waiting in the outbox: shown until the server has them. */
export function OutboxList() {
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
            <Text className="ticket-card__time">{formatTime(e.queuedAt)} 保存</Text>
          </View>
          <View className="ticket-card__summary summary--warn">
            <Text>已保存在手机上，网络恢复后自动提交{e.attempts > 1 ? `（已尝试 ${e.attempts} 次）` : ''}</Text>
          </View>
        </View>
      ))}
      <Btn kind="default" size="small" loading={busy} onClick={() => void retry()} className="outbox-retry">
        立即重试提交
      </Btn>
    </View>
  );
}
