import { View } from '@tarojs/components';
import type { Unit } from '@whistle/shared';
import { OptionList } from '../../../components/Sheet';
import { Field } from '../../../components/ui';

/** The responsible unit: the supervisor names it (a unit's own staff write for their unit). */
export function UnitField(props: { units: readonly Unit[] | undefined; value: string | undefined; onChange: (unitId: string) => void; error?: string | undefined }) {
  return (
    <Field label="责任单位" required error={props.error}>
      <View className="form__scroll form__scroll--short policy-unit-field">
        <OptionList
          options={(props.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
          selected={props.value ? [props.value] : []}
          onToggle={props.onChange}
          empty={props.units ? '没有可选的单位' : '正在加载单位…'}
        />
      </View>
    </Field>
  );
}
