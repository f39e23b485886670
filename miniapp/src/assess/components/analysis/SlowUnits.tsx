import { Text, View } from '@tarojs/components';
import type { SlowUnit } from '@whistle/shared';

const h = (v: number | null): string => (v === null ? '—' : `${v} 小时`);

/** The slowest units of the month (enough requests to be ranked), by median working hours to resolve. */
export function SlowUnits(props: { units: readonly SlowUnit[]; minTickets: number }) {
  if (!props.units.length) return <Text className="muted slow-none">{`本月没有承办满 ${props.minTickets} 件诉求的单位`}</Text>;
  return (
    <View className="slow-units">
      {props.units.map((u, i) => (
        <View key={u.unitId} className="slow-unit" data-unit={u.unitId}>
          <Text className="slow-unit__rank">{i + 1}</Text>
          <View className="slow-unit__body">
            <Text className="slow-unit__name">{u.name}</Text>
            <Text className="slow-unit__meta">{`承办 ${u.tickets} 件 · 已办结 ${u.resolved} 件`}</Text>
          </View>
          <View className="slow-unit__times">
            <Text className="slow-unit__resolve">{`办结 ${h(u.medianResolveHours)}`}</Text>
            <Text className="slow-unit__claim">{`认领 ${h(u.medianClaimHours)}`}</Text>
          </View>
        </View>
      ))}
      <Text className="muted slow-note">用时为工作时间（按工作日历）的中位数</Text>
    </View>
  );
}
