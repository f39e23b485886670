import { Input, Text, View } from '@tarojs/components';
import { CreateTenantBody, DEFAULT_OFFICE_HOURS, fieldIssues, type TenantCreatedResponse } from '@whistle/shared';
import { useState } from 'react';
import { ChoiceChips, Field } from '../../components/ui';
import { FormFooter } from '../../components/FormFooter';
import { issueErrors } from '../../lib/form-errors';
import { useFieldForm } from '../../lib/useFieldForm';
import { hoursText, parseHours } from '../../console/hours';

const FIELDS = ['id', 'name', 'kind', 'provinceId', 'officeHours', 'admin.name', 'admin.phone', 'admin.userId'] as const;
type Kind = 'district' | 'province';

/** The field an issue belongs to: `officeHours.1.end` → `officeHours`. */
const fieldOf = (f: string): string => (f.startsWith('admin.') ? f : (f.split('.')[0] ?? f));

/** 开通租户: a district (under a province) or a province, its office hours, its first admin. */
export function TenantForm(props: { provinces: ReadonlyArray<{ id: string; name: string }>; create: (body: CreateTenantBody) => Promise<TenantCreatedResponse>; onCreated: (r: TenantCreatedResponse) => void }) {
  const [v, setV] = useState({ id: '', name: '', kind: 'district' as Kind, provinceId: props.provinces[0]?.id ?? '', hours: hoursText(DEFAULT_OFFICE_HOURS), adminName: '', adminPhone: '', adminId: '' });
  const { errors, setErrors, clear, busy, send } = useFieldForm(FIELDS, '开通租户');
  const set = (k: keyof typeof v, field: (typeof FIELDS)[number]) => (x: string) => (setV({ ...v, [k]: x }), clear(field));
  const submit = () => {
    const body = {
      id: v.id.trim(),
      name: v.name,
      kind: v.kind,
      ...(v.kind === 'district' && v.provinceId ? { provinceId: v.provinceId } : {}),
      officeHours: parseHours(v.hours),
      admin: { name: v.adminName, phone: v.adminPhone.trim(), ...(v.adminId.trim() ? { userId: v.adminId.trim() } : {}) },
    };
    const checked = CreateTenantBody.safeParse(body);
    if (!checked.success) return setErrors(issueErrors(fieldIssues(checked.error).map((i) => ({ ...i, field: fieldOf(i.field) })), FIELDS));
    return send(async () => props.onCreated(await props.create(checked.data)));
  };
  const text = (label: string, k: keyof typeof v, field: (typeof FIELDS)[number], placeholder: string, required = true) => (
    <Field label={label} error={errors.fields[field]} required={required}>
      <Input className={`input tenant-${k}`} value={String(v[k])} placeholder={placeholder} onInput={(e) => set(k, field)(e.detail.value)} />
    </Field>
  );
  return (
    <View className="action-form tenant-form">
      <Field label="类型" error={errors.fields.kind}>
        <ChoiceChips<Kind> options={[{ value: 'district', label: '区县' }, { value: 'province', label: '省级' }]} value={v.kind} columns={2} onChange={(k) => setV({ ...v, kind: k })} />
      </Field>
      {text('租户编号', 'id', 'id', '如 songxi（字母、数字、- 和 _）')}
      {text('名称', 'name', 'name', '如 松溪区')}
      {v.kind === 'district' ? (
        <Field label="所属省级" error={errors.fields.provinceId}>
          <ChoiceChips<string> options={props.provinces.map((p) => ({ value: p.id, label: p.name }))} value={v.provinceId} columns={2} onChange={set('provinceId', 'provinceId')} />
        </Field>
      ) : null}
      {text('办公时间', 'hours', 'officeHours', '09:00-12:00, 13:30-17:30')}
      <Text className="kv muted">首位管理员（开通后由其导入名录、邀请其他人员）</Text>
      {text('管理员姓名', 'adminName', 'admin.name', '如 张明')}
      {text('管理员手机号', 'adminPhone', 'admin.phone', '如 13800000000')}
      {text('管理员账号', 'adminId', 'admin.userId', '默认 admin', false)}
      <FormFooter error={errors.other} busy={busy} label="开通租户" className="tenant-submit" onSubmit={() => void submit()} />
    </View>
  );
}
