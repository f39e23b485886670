import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A bottom sheet: a dimmed mask and a white panel with a title and a close button. */
export function Sheet(props: { open: boolean; title: string; onClose: () => void; children: ReactNode; footer?: ReactNode }) {
  if (!props.open) return null;
  return (
    <View className="sheet">
      <View className="sheet__mask" onClick={props.onClose} />
      <View className="sheet__panel">
        <View className="sheet__head">
          <Text className="sheet__title">{props.title}</Text>
          <View className="sheet__close" onClick={props.onClose}>
            <Text>✕</Text>
          </View>
        </View>
        <View className="sheet__body">{props.children}</View>
        {props.footer ? <View className="sheet__foot">{props.footer}</View> : null}
      </View>
    </View>
  );
}

/** A list of options, one or many selected (units, leaders…). */
export function OptionList<T extends string>(props: {
  options: ReadonlyArray<{ value: T; label: string; sub?: string; disabled?: boolean }>;
  selected: readonly T[];
  onToggle: (v: T) => void;
  multi?: boolean;
  empty?: string;
}) {
  if (!props.options.length) return <Text className="muted">{props.empty ?? '暂无可选项'}</Text>;
  return (
    <View className="options">
      {props.options.map((o) => {
        const on = props.selected.includes(o.value);
        return (
          <View
            key={o.value}
            className={`option ${on ? 'option--on' : ''} ${o.disabled ? 'option--disabled' : ''}`}
            onClick={() => {
              if (!o.disabled) props.onToggle(o.value);
            }}
          >
            <View className="option__main">
              <Text className="option__label">{o.label}</Text>
              {o.sub ? <Text className="option__sub">{o.sub}</Text> : null}
            </View>
            <View className={`option__check ${props.multi ? 'option__check--multi' : ''}`}>{on ? <Text>✓</Text> : null}</View>
          </View>
        );
      })}
    </View>
  );
}
