import { Text, View } from '@tarojs/components';
import { localDate } from '@whistle/shared';

const DAY_MS = 86_400_000;
const NAMES = ['今天', '昨天', '前天'];

/** The day of the visit: today or one of the six days before (a visit is logged soon after it). */
export function DateChips(props: { value: string; onChange: (date: string) => void; now?: number }) {
  const now = props.now ?? Date.now();
  const days = Array.from({ length: 7 }, (_, i) => localDate(now - i * DAY_MS));
  return (
    <View className="date-chips">
      {days.map((d, i) => (
        <View key={d} className={`date-chip ${d === props.value ? 'date-chip--on' : ''}`} data-date={d} onClick={() => props.onChange(d)}>
          <Text className="date-chip__day">{d.slice(5).replace('-', '/')}</Text>
          {NAMES[i] ? <Text className="date-chip__name">{NAMES[i]}</Text> : null}
        </View>
      ))}
    </View>
  );
}
