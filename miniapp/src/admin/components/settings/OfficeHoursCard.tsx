import { Input, Text, View } from '@tarojs/components';
import type { OfficeHoursResponse } from '@whistle/shared';
import { useState } from 'react';
import { dirApi } from '../../../api/directory';
import { Btn, Field } from '../../../components/ui';
import { FormFooter } from '../../../components/FormFooter';
import { formErrors } from '../../../lib/form-errors';
import { toastOk } from '../../../lib/toast';
import { useFieldForm } from '../../../lib/useFieldForm';
import { currentOnConflict } from '../../../console/form/conflict';
import { hoursText, parseHours } from '../../../console/hours';

/** 办公时间: the tenant's office hours (the working clocks count only these), saved with the rev read; a 409 offers the current ones. */
export function OfficeHoursCard(props: { hours: OfficeHoursResponse; onSaved: (h: OfficeHoursResponse) => void }) {
  const [text, setText] = useState(hoursText(props.hours.officeHours));
  const [rev, setRev] = useState(props.hours.rev);
  const [current, setCurrent] = useState<OfficeHoursResponse | undefined>(undefined);
  const { errors, setErrors, clear, busy, send } = useFieldForm(['officeHours'], '保存办公时间');
  const submit = () =>
    send(async () => {
      try {
        const r = await dirApi.putOfficeHours(parseHours(text), rev);
        setRev(r.rev);
        setCurrent(undefined);
        props.onSaved(r);
        toastOk('已保存');
      } catch (e) {
        const now = currentOnConflict(e) as OfficeHoursResponse | undefined;
        setCurrent(now);
        const f = formErrors(e, '保存办公时间', ['officeHours']);
        // field issues name a period (`officeHours.1.start`): shown at the one field
        const issue = Array.isArray((e as { details?: unknown }).details) ? ((e as { details: Array<{ message?: string }> }).details[0]?.message ?? '') : '';
        setErrors(now ? { fields: {}, other: f.other } : issue ? { fields: { officeHours: issue } } : f);
      }
    });
  return (
    <View className="ccard office-hours">
      <Text className="ccard__title">办公时间</Text>
      {current ? (
        <View className="conflict">
          <Text className="conflict__title">已被他人修改</Text>
          <Text className="kv">当前办公时间：{hoursText(current.officeHours)}</Text>
          <Btn size="small" onClick={() => (setText(hoursText(current.officeHours)), setRev(current.rev), setCurrent(undefined), setErrors({ fields: {} }))}>
            以最新内容继续编辑
          </Btn>
        </View>
      ) : null}
      <Field label="办公时段（用逗号分隔）" error={errors.fields.officeHours}>
        <Input className="input office-hours__input" value={text} placeholder="09:00-12:00, 13:30-17:30" onInput={(e) => (setText(e.detail.value), clear('officeHours'))} />
      </Field>
      <Text className="kv muted office-hours__periods">当前：{hoursText(props.hours.officeHours)}</Text>
      <FormFooter error={errors.other} busy={busy} label="保存办公时间" className="office-hours-submit" onSubmit={() => void submit()} />
    </View>
  );
}
