import { Text, View } from '@tarojs/components';
import type { OfficePeriod } from '@whistle/shared';

/** 办公时间: the tenant's office hours (the working clocks count only these). */
export function OfficeHoursCard(props: { periods: readonly OfficePeriod[] }) {
  return (
    <View className="ccard office-hours">
      <Text className="ccard__title">办公时间</Text>
      <Text className="kv office-hours__periods">{props.periods.map((p) => `${p.start}–${p.end}`).join('，')}</Text>
    </View>
  );
}
