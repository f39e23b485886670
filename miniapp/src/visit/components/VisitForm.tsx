import { Text, View } from '@tarojs/components';
import type { Enterprise, Situation, VisitKind } from '@whistle/shared';
import { Btn, ChoiceChips, Field } from '../../components/ui';
import { KIND_OPTIONS, type FindingDraft, type VisitDraft } from '../lib/visit';
import { DateChips } from './DateChips';
import { EnterprisePicker } from './EnterprisePicker';
import { FindingsEditor } from './FindingsEditor';
import { SituationForm } from './SituationForm';

/**
 * 新增走访: the enterprise (among the caller's), the day, how, the week's
 * situation and the problems found. The messages at the fields are the API's.
 */
export function VisitForm(props: {
  draft: VisitDraft;
  enterprises: readonly Enterprise[];
  errors: Record<string, string>;
  other?: string;
  busy: boolean;
  onChange: (d: VisitDraft) => void;
  onSubmit: () => void;
}) {
  const d = props.draft;
  const set = (patch: Partial<VisitDraft>) => props.onChange({ ...d, ...patch });
  const error = (f: string) => (props.errors[f] ? { error: props.errors[f] } : {});
  return (
    <View className="form visit-form">
      <Field label="走访企业" required {...error('enterpriseId')}>
        <EnterprisePicker enterprises={props.enterprises} value={d.enterpriseId} onChange={(enterpriseId) => set({ enterpriseId })} />
      </Field>
      <Field label="走访日期" required {...error('date')}>
        <DateChips value={d.date} onChange={(date) => set({ date })} />
      </Field>
      <Field label="走访方式" required {...error('kind')}>
        <ChoiceChips<VisitKind> className="visit-kind" options={KIND_OPTIONS} value={d.kind} columns={3} onChange={(kind) => set({ kind })} />
      </Field>
      <View className="form__group-title">
        <Text>本周企业近况</Text>
      </View>
      <SituationForm value={d.situation} errors={props.errors} onChange={(situation: Partial<Situation>) => set({ situation })} />
      <View className="form__group-title">
        <Text>发现的问题困难</Text>
      </View>
      <FindingsEditor value={d.findings} errors={props.errors} onChange={(findings: FindingDraft[]) => set({ findings })} />
      {props.other ? <Text className="field__error visit-form__error">{props.other}</Text> : null}
      <View className="form__submit">
        <Btn kind="primary" size="large" block loading={props.busy} onClick={props.onSubmit} className="visit-submit">
          {props.busy ? '正在保存…' : '保存走访记录'}
        </Btn>
      </View>
    </View>
  );
}
