import { Text, View } from '@tarojs/components';
import type { InboxItem } from '@whistle/shared';
import { formatTime } from '../lib/format';
import { Empty } from './ui';

/** Notifications, newest first; unread ones carry a dot. */
export function InboxList(props: { items: readonly InboxItem[]; now?: number; onOpen: (item: InboxItem) => void }) {
  if (!props.items.length) return <Empty text="暂无通知" hint="认领、回复、办结、督办等消息会出现在这里" />;
  return (
    <View className="cells inbox-list">
      {props.items.map((it) => (
        <View key={it.id} className={`cell inbox-item ${it.readAt ? '' : 'inbox-item--unread'}`} onClick={() => props.onOpen(it)}>
          <View className="inbox-item__dot" />
          <View className="cell__main">
            <View className="inbox-item__head">
              <Text className="cell__title">{it.title}</Text>
              <Text className="inbox-item__time">{formatTime(it.at, props.now)}</Text>
            </View>
            <Text className="cell__sub">{it.body}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
