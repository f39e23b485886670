import { Text, View } from '@tarojs/components';
import type { PolicyInput, Unit, User } from '@whistle/shared';
import { useState } from 'react';
import { FormFooter } from '../../components/FormFooter';
import { Section } from '../../components/ui';
import type { FormErrors } from '../../lib/form-errors';
import { checkPolicyForm, policyErrors, type PolicyField, type PolicyForm } from '../lib/form';
import { BasicsFields } from './editor/BasicsFields';
import { ConditionsEditor } from './editor/ConditionsEditor';
import { ContactFields } from './editor/ContactFields';
import { KeywordsValidityFields } from './editor/KeywordsValidityFields';
import { TextFields } from './editor/TextFields';
import { UnitField } from './editor/UnitField';

/**
 * The policy editor (PolicyInput): checked with the API's own schema before
 * sending, the API's 400 details shown at their fields. `pickUnit`: the
 * supervisor names the responsible unit.
 */
export function PolicyEditor(props: {
  initial: PolicyForm;
  me: User | undefined;
  pickUnit: boolean;
  units: readonly Unit[] | undefined;
  label: string;
  submit: (input: PolicyInput) => Promise<void>;
}) {
  const [form, setForm] = useState<PolicyForm>(props.initial);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<PolicyForm>, field: PolicyField) => {
    setForm((f) => ({ ...f, ...patch }));
    if (errors.fields[field]) setErrors((e) => ({ ...e, fields: { ...e.fields, [field]: '' } }));
  };
  const groupProps = { form, errors: errors.fields, set };
  const onSubmit = async () => {
    if (busy) return;
    const checked = checkPolicyForm(form);
    const missingUnit = props.pickUnit && !form.unitId;
    if (!checked.ok || missingUnit) {
      const found: FormErrors = checked.ok ? { fields: {} } : checked.errors;
      setErrors(missingUnit ? { ...found, fields: { ...found.fields, unitId: '请选择责任单位' } } : found);
      return;
    }
    setBusy(true);
    try {
      await props.submit(checked.input);
    } catch (e) {
      setErrors(policyErrors(e, '保存政策'));
    } finally {
      setBusy(false);
    }
  };
  const invalid = Object.values(errors.fields).filter(Boolean).length;
  return (
    <View className="form policy-editor">
      <Section title="基本信息">
        <BasicsFields {...groupProps} />
        {props.pickUnit ? <UnitField units={props.units} value={form.unitId} error={errors.fields.unitId} onChange={(unitId) => set({ unitId }, 'unitId')} /> : null}
      </Section>
      <Section title="政策内容">
        <TextFields {...groupProps} />
      </Section>
      <Section title="适用企业">
        <ConditionsEditor value={form.conditions} towns={props.units} error={errors.fields.conditions} onChange={(conditions) => set({ conditions }, 'conditions')} />
      </Section>
      <Section title="检索与有效期">
        <KeywordsValidityFields {...groupProps} />
      </Section>
      <Section title="首问负责人">
        <ContactFields {...groupProps} me={props.me} />
      </Section>
      {invalid ? <Text className="field__error policy-editor__summary">有 {invalid} 处需要修改，请看标红的地方</Text> : null}
      <FormFooter error={errors.other} busy={busy} label={props.label} className="policy-save" onSubmit={() => void onSubmit()} />
    </View>
  );
}
