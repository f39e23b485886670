/**
 * Test double for `@tarojs/components`: plain DOM elements with Taro's event
 * shapes (`onInput(e)` with `e.detail.value`), enough for jsdom tests.
 */
import { createElement, type ReactNode } from 'react';

type Handler = (e: { detail: { value: string }; stopPropagation: () => void }) => void;

interface BaseProps {
  className?: string;
  style?: Record<string, string | number>;
  children?: ReactNode;
  onClick?: (e: { stopPropagation: () => void }) => void;
  /** WeChat's accessibility attributes: `aria-label`, and `aria-role` (a `role` here, so tests can find by role) */
  ariaLabel?: string;
  ariaRole?: string;
  [data: `data-${string}`]: string | undefined;
}

const pickData = (props: object): Record<string, unknown> => {
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith('data-')));
  const { ariaLabel, ariaRole } = props as { ariaLabel?: string; ariaRole?: string };
  if (ariaLabel) out['aria-label'] = ariaLabel;
  if (ariaRole) out.role = ariaRole;
  return out;
};

export function View(props: BaseProps) {
  return createElement('div', { className: props.className, style: props.style, onClick: props.onClick, ...pickData(props) }, props.children);
}

export function Text(props: BaseProps) {
  return createElement('span', { className: props.className, onClick: props.onClick, ...pickData(props) }, props.children);
}

export function Button(props: BaseProps & { disabled?: boolean; loading?: boolean; type?: string; size?: string }) {
  return createElement(
    'button',
    { className: props.className, disabled: props.disabled, onClick: props.onClick, type: 'button', ...pickData(props) },
    props.children,
  );
}

interface FieldProps {
  className?: string;
  ariaLabel?: string;
  value?: string;
  placeholder?: string;
  maxlength?: number;
  onInput?: Handler;
  onConfirm?: Handler;
  autoHeight?: boolean;
  confirmType?: string;
}

const fire = (h: Handler | undefined, value: string) => h?.({ detail: { value }, stopPropagation: () => undefined });

export function Input(props: FieldProps) {
  return createElement('input', {
    className: props.className,
    'aria-label': props.ariaLabel,
    value: props.value ?? '',
    placeholder: props.placeholder,
    onChange: (e: { target: { value: string } }) => fire(props.onInput, e.target.value),
    onKeyDown: (e: { key: string; currentTarget: { value: string } }) => {
      if (e.key === 'Enter') fire(props.onConfirm, e.currentTarget.value);
    },
  });
}

export function Textarea(props: FieldProps) {
  return createElement('textarea', {
    className: props.className,
    'aria-label': props.ariaLabel,
    value: props.value ?? '',
    placeholder: props.placeholder,
    onChange: (e: { target: { value: string } }) => fire(props.onInput, e.target.value),
  });
}

export function ScrollView(props: BaseProps) {
  return View(props);
}

export function Image(props: { src: string; className?: string }) {
  return createElement('img', { src: props.src, className: props.className });
}

/** Taro's Picker (mode="date" here): its children, and a date input that fires `onChange` with `e.detail.value`. */
export function Picker(props: { mode?: string; value?: string; start?: string; children?: ReactNode; onChange?: Handler }) {
  return createElement(
    'label',
    { className: `picker picker--${props.mode ?? 'selector'}` },
    props.children,
    createElement('input', {
      className: 'picker__input',
      type: 'date',
      min: props.start,
      value: props.value ?? '',
      onChange: (e: { target: { value: string } }) => fire(props.onChange, e.target.value),
    }),
  );
}
