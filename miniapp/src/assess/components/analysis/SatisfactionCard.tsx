import { Text, View } from '@tarojs/components';
import type { Satisfaction } from '@whistle/shared';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Satisfaction of the month's resolved requests: how many were rated, and how. */
export function SatisfactionCard(props: { value: Satisfaction }) {
  const s = props.value;
  const parts = [
    { key: 'satisfied', label: '满意', count: s.satisfied },
    { key: 'fair', label: '基本满意', count: s.fair },
    { key: 'unsatisfied', label: '不满意', count: s.unsatisfied },
  ];
  return (
    <View className="satisfaction">
      <View className="satisfaction__head">
        <Text className="satisfaction__rate">{pct(s.rate)}</Text>
        <Text className="muted">{`满意度 · 已办结 ${s.resolved} 件，已评价 ${s.rated} 件（评价率 ${pct(s.ratedShare)}）`}</Text>
      </View>
      <View className="satisfaction__bar">
        {parts.map((p) =>
          p.count ? <View key={p.key} className={`satisfaction__part satisfaction__part--${p.key}`} style={{ flexGrow: p.count }} /> : null,
        )}
      </View>
      <View className="satisfaction__legend">
        {parts.map((p) => (
          <Text key={p.key} className={`satisfaction__item satisfaction__item--${p.key}`}>{`${p.label} ${p.count}`}</Text>
        ))}
      </View>
    </View>
  );
}
