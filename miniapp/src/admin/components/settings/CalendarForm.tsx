import { Input, Text, Textarea, View } from '@tarojs/components';
import { CalendarYearBody, fieldIssues, type CalendarYearResponse } from '@whistle/shared';
import { useState } from 'react';
import { adminApi } from '../../../api/admin';
import { Field } from '../../../components/ui';
import { FormFooter } from '../../../components/FormFooter';
import { issueErrors } from '../../../lib/form-errors';
import { toastOk } from '../../../lib/toast';
import { useFieldForm } from '../../../lib/useFieldForm';

const FIELDS = ['holidays', 'workdays', 'source'] as const;
const ORIGIN = { loaded: '已载入', shipped: '系统内置', none: '无数据（按周一至周五计算）' } as const;

/** Dates one a line (or separated by spaces, commas), as the API takes them. */
export const parseDays = (text: string): string[] => text.split(/[\s,，、]+/).map((d) => d.trim()).filter(Boolean);

/** 工作日历: a year's holidays and make-up workdays (调休), the source of the arrangement. */
export function CalendarForm(props: { year: CalendarYearResponse; onSaved: (y: CalendarYearResponse) => void }) {
  const y = props.year;
  const [holidays, setHolidays] = useState(y.holidays.join('\n'));
  const [workdays, setWorkdays] = useState(y.workdays.join('\n'));
  const [source, setSource] = useState(y.source ?? '');
  const { errors, setErrors, clear, busy, send } = useFieldForm(FIELDS, `保存 ${y.year} 年日历`);
  const submit = () => {
    const body = { holidays: parseDays(holidays), workdays: parseDays(workdays), ...(source.trim() ? { source: source.trim() } : {}) };
    const checked = CalendarYearBody.safeParse(body);
    const fields = [...FIELDS];
    if (!checked.success) return setErrors(issueErrors(fieldIssues(checked.error).map((i) => ({ ...i, field: i.field.split('.')[0] ?? i.field })), fields));
    return send(async () => {
      props.onSaved(await adminApi.putCalendar(y.year, checked.data));
      toastOk('已保存');
    });
  };
  return (
    <View className="ccard calendar-form">
      <Text className="ccard__title">
        {y.year} 年工作日历 · {ORIGIN[y.origin]} · 工作日 {y.workingDays} 天
      </Text>
      <Field label="法定节假日（每行一个日期）" error={errors.fields.holidays}>
        <Textarea className="textarea calendar-holidays" value={holidays} placeholder="2026-10-01" maxlength={2000} onInput={(e) => (setHolidays(e.detail.value), clear('holidays'))} />
      </Field>
      <Field label="调休上班日（每行一个日期）" error={errors.fields.workdays}>
        <Textarea className="textarea calendar-workdays" value={workdays} placeholder="2026-09-27" maxlength={800} onInput={(e) => (setWorkdays(e.detail.value), clear('workdays'))} />
      </Field>
      <Field label="依据" error={errors.fields.source}>
        <Input className="input calendar-source" value={source} placeholder="国务院办公厅关于 2026 年部分节假日安排的通知" onInput={(e) => (setSource(e.detail.value), clear('source'))} />
      </Field>
      <FormFooter error={errors.other} busy={busy} label={`保存 ${y.year} 年日历`} className="calendar-submit" onSubmit={() => void submit()} />
    </View>
  );
}
