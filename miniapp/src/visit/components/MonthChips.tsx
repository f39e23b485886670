import { Text, View } from '@tarojs/components';
import { monthLabel } from '@whistle/shared';
import { recentMonths } from '../lib/visit';

/** The month picker: this month and the five before it. */
export function MonthChips(props: { value: string; onChange: (month: string) => void; now?: number }) {
  return (
    <View className="month-chips">
      {recentMonths(props.now).map((m) => (
        <View key={m} className={`month-chip ${m === props.value ? 'month-chip--on' : ''}`} data-month={m} onClick={() => props.onChange(m)}>
          <Text>{monthLabel(m)}</Text>
        </View>
      ))}
    </View>
  );
}
