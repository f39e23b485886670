import { Text, Textarea, View } from '@tarojs/components';
import { fieldIssues, RetirePolicyBody } from '@whistle/shared';
import { useState } from 'react';
import { FormFooter } from '../../components/FormFooter';
import { Field } from '../../components/ui';
import { issueErrors } from '../../lib/form-errors';
import { useFieldForm } from '../../lib/useFieldForm';

const FIELDS = ['reason'] as const;

/** 下架: why the policy leaves the catalogue and every enterprise's 我的政策 (checked with the API's schema; its messages at the field). */
export function RetireForm(props: { title: string; submit: (reason: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const { errors, setErrors, clear, busy, send } = useFieldForm(FIELDS, '下架');
  const onSubmit = async () => {
    const parsed = RetirePolicyBody.safeParse({ reason });
    if (!parsed.success) {
      setErrors(issueErrors(fieldIssues(parsed.error), FIELDS));
      return;
    }
    await send(() => props.submit(parsed.data.reason));
  };
  return (
    <View className="action-form retire-form">
      <Text className="muted">下架后，“{props.title}”将从政策超市和企业的“我的政策”中移除，已提交的咨询照常办理。</Text>
      <Field label="下架原因" error={errors.fields.reason} required>
        <Textarea
          className="textarea retire-reason"
          value={reason}
          maxlength={220}
          autoHeight
          placeholder="如：政策已到期，由 2027 年新政策替代"
          ariaLabel="下架原因"
          onInput={(e) => {
            setReason(e.detail.value);
            clear('reason');
          }}
        />
      </Field>
      <FormFooter error={errors.other} busy={busy} label="确认下架" kind="warn" className="retire-submit" onSubmit={() => void onSubmit()} />
    </View>
  );
}
