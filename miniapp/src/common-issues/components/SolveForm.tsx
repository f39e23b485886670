import { Text, Textarea, View } from '@tarojs/components';
import type { CommonIssue } from '@whistle/shared';
import { useState } from 'react';
import { Btn, Field } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useFieldForm } from '../../lib/useFieldForm';

/** How it was solved, once solved: the summary, who and when. */
export function Solution(props: { solution: NonNullable<CommonIssue['solution']> }) {
  const s = props.solution;
  return (
    <View className="card ci-solution">
      <Text className="ci-solution__text">{s.summary}</Text>
      <Text className="muted ci-solution__by">{`${s.byName} · ${formatDateTime(s.at)} 标记为已解决，已通知全部关联企业评价`}</Text>
    </View>
  );
}

/**
 * 标记为已解决 (the lead unit): the solution in words; every linked enterprise is told and asked to rate.
 * Not while a unit still owes a step (`pendingSteps`): the API refuses it as well.
 */
export function SolveForm(props: { enterprises: number; pendingSteps: number; solve: (summary: string) => Promise<void> }) {
  const [summary, setSummary] = useState('');
  const { errors, setErrors, busy, send, clear } = useFieldForm(['summary'], '标记为已解决');
  const submit = () => {
    if (!summary.trim()) return setErrors({ fields: { summary: '请填写解决情况' } });
    void send(() => props.solve(summary.trim()));
  };
  return (
    <View className="form ci-solve">
      <Field label="解决情况" required error={errors.fields.summary}>
        <Textarea className="textarea ci-solve-input" value={summary} maxlength={2000} placeholder="长效机制落实情况、企业受益情况" onInput={(e) => (clear('summary'), setSummary(e.detail.value))} />
      </Field>
      {props.pendingSteps > 0 ? (
        <Text className="form__error ci-solve-pending">{`还有 ${props.pendingSteps} 项措施未完成，全部完成后才能标记为已解决。`}</Text>
      ) : (
        <Text className="muted">{`提交后将通知 ${props.enterprises} 家关联企业并邀请评价，未办结的关联诉求一并办结。`}</Text>
      )}
      {errors.other ? <Text className="form__error">{errors.other}</Text> : null}
      <Btn kind="primary" className="ci-solve-submit" loading={busy} disabled={props.pendingSteps > 0} onClick={submit}>
        标记为已解决
      </Btn>
    </View>
  );
}
