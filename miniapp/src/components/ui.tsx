import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Tone } from '../lib/format';
import { initial } from '../lib/format';

export function Chip(props: { tone?: Tone | 'info' | 'purple' | 'orange'; children: ReactNode; className?: string }) {
  return <Text className={`chip chip--${props.tone ?? 'muted'} ${props.className ?? ''}`}>{props.children}</Text>;
}

export function Avatar(props: { name?: string; tone?: 'green' | 'blue' | 'orange' | 'gray' | 'purple'; small?: boolean }) {
  return (
    <View className={`avatar avatar--${props.tone ?? 'blue'} ${props.small ? 'avatar--small' : ''}`}>
      <Text>{initial(props.name)}</Text>
    </View>
  );
}

export function Empty(props: { text: string; hint?: string; children?: ReactNode }) {
  return (
    <View className="empty">
      <View className="empty__icon">
        <Text>○</Text>
      </View>
      <Text className="empty__text">{props.text}</Text>
      {props.hint ? <Text className="empty__hint">{props.hint}</Text> : null}
      {props.children}
    </View>
  );
}

export function Loading(props: { text?: string }) {
  return (
    <View className="loading">
      <View className="loading__dot" />
      <View className="loading__dot" />
      <View className="loading__dot" />
      <Text className="loading__text">{props.text ?? '加载中…'}</Text>
    </View>
  );
}

export function Section(props: { title?: string; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <View className={`section ${props.className ?? ''}`}>
      {props.title ? (
        <View className="section__head">
          <Text className="section__title">{props.title}</Text>
          {props.extra ? <View className="section__extra">{props.extra}</View> : null}
        </View>
      ) : null}
      {props.children}
    </View>
  );
}

export function Field(props: { label: string; error?: string; hint?: ReactNode; children: ReactNode; required?: boolean }) {
  return (
    <View className={`field ${props.error ? 'field--error' : ''}`}>
      <View className="field__label">
        <Text>{props.label}</Text>
        {props.required ? <Text className="field__required">*</Text> : null}
        {props.hint ? <View className="field__hint">{props.hint}</View> : null}
      </View>
      {props.children}
      {props.error ? <Text className="field__error">{props.error}</Text> : null}
    </View>
  );
}

export type BtnKind = 'primary' | 'default' | 'warn' | 'plain';

/**
 * A button that is safe on H5: `disabled={false}` would render as
 * `disabled="false"` and a disabled Taro button still fires onClick, so the
 * attribute is left out when enabled and the handler is guarded. `loading`
 * shows a spinner and blocks presses.
 */
export function Btn(props: {
  kind?: BtnKind;
  size?: 'small' | 'normal' | 'large';
  disabled?: boolean;
  loading?: boolean;
  onClick?: () => void;
  children: ReactNode;
  className?: string;
  block?: boolean;
  /**
   * what a screen reader says when the text alone does not (拨打 → 拨打 王敏 0571-…): the button's aria-label.
   * (Not named `ariaLabel`: Taro's H5 build renames that JSX attribute to `aria-label` at every call site, a custom component's included.)
   */
  a11yLabel?: string;
}) {
  const off = !!props.disabled || !!props.loading;
  return (
    <Button
      className={`btn btn--${props.kind ?? 'default'} btn--${props.size ?? 'normal'} ${props.block ? 'btn--block' : ''} ${off ? 'btn--off' : ''} ${props.className ?? ''}`}
      disabled={off || undefined}
      {...(props.a11yLabel ? { ariaLabel: props.a11yLabel } : {})}
      onClick={() => {
        if (off) return;
        props.onClick?.();
      }}
    >
      {/* our own spinner: Taro's `loading` makes the H5 web component insert nodes React also manages */}
      {props.loading ? <Text className="btn__spinner" /> : null}
      <Text className="btn__text">{props.children}</Text>
    </Button>
  );
}

/** Tappable single-choice chips (category, priority, rating…). */
export function ChoiceChips<T extends string>(props: {
  options: ReadonlyArray<{ value: T; label: string; hint?: string }>;
  value: T | undefined;
  onChange: (v: T) => void;
  columns?: 2 | 3 | 4;
  className?: string;
}) {
  return (
    <View className={`choices choices--${props.columns ?? 4} ${props.className ?? ''}`}>
      {props.options.map((o) => (
        <View
          key={o.value}
          className={`choice ${props.value === o.value ? 'choice--on' : ''}`}
          onClick={() => props.onChange(o.value)}
        >
          <Text className="choice__label">{o.label}</Text>
          {o.hint ? <Text className="choice__hint">{o.hint}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/** Segmented tabs on top of a list. */
export function Tabs<T extends string>(props: {
  tabs: ReadonlyArray<{ value: T; label: string; badge?: number }>;
  value: T;
  onChange: (v: T) => void;
}) {
  return (
    <View className="tabs">
      {props.tabs.map((t) => (
        <View key={t.value} className={`tab ${props.value === t.value ? 'tab--on' : ''}`} onClick={() => props.onChange(t.value)}>
          <Text>{t.label}</Text>
          {t.badge ? <Text className="tab__badge">{t.badge > 99 ? '99+' : t.badge}</Text> : null}
        </View>
      ))}
    </View>
  );
}

export function Badge(props: { count: number }) {
  if (!props.count) return null;
  return <Text className="badge">{props.count > 99 ? '99+' : props.count}</Text>;
}

/** A labelled value in a card (牵头单位 西城街道; 企业 …). */
export function Kv(props: { k: string; children: string; className?: string }) {
  return (
    <View className="kv">
      <Text className="kv__k">{props.k}</Text>
      <Text className={`kv__v ${props.className ?? ''}`}>{props.children}</Text>
    </View>
  );
}
