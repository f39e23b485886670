import { View } from '@tarojs/components';
import { useState } from 'react';
import { OptionList } from '../Sheet';
import { Field } from '../ui';
import { unitOptions } from './fields';
import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

/** 移交: the handling unit hands the ticket to another unit, saying why. */
export function TransferForm(props: FormProps<'transfer'>) {
  const { ticket, units } = props.ctx;
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  return (
    <TextCommandForm
      type="transfer"
      label="移交原因"
      placeholder="说明为什么移交，接手单位能看到"
      toRequest={(reason) => (unitId ? buildRequest('transfer', { unitId, reason }) : { error: '请选择移交给哪个单位' })}
      submit={props.submit}
    >
      <Field label="移交给" required>
        <View className="form__scroll">
          <OptionList
            options={unitOptions(units, ticket.handlingUnitId, [ticket.handlingUnitId])}
            selected={unitId ? [unitId] : []}
            onToggle={setUnitId}
            empty="正在加载单位…"
          />
        </View>
      </Field>
    </TextCommandForm>
  );
}
