import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { CATEGORIES, LABELS, localDate, type ConfirmCommonIssueBody, type LinkedTicket, type Unit } from '@whistle/shared';
import { useState } from 'react';
import { unitOptions } from '../../components/commands/fields';
import { OptionList } from '../../components/Sheet';
import { Btn, ChoiceChips, Field } from '../../components/ui';
import { useFieldForm } from '../../lib/useFieldForm';
import { StepsEditor } from './StepsEditor';
import { atListFields, CONFIRM_FIELDS, confirmBody, type ConfirmDraft } from '../lib/forms';

const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c, label: LABELS.category[c] }));

/**
 * 确认为共性问题: the title (from the suggestion's topic), category, lead unit, summary, standing fix
 * (长效机制), target date, the tickets as a checklist and the steps; checked as the API checks before
 * sending, and the API's 400 shown at the field it names.
 */
export function ConfirmForm(props: {
  initial: ConfirmDraft;
  tickets: readonly LinkedTicket[];
  units: readonly Unit[];
  submit: (body: ConfirmCommonIssueBody) => Promise<void>;
  onCancel: () => void;
}) {
  const [d, setD] = useState<ConfirmDraft>(props.initial);
  const { errors, setErrors, busy, send, clear } = useFieldForm(CONFIRM_FIELDS, '确认共性问题');
  const set = <K extends keyof ConfirmDraft>(k: K & (typeof CONFIRM_FIELDS)[number], v: ConfirmDraft[K]) => {
    clear(k);
    setD((x) => ({ ...x, [k]: v }));
  };
  const toggleTicket = (id: string) => set('ticketIds', d.ticketIds.includes(id) ? d.ticketIds.filter((x) => x !== id) : [...d.ticketIds, id]);
  const submit = () => {
    const checked = confirmBody(d);
    if ('errors' in checked) return setErrors(checked.errors);
    void send(() =>
      props.submit(checked.body).catch((e: unknown) => {
        throw atListFields(e);
      }),
    );
  };
  const ticketOptions = props.tickets.map((t) => ({ value: t.ticketId, label: `${t.enterpriseName} · ${t.title}`, sub: t.number }));
  return (
    <View className="form ci-confirm">
      <Field label="标题" required error={errors.fields.title}>
        <Input className="input ci-title" value={d.title} maxlength={100} onInput={(e) => set('title', e.detail.value)} />
      </Field>
      <Field label="类别" required error={errors.fields.category}>
        <ChoiceChips options={CATEGORY_OPTIONS} value={d.category} onChange={(v) => set('category', v)} />
      </Field>
      <Field label="牵头单位" required error={errors.fields.leadUnitId}>
        <View className="form__scroll ci-lead">
          <OptionList options={unitOptions(props.units, undefined)} selected={d.leadUnitId ? [d.leadUnitId] : []} onToggle={(v) => set('leadUnitId', v)} empty="正在加载单位…" />
        </View>
      </Field>
      <Field label="问题概述" required error={errors.fields.summary}>
        <Textarea className="textarea ci-summary" value={d.summary} maxlength={1000} onInput={(e) => set('summary', e.detail.value)} />
      </Field>
      <Field label="长效机制" required hint={<Text className="muted">统一解决、不再逐件处理的办法</Text>} error={errors.fields.fix}>
        <Textarea className="textarea ci-fix" value={d.fix} maxlength={2000} placeholder="如：协调园区引入职工食堂，开通周边餐饮配送" onInput={(e) => set('fix', e.detail.value)} />
      </Field>
      <Field label="目标日期" required error={errors.fields.targetDate}>
        <Picker mode="date" value={d.targetDate ?? localDate(Date.now())} start={localDate(Date.now())} onChange={(e) => set('targetDate', String(e.detail.value))}>
          <View className="input ci-target">{d.targetDate ?? '选择日期'}</View>
        </Picker>
      </Field>
      <Field label={`关联诉求（已选 ${d.ticketIds.length} 件）`} required error={errors.fields.ticketIds}>
        <OptionList options={ticketOptions} selected={d.ticketIds} onToggle={toggleTicket} multi />
      </Field>
      <Field label="措施（可选）" error={errors.fields.steps}>
        <StepsEditor steps={d.steps} onChange={(s) => set('steps', s)} units={props.units} />
      </Field>
      {errors.other ? <Text className="form__error">{errors.other}</Text> : null}
      <View className="ci-confirm__actions">
        <Btn kind="plain" className="ci-cancel" onClick={props.onCancel}>
          返回
        </Btn>
        <Btn kind="primary" className="ci-submit" loading={busy} onClick={submit}>
          确认为共性问题
        </Btn>
      </View>
    </View>
  );
}
