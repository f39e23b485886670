import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { OptionList } from '../Sheet';
import { Field } from '../ui';
import { unitOptions } from './fields';
import { FormShell } from './FormShell';
import { buildRequest, type Built, type FormProps } from './types';

/** co-unit id → its task, in the order they were picked */
type Tasks = Record<string, string>;

const without = (tasks: Tasks, unitId: string): Tasks => Object.fromEntries(Object.entries(tasks).filter(([id]) => id !== unitId));

/**
 * 发起联办: a lead unit (the handling unit, preselected) and co-units, each
 * with its task; the lead is never also a co-unit.
 */
export function JointForm(props: FormProps<'joint'>) {
  const { ticket, units } = props.ctx;
  const [leadUnitId, setLeadUnitId] = useState<string | undefined>(ticket.handlingUnitId);
  const [tasks, setTasks] = useState<Tasks>({});
  const nameOf = (id: string) => units.find((u) => u.id === id)?.name;

  const build = (): Built<'joint'> => {
    if (!leadUnitId) return { error: '请选择牵头单位' };
    const coUnits = Object.entries(tasks)
      .filter(([id]) => id !== leadUnitId)
      .map(([unitId, task]) => ({ unitId, task: task.trim() }));
    if (!coUnits.length) return { error: '至少选择一个协办单位' };
    const missing = coUnits.find((c) => !c.task);
    if (missing) return { error: `请填写 ${nameOf(missing.unitId) ?? '协办单位'} 的协办任务` };
    return buildRequest('joint', { leadUnitId, coUnits });
  };

  return (
    <FormShell type="joint" build={build} submit={props.submit}>
      <Field label="牵头单位" required hint={<Text className="counter">牵头单位负责办结</Text>}>
        <View className="form__scroll form__scroll--short">
          <OptionList
            options={unitOptions(units, ticket.handlingUnitId)}
            selected={leadUnitId ? [leadUnitId] : []}
            onToggle={(id) => {
              setLeadUnitId(id);
              setTasks((t) => without(t, id));
            }}
          />
        </View>
      </Field>
      <Field label="协办单位及任务" required>
        <View className="form__scroll">
          <OptionList
            multi
            options={unitOptions(units, ticket.handlingUnitId, [leadUnitId])}
            selected={Object.keys(tasks)}
            onToggle={(id) => setTasks((t) => (id in t ? without(t, id) : { ...t, [id]: '' }))}
          />
        </View>
        {Object.keys(tasks).map((id) => (
          <View key={id} className="co-task">
            <Text className="co-task__unit">{nameOf(id) ?? id}</Text>
            <Input
              className="input co-task__input"
              value={tasks[id] ?? ''}
              placeholder="协办任务，如：出具规划意见"
              onInput={(e) => {
                const value = e.detail.value;
                setTasks((t) => ({ ...t, [id]: value }));
              }}
            />
          </View>
        ))}
      </Field>
    </FormShell>
  );
}
