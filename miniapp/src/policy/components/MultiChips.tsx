import { Text, View } from '@tarojs/components';

/** Tappable chips, any number selected (an enterprise's tags, a policy's industries…); each says whether it is on. */
export function MultiChips<T extends string>(props: {
  label: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: readonly T[];
  onChange: (v: T[]) => void;
  className?: string;
}) {
  const toggle = (v: T) => props.onChange(props.value.includes(v) ? props.value.filter((x) => x !== v) : [...props.value, v]);
  return (
    <View className={`multi-chips ${props.className ?? ''}`} ariaLabel={props.label}>
      {props.options.map((o) => {
        const on = props.value.includes(o.value);
        return (
          <View
            key={o.value}
            className={`multi-chip ${on ? 'multi-chip--on' : ''}`}
            data-value={o.value}
            ariaRole="checkbox"
            ariaLabel={`${o.label}${on ? '，已选' : '，未选'}`}
            onClick={() => toggle(o.value)}
          >
            <Text className="multi-chip__check">{on ? '✓' : '+'}</Text>
            <Text className="multi-chip__label">{o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
