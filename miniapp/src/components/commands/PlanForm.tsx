import { View } from '@tarojs/components';
import { useState } from 'react';
import { OptionList } from '../Sheet';
import { Field } from '../ui';
import { unitOptions } from './fields';
import { FormShell } from './FormShell';
import { itemBody, PlanItemFields, useItemDraft } from './PlanItemFields';
import { buildRequest, type FormProps } from './types';

/**
 * 制定方案 (一企一策): the team's co-units and the first item; more items are
 * added one by one afterwards (添加方案事项). The lead unit is the handling unit.
 */
export function PlanForm(props: FormProps<'plan'>) {
  const { ticket, units } = props.ctx;
  const { draft, set } = useItemDraft();
  const [coUnitIds, setCoUnitIds] = useState<string[]>(ticket.joint?.coUnits.map((c) => c.unitId) ?? []);
  const toggle = (id: string) => setCoUnitIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const build = () => {
    const item = itemBody(draft);
    return 'error' in item ? item : buildRequest('plan', { coUnitIds, items: [item] });
  };
  return (
    <FormShell type="plan" build={build} submit={props.submit}>
      <Field label="协同单位（一套班子）">
        <View className="form__scroll">
          <OptionList multi options={unitOptions(units, undefined, [ticket.handlingUnitId])} selected={coUnitIds} onToggle={toggle} empty="正在加载单位…" />
        </View>
      </Field>
      <PlanItemFields draft={draft} set={set} units={units} handlingUnitId={ticket.handlingUnitId} />
    </FormShell>
  );
}
