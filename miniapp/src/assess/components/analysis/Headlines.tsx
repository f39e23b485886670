import { Text, View } from '@tarojs/components';
import type { Headline } from '../../lib/analysis';

/** The month's headline figures, each with its change from the month before. */
export function Headlines(props: { items: readonly Headline[]; previousLabel?: string }) {
  return (
    <View className="headlines">
      {props.items.map((h) => (
        <View key={h.key} className="headline" data-key={h.key}>
          <Text className="headline__value">{h.value}</Text>
          <Text className="headline__label">{h.label}</Text>
          {h.change !== undefined ? (
            <Text className={`headline__change headline__change--${h.tone ?? 'flat'}`}>{`较${props.previousLabel ?? '上月'} ${h.change}`}</Text>
          ) : (
            <Text className="headline__change headline__change--none">无上月数据</Text>
          )}
        </View>
      ))}
    </View>
  );
}
