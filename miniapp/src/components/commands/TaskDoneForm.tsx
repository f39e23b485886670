import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { OptionList } from '../Sheet';
import { Field } from '../ui';
import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

/**
 * 完成协办任务: a co-unit marks its joint-handling task done, with an optional
 * note. A supervisor may pick which pending task when there are several.
 */
export function TaskDoneForm(props: FormProps<'taskDone'>) {
  const { ticket, me } = props.ctx;
  const pending = (ticket.joint?.coUnits ?? []).filter((c) => !c.doneAt);
  const mine = pending.find((c) => c.unitId === me.unitId);
  const [unitId, setUnitId] = useState<string | undefined>(mine?.unitId ?? pending[0]?.unitId);
  const shown = mine ?? pending.find((c) => c.unitId === unitId);
  return (
    <TextCommandForm
      type="taskDone"
      label="完成情况（选填）"
      placeholder="协办任务办理结果"
      required={false}
      toRequest={(note) =>
        unitId ? buildRequest('taskDone', note.trim() ? { note } : {}, { unitId }) : { error: '没有待完成的协办任务' }
      }
      submit={props.submit}
    >
      {pending.length > 1 && me.isSupervisor ? (
        <Field label="哪个协办任务">
          <OptionList
            options={pending.map((c) => ({ value: c.unitId, label: c.unitName, sub: c.task }))}
            selected={unitId ? [unitId] : []}
            onToggle={setUnitId}
          />
        </Field>
      ) : null}
      {mine ?? pending[0] ? (
        <View className="task-brief">
          <Text>任务：{shown?.task ?? ''}</Text>
        </View>
      ) : null}
    </TextCommandForm>
  );
}
