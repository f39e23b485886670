import { Text, View } from '@tarojs/components';
import { periodKind, type PeriodKind } from '@whistle/shared';
import { Tabs } from './ui';
import './period-picker.scss';
import { currentPeriod, PERIOD_KINDS, periodLabel, recentPeriods } from '../lib/periods';

/**
 * The period picker: month / quarter / year, then the current period of that
 * kind and the ones before it (newest first), wrapping onto a second line.
 * Switching the kind picks its current period.
 */
export function PeriodPicker(props: { value: string; onChange: (p: string) => void; now?: number }) {
  const kind = periodKind(props.value);
  const periods = recentPeriods(kind, props.now);
  const list = periods.includes(props.value) ? periods : [props.value, ...periods];
  return (
    <View className="period-picker">
      <Tabs<PeriodKind> tabs={PERIOD_KINDS} value={kind} onChange={(k) => props.onChange(currentPeriod(k, props.now))} />
      <View className="period-picker__list">
        {list.map((p) => (
          <View key={p} className={`period-chip ${p === props.value ? 'period-chip--on' : ''}`} data-period={p} onClick={() => props.onChange(p)}>
            <Text>{periodLabel(p)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
