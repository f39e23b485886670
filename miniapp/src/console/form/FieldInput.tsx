import { Input, View } from '@tarojs/components';
import { OptionList } from '../../components/Sheet';
import { ChoiceChips, Field } from '../../components/ui';
import type { FieldSpec } from './spec';

const BOOL = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
] as const;

/** One field of a record form, by its spec, with its error under it. */
export function FieldInput(props: { spec: FieldSpec; value: unknown; error?: string; editing: boolean; onChange: (v: unknown) => void }) {
  const s = props.spec;
  const cls = `f-${s.path.replace(/\./g, '-')}`;
  const required = 'required' in s ? s.required : false;
  return (
    <Field label={s.label} error={props.error} required={required}>
      <View className={`ffield ${cls}`} data-field={s.path}>
        {s.kind === 'text' ? (
          <Input
            className="input"
            value={typeof props.value === 'string' ? props.value : ''}
            placeholder={s.placeholder}
            disabled={props.editing && s.readOnlyWhenEditing ? true : undefined}
            onInput={(e) => props.onChange(e.detail.value)}
          />
        ) : s.kind === 'bool' ? (
          <ChoiceChips<string> options={BOOL} value={props.value === true ? 'true' : props.value === false ? 'false' : undefined} columns={2} onChange={(v) => props.onChange(v === 'true')} />
        ) : s.kind === 'choice' ? (
          <View className="form__scroll form__scroll--short">
            <OptionList<string>
              options={s.options}
              selected={typeof props.value === 'string' ? [props.value] : []}
              onToggle={(v) => props.onChange(s.optional && props.value === v ? undefined : v)}
            />
          </View>
        ) : (
          <View className="form__scroll form__scroll--short">
            <OptionList<string>
              multi
              options={s.options}
              selected={Array.isArray(props.value) ? (props.value as string[]) : []}
              onToggle={(v) => {
                const now = Array.isArray(props.value) ? (props.value as string[]) : [];
                props.onChange(now.includes(v) ? now.filter((x) => x !== v) : [...now, v]);
              }}
            />
          </View>
        )}
      </View>
    </Field>
  );
}
