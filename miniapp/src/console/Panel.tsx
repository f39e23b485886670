import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A form's panel: at desktop width a drawer on the right of the table, on a phone the whole screen. */
export function Panel(props: { open: boolean; title: string; onClose: () => void; children: ReactNode; className?: string }) {
  if (!props.open) return null;
  return (
    <View className={`cpanel ${props.className ?? ''}`}>
      <View className="cpanel__mask" onClick={props.onClose} />
      <View className="cpanel__box">
        <View className="cpanel__head">
          <Text className="cpanel__title">{props.title}</Text>
          <View className="cpanel__close" onClick={props.onClose}>
            <Text>✕</Text>
          </View>
        </View>
        <View className="cpanel__body">{props.children}</View>
      </View>
    </View>
  );
}
