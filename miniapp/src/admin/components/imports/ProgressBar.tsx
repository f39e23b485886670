import { Text, View } from '@tarojs/components';

/** An import's progress: a bar and `done / total (pct %)`; the percentage is whole and reaches 100 only when done. */
export const percent = (done: number, total: number): number => (total <= 0 ? 0 : done >= total ? 100 : Math.min(99, Math.floor((done * 100) / total)));

export function ProgressBar(props: { done: number; total: number; label?: string }) {
  const pct = percent(props.done, props.total);
  return (
    <View className="progress" data-pct={String(pct)}>
      <View className="progress__track">
        <View className="progress__fill" style={{ width: `${pct}%` }} />
      </View>
      <Text className="progress__text">
        {props.label ? `${props.label} ` : ''}
        {props.done} / {props.total}（{pct}%）
      </Text>
    </View>
  );
}
