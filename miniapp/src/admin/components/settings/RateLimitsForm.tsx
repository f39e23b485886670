import { Input, Text, View } from '@tarojs/components';
import { fieldIssues, RateLimits, type LoginRateLimits, type RateLimitRule } from '@whistle/shared';
import { useState } from 'react';
import { adminApi } from '../../../api/admin';
import { FormFooter } from '../../../components/FormFooter';
import { issueErrors } from '../../../lib/form-errors';
import { toastOk } from '../../../lib/toast';
import { useFieldForm } from '../../../lib/useFieldForm';

const RULES = [
  { key: 'intakePerEnterprise', label: '每家企业吹哨' },
  { key: 'claimsPerOfficer', label: '每名工作人员认领' },
] as const;
const FIELDS = RULES.flatMap((r) => [`${r.key}.max`, `${r.key}.windowSeconds`]);

const line = (r: RateLimitRule) => `${r.windowSeconds} 秒内最多 ${r.max} 次`;

/** 频率限制: the tenant's intake and claim limits (editable), the deployment's login limits (read-only). */
export function RateLimitsForm(props: { limits: RateLimits; isDefault: boolean; login: LoginRateLimits; onSaved: (l: RateLimits) => void }) {
  const [limits, setLimits] = useState<RateLimits>(props.limits);
  const { errors, setErrors, clear, busy, send } = useFieldForm(FIELDS, '保存频率限制');
  const set = (key: keyof RateLimits, part: keyof RateLimitRule, v: string) => {
    setLimits({ ...limits, [key]: { ...limits[key], [part]: Number(v) } });
    clear(`${key}.${part}`);
  };
  const submit = () => {
    const checked = RateLimits.safeParse(limits);
    if (!checked.success) return setErrors(issueErrors(fieldIssues(checked.error), FIELDS));
    return send(async () => {
      const r = await adminApi.putRateLimits(checked.data);
      props.onSaved(r.limits);
      toastOk('已保存');
    });
  };
  return (
    <View className="ccard rate-limits-form">
      <Text className="ccard__title">频率限制{props.isDefault ? '（默认）' : ''}</Text>
      {RULES.map((r) => {
        const error = errors.fields[`${r.key}.max`] || errors.fields[`${r.key}.windowSeconds`];
        return (
          <View key={r.key} className={`rule-row ${error ? 'field--error' : ''}`} data-rule={r.key}>
            <Text className="rule-row__label">{r.label}</Text>
            <Input className="input limit-window" type="number" value={String(limits[r.key].windowSeconds)} onInput={(e) => set(r.key, 'windowSeconds', e.detail.value)} />
            <Text>秒内最多</Text>
            <Input className="input limit-max" type="number" value={String(limits[r.key].max)} onInput={(e) => set(r.key, 'max', e.detail.value)} />
            <Text>次</Text>
            {error ? <Text className="field__error">{error}</Text> : null}
          </View>
        );
      })}
      <Text className="kv muted">登录（按部署配置，只读）：每人 {line(props.login.perUser)}；每个来源 {line(props.login.perSource)}</Text>
      <FormFooter error={errors.other} busy={busy} label="保存频率限制" className="rate-limits-submit" onSubmit={() => void submit()} />
    </View>
  );
}
