import { View } from '@tarojs/components';
import { useState } from 'react';
import { OptionList } from '../Sheet';
import { Field } from '../ui';
import { unitOptions } from './fields';
import { FormShell } from './FormShell';
import { buildRequest, type FormProps } from './types';

/** 指派承办单位: the supervisor picks the unit for an unclaimed ticket. */
export function AssignForm(props: FormProps<'assign'>) {
  const { ticket, units } = props.ctx;
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  return (
    <FormShell
      type="assign"
      build={() => (unitId ? buildRequest('assign', { unitId }) : { error: '请选择承办单位' })}
      submit={props.submit}
    >
      <Field label="指派给" required>
        <View className="form__scroll">
          <OptionList
            options={unitOptions(units, ticket.handlingUnitId, [ticket.handlingUnitId])}
            selected={unitId ? [unitId] : []}
            onToggle={setUnitId}
            empty="正在加载单位…"
          />
        </View>
      </Field>
    </FormShell>
  );
}
