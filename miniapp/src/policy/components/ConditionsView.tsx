import { Text, View } from '@tarojs/components';
import type { PolicyConditions } from '@whistle/shared';
import { conditionLines } from '../lib/words';

/**
 * Who a policy is for, in words: one line per condition (all must be met;
 * within a line any value will do), or 普惠 when it has none.
 */
export function ConditionsView(props: { conditions: PolicyConditions; townNames?: Readonly<Record<string, string>> }) {
  const lines = conditionLines(props.conditions, props.townNames);
  if (!lines.length) {
    return (
      <View className="conditions conditions--universal">
        <Text className="conditions__none">不限条件：全区企业均可申报（普惠政策）</Text>
      </View>
    );
  }
  return (
    <View className="conditions">
      <Text className="conditions__lead">{lines.length > 1 ? '需同时满足以下条件：' : '申报条件：'}</Text>
      {lines.map((l) => (
        <Text key={l} className="conditions__line">
          · {l}
        </Text>
      ))}
    </View>
  );
}
