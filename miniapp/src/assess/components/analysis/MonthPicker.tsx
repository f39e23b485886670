import { ScrollView, Text, View } from '@tarojs/components';
import { monthLabel, pickableMonths } from '../../lib/analysis';
import '../../../components/period-picker.scss';

/** The months to analyse: this one and the eleven before it, newest first, in a row that scrolls. */
export function MonthPicker(props: { value: string; onChange: (month: string) => void; now?: number }) {
  const months = pickableMonths(props.now);
  const list = months.includes(props.value) ? months : [props.value, ...months];
  return (
    <ScrollView scrollX className="period-picker month-picker">
      <View className="period-picker__list month-picker__list">
        {list.map((m) => (
          <View key={m} className={`period-chip ${m === props.value ? 'period-chip--on' : ''}`} data-month={m} onClick={() => props.onChange(m)}>
            <Text>{monthLabel(m)}</Text>
          </View>
        ))}
      </View>
    </ScrollView>
  );
}
