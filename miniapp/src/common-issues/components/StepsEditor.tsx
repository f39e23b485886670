import { Text, View } from '@tarojs/components';
import type { StepDraft, Unit } from '@whistle/shared';
import { useState } from 'react';
import { PlanItemFields, itemBody, useItemDraft } from '../../components/commands/PlanItemFields';
import { Btn } from '../../components/ui';

/**
 * The standing fix's steps (措施) as they are written: each added one in a line (what, whose, by when)
 * with 删除, and the fields of the next one with 添加这项措施 (a step needs its title, owner unit and day).
 */
export function StepsEditor(props: { steps: readonly StepDraft[]; onChange: (steps: StepDraft[]) => void; units: readonly Unit[] }) {
  const item = useItemDraft();
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const name = (id: string) => props.units.find((u) => u.id === id)?.name ?? id;
  const add = () => {
    const b = itemBody(item.draft);
    if ('error' in b) return setProblem(b.error);
    const title = b.title.trim();
    if (!title) return setProblem('请填写措施内容');
    setProblem(undefined);
    props.onChange([...props.steps, { ...b, title }]);
    item.set({ title: '', dueDate: undefined });
  };
  return (
    <View className="steps-editor">
      {props.steps.map((s, i) => (
        <View key={`${s.title}-${i}`} className="steps-editor__row">
          <Text className="steps-editor__text">{`${i + 1}. ${s.title}（${name(s.ownerUnitId)}，${s.dueDate} 前）`}</Text>
          <Btn size="small" kind="plain" className="steps-editor__remove" onClick={() => props.onChange(props.steps.filter((_, j) => j !== i))}>
            删除
          </Btn>
        </View>
      ))}
      <PlanItemFields draft={item.draft} set={(p) => (setProblem(undefined), item.set(p))} units={props.units} handlingUnitId={undefined} />
      {problem ? <Text className="form__error steps-editor__problem">{problem}</Text> : null}
      <Btn size="small" className="steps-editor__add" onClick={add}>
        添加这项措施
      </Btn>
    </View>
  );
}
