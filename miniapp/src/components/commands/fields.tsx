import { Textarea } from '@tarojs/components';
import type { Unit } from '@whistle/shared';
import { Field } from '../ui';

/** The free-text box of a command form (`.action-text`). */
export function CommandText(props: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
}) {
  return (
    <Field label={props.label} required={props.required ?? true}>
      <Textarea
        className="textarea action-text"
        value={props.value}
        placeholder={props.placeholder}
        maxlength={2000}
        autoHeight
        onInput={(e) => props.onChange(e.detail.value)}
      />
    </Field>
  );
}

/**
 * Units to pick from: the handling unit first (the natural lead), then
 * departments, then townships; `exclude` leaves some out.
 */
export function unitOptions(units: readonly Unit[], handlingUnitId: string | undefined, exclude: readonly (string | undefined)[] = []) {
  const rank = (u: Unit) => (u.id === handlingUnitId ? 0 : u.track === 'department' ? 1 : 2);
  return [...units]
    .filter((u) => !exclude.includes(u.id))
    .sort((a, b) => rank(a) - rank(b))
    .map((u) => ({ value: u.id, label: u.name, sub: u.id === handlingUnitId ? '当前承办单位' : u.track === 'township' ? '镇街' : '部门' }));
}
