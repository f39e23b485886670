import { Input, Text, View } from '@tarojs/components';
import type { ClockRule } from '@whistle/shared';
import { ChoiceChips } from '../../../components/ui';

const UNITS = [
  { value: 'minute', label: '分钟' },
  { value: 'hour', label: '小时' },
  { value: 'day', label: '天' },
] as const;
const BASES = [
  { value: 'working', label: '工作时间' },
  { value: 'calendar', label: '自然时间' },
] as const;

/** One clock rule on a line: how long, in what unit, counted in working or calendar time; its error under it. */
export function RuleEditor(props: { label: string; path: string; rule: ClockRule; error?: string; onChange: (r: ClockRule) => void }) {
  const r = props.rule;
  return (
    <View className={`rule-row ${props.error ? 'field--error' : ''}`} data-rule={props.path}>
      <Text className="rule-row__label">{props.label}</Text>
      <Input
        className="input rule-duration"
        type="number"
        value={String(r.duration)}
        onInput={(e) => props.onChange({ ...r, duration: Number(e.detail.value) })}
      />
      <ChoiceChips<ClockRule['unit']> options={UNITS} value={r.unit} onChange={(unit) => props.onChange({ ...r, unit })} />
      <ChoiceChips<ClockRule['basis']> options={BASES} value={r.basis} onChange={(basis) => props.onChange({ ...r, basis })} />
      {props.error ? <Text className="field__error">{props.error}</Text> : null}
    </View>
  );
}
