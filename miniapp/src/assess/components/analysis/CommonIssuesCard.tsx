import { Text, View } from '@tarojs/components';
import type { CommonIssuesOfMonth } from '@whistle/shared';
import { go } from '../../../lib/nav';

/** The month's common issues (共性问题): confirmed in it, still open at its end; the ledger a tap away. */
export function CommonIssuesCard(props: { value: CommonIssuesOfMonth | null }) {
  const v = props.value;
  if (!v) return <Text className="muted">本月份的共性问题未统计</Text>;
  return (
    <View className="analysis-common" onClick={() => go('commonLedger')}>
      <Text className="analysis-common__figures">{`本月新确认 ${v.new} 个 · 月末未解决 ${v.open} 个`}</Text>
      <Text className="link">查看共性问题台账 ›</Text>
    </View>
  );
}
