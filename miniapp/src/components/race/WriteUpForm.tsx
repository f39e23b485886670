import { Input, Text, Textarea, View } from '@tarojs/components';
import { RaceCaseInput, type Unit } from '@whistle/shared';
import { useState } from 'react';
import { OptionList } from '../Sheet';
import { Btn, Field } from '../ui';

type WriteUp = Extract<RaceCaseInput, { kind: 'writeUp' }>;

/** A write-up to stand as a candidate case: its title, the unit whose work it is, a summary (checked by the API's own schema). */
export function WriteUpForm(props: { units: readonly Unit[]; onAdd: (c: WriteUp) => void }) {
  const [title, setTitle] = useState('');
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  const add = () => {
    if (!unitId) {
      setError('请选择案例所属单位');
      return;
    }
    const parsed = RaceCaseInput.safeParse({ kind: 'writeUp', title, unitId, summary });
    if (!parsed.success || parsed.data.kind !== 'writeUp') {
      setError(parsed.success ? '案例不完整' : (parsed.error.issues[0]?.message ?? '案例不完整'));
      return;
    }
    props.onAdd(parsed.data);
    setTitle('');
    setSummary('');
    setUnitId(undefined);
    setError(undefined);
  };

  return (
    <View className="write-up">
      <Field label="案例标题" required>
        <Input className="input write-up__title" value={title} maxlength={60} placeholder="如：用电增容“一站式”联办" onInput={(e) => setTitle(e.detail.value)} />
      </Field>
      <Field label="所属单位" required>
        <View className="form__scroll">
          <OptionList
            options={props.units.map((u) => ({ value: u.id, label: u.name }))}
            selected={unitId ? [unitId] : []}
            onToggle={(v) => setUnitId(v)}
          />
        </View>
      </Field>
      <Field label="案例简介" required>
        <Textarea
          className="textarea write-up__summary"
          value={summary}
          maxlength={1000}
          autoHeight
          placeholder="做法与成效，一两句话"
          onInput={(e) => setSummary(e.detail.value)}
        />
      </Field>
      {error ? <Text className="field__error form-error">{error}</Text> : null}
      <Btn size="small" onClick={add} className="write-up__add">
        添加这个案例
      </Btn>
    </View>
  );
}
