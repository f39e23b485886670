import { Input, Text, View } from '@tarojs/components';
import { ClockPolicy, fieldIssues, type ClockRule } from '@whistle/shared';
import { useState } from 'react';
import { adminApi } from '../../../api/admin';
import { Field } from '../../../components/ui';
import { FormFooter } from '../../../components/FormFooter';
import { issueErrors } from '../../../lib/form-errors';
import { useFieldForm } from '../../../lib/useFieldForm';
import { toastOk } from '../../../lib/toast';
import { RuleEditor } from './RuleEditor';

type Policy = ClockPolicy;
const KINDS = [
  ['claim', '认领'],
  ['contact', '首次联系企业'],
  ['resolve', '办结'],
  ['progress', '报告进展'],
] as const;
const LEADER = [
  ['progress', '领办月度进展'],
  ['onsite', '领办现场办公'],
  ['review', '领办季度评估'],
] as const;

/** Every rule of the policy by its path (`normal.claim`…): the form's fields. */
const RULES: ReadonlyArray<{ path: string; label: string }> = [
  ...(['normal', 'urgent'] as const).flatMap((p) => KINDS.map(([k, l]) => ({ path: `${p}.${k}`, label: `${p === 'normal' ? '一般' : '紧急'} · ${l}` }))),
  { path: 'escalationInterval', label: '提醒→催办→警告间隔' },
  ...LEADER.map(([k, l]) => ({ path: `leader.${k}`, label: l })),
];
const FIELDS = [...RULES.flatMap((r) => [r.path, `${r.path}.duration`]), 'reopenWindowDays'];

const ruleAt = (p: Policy, path: string): ClockRule => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], p) as ClockRule;
function withRule(p: Policy, path: string, rule: ClockRule): Policy {
  const [a, b] = path.split('.') as [keyof Policy, string | undefined];
  if (!b) return { ...p, [a]: rule };
  return { ...p, [a]: { ...(p[a] as Record<string, ClockRule>), [b]: rule } };
}

/** 时限规则: each clock of a normal and an urgent request, the escalation spacing, the leader's clocks, the reopen window. */
export function ClockPolicyForm(props: { policy: Policy; isDefault: boolean; onSaved: (p: Policy) => void }) {
  const [policy, setPolicy] = useState<Policy>(props.policy);
  const { errors, setErrors, clear, busy, send } = useFieldForm(FIELDS, '保存时限规则');
  const errorOf = (path: string) => errors.fields[path] || errors.fields[`${path}.duration`];
  const submit = () => {
    const checked = ClockPolicy.safeParse(policy);
    if (!checked.success) return setErrors(issueErrors(fieldIssues(checked.error), FIELDS));
    return send(async () => {
      const r = await adminApi.putClockPolicy(checked.data);
      props.onSaved(r.policy);
      toastOk('已保存');
    });
  };
  return (
    <View className="ccard clock-policy-form">
      <Text className="ccard__title">时限规则{props.isDefault ? '（默认）' : ''}</Text>
      {RULES.map((r) => (
        <RuleEditor
          key={r.path}
          path={r.path}
          label={r.label}
          rule={ruleAt(policy, r.path)}
          error={errorOf(r.path)}
          onChange={(rule) => {
            setPolicy(withRule(policy, r.path, rule));
            clear(r.path);
            clear(`${r.path}.duration`);
          }}
        />
      ))}
      <Field label="办结后可重启的天数" error={errors.fields.reopenWindowDays}>
        <Input
          className="input reopen-days"
          type="number"
          value={String(policy.reopenWindowDays)}
          onInput={(e) => {
            setPolicy({ ...policy, reopenWindowDays: Number(e.detail.value) });
            clear('reopenWindowDays');
          }}
        />
      </Field>
      <FormFooter error={errors.other} busy={busy} label="保存时限规则" className="clock-policy-submit" onSubmit={() => void submit()} />
    </View>
  );
}
