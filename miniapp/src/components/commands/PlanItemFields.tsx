import { Input, Picker, Text, View } from '@tarojs/components';
import { localDate, type Unit } from '@whistle/shared';
import { useState } from 'react';
import { OptionList } from '../Sheet';
import { Field } from '../ui';
import { unitOptions } from './fields';

export interface ItemDraft {
  title: string;
  ownerUnitId: string | undefined;
  dueDate: string | undefined;
}

/** The fields of one plan item (what, which unit, by which day), as state. */
export function useItemDraft() {
  const [draft, setDraft] = useState<ItemDraft>({ title: '', ownerUnitId: undefined, dueDate: undefined });
  return { draft, set: (patch: Partial<ItemDraft>) => setDraft((d) => ({ ...d, ...patch })) };
}

/** The item's body when complete, else the first missing field in words. */
export function itemBody(d: ItemDraft): { title: string; ownerUnitId: string; dueDate: string } | { error: string } {
  if (!d.ownerUnitId) return { error: '请选择责任单位' };
  if (!d.dueDate) return { error: '请选择完成时限' };
  return { title: d.title, ownerUnitId: d.ownerUnitId, dueDate: d.dueDate };
}

/** A due date picked on a calendar, from today (Asia/Shanghai). */
export function DueDateField(props: { value: string | undefined; onChange: (v: string) => void }) {
  return (
    <Field label="完成时限" required hint={<Text className="muted">遇节假日顺延至下一个工作日</Text>}>
      <Picker mode="date" value={props.value ?? localDate(Date.now())} start={localDate(Date.now())} onChange={(e) => props.onChange(String(e.detail.value))}>
        <View className="input plan-due">{props.value ?? '选择日期'}</View>
      </Picker>
    </Field>
  );
}

/** One plan item: what is to be done, the owner unit, the due date. */
export function PlanItemFields(props: { draft: ItemDraft; set: (p: Partial<ItemDraft>) => void; units: readonly Unit[]; handlingUnitId: string | undefined }) {
  const { draft, set } = props;
  return (
    <>
      <Field label="事项内容" required>
        <Input className="input plan-title" value={draft.title} maxlength={200} placeholder="如：签订土地流转协议" onInput={(e) => set({ title: e.detail.value })} />
      </Field>
      <Field label="责任单位" required>
        <View className="form__scroll">
          <OptionList
            options={unitOptions(props.units, props.handlingUnitId)}
            selected={draft.ownerUnitId ? [draft.ownerUnitId] : []}
            onToggle={(ownerUnitId) => set({ ownerUnitId })}
            empty="正在加载单位…"
          />
        </View>
      </Field>
      <DueDateField value={draft.dueDate} onChange={(dueDate) => set({ dueDate })} />
    </>
  );
}
