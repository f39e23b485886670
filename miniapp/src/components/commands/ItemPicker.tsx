import { View } from '@tarojs/components';
import type { PlanItem } from '@whistle/shared';
import { OptionList } from '../Sheet';
import { Field } from '../ui';

/** Which open item a form acts on (shown only when there is a choice). */
export function ItemPicker(props: { items: readonly PlanItem[]; value: string | undefined; onChange: (id: string) => void }) {
  if (props.items.length < 2) return null;
  return (
    <Field label="哪个事项" required>
      <View className="form__scroll">
        <OptionList
          options={props.items.map((i) => ({ value: i.id, label: i.title, sub: `${i.ownerUnitName} · ${i.dueDate} 前` }))}
          selected={props.value ? [props.value] : []}
          onToggle={props.onChange}
        />
      </View>
    </Field>
  );
}
