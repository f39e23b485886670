import { Text, Textarea, View } from '@tarojs/components';
import type { ProgressNote } from '@whistle/shared';
import { useState } from 'react';
import { Btn, Empty, Field } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useFieldForm } from '../../lib/useFieldForm';

/** The progress notes, newest first, and (lead unit, supervisor) a new one: the first starts the issue (推进中). */
export function ProgressNotes(props: { notes: readonly ProgressNote[]; add?: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const { errors, setErrors, busy, send, clear } = useFieldForm(['text'], '提交进展');
  const submit = () => {
    if (!text.trim()) return setErrors({ fields: { text: '请填写进展' } });
    void send(async () => {
      await props.add?.(text.trim());
      setText('');
    });
  };
  const notes = [...props.notes].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <View className="card ci-progress">
      {notes.length ? (
        notes.map((n) => (
          <View key={`${n.at}-${n.by}`} className="ci-note">
            <Text className="ci-note__who">{`${n.byName} · ${formatDateTime(n.at)}`}</Text>
            <Text className="ci-note__text">{n.text}</Text>
          </View>
        ))
      ) : (
        <Empty text="暂无进展" />
      )}
      {props.add ? (
        <View className="form ci-note-form">
          <Field label="新进展" error={errors.fields.text}>
            <Textarea className="textarea ci-note-input" value={text} maxlength={1000} placeholder="推进情况、下一步安排" onInput={(e) => (clear('text'), setText(e.detail.value))} />
          </Field>
          {errors.other ? <Text className="form__error">{errors.other}</Text> : null}
          <Btn size="small" kind="primary" className="ci-note-submit" loading={busy} onClick={submit}>
            提交进展
          </Btn>
        </View>
      ) : null}
    </View>
  );
}
