import { Text, Textarea, View } from '@tarojs/components';
import { FINDING_TAG_LABELS, FINDING_TAGS, type FindingTag, type Unit } from '@whistle/shared';
import { useState } from 'react';
import { PlanItemFields, itemBody, useItemDraft } from '../../../components/commands/PlanItemFields';
import { unitOptions } from '../../../components/commands/fields';
import { OptionList } from '../../../components/Sheet';
import { Btn, Field } from '../../../components/ui';
import { useFieldForm } from '../../../lib/useFieldForm';
import { retroBody, type RetroForm } from '../../lib/retro';

const FIELDS = ['unitIds', 'happened', 'causes', 'findings', 'recommendations', 'tasks'] as const;

/**
 * 发起复盘: the units (chosen at first: `unitIds`, else the handling unit), what happened, causes, findings
 * by tag, recommendations, and one rectification task (optional).
 */
export function RetroFormView(props: {
  units: readonly Unit[];
  handlingUnitId: string | undefined;
  unitIds?: readonly string[];
  submit: (body: ReturnType<typeof retroBody>) => Promise<void>;
}) {
  const [unitIds, setUnitIds] = useState<string[]>(props.unitIds ? [...props.unitIds] : props.handlingUnitId ? [props.handlingUnitId] : []);
  const [happened, setHappened] = useState('');
  const [causes, setCauses] = useState('');
  const [findings, setFindings] = useState<Record<FindingTag, string>>({ style: '', blockage: '', loophole: '' });
  const [recommendations, setRecommendations] = useState('');
  const [withTask, setWithTask] = useState(false);
  const item = useItemDraft();
  const { errors, setErrors, busy, send, clear } = useFieldForm(FIELDS, '发起复盘');
  const toggle = (id: string) => {
    clear('unitIds');
    setUnitIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  };
  const submit = () => {
    let task: RetroForm['task'];
    if (withTask) {
      const b = itemBody(item.draft);
      if ('error' in b) return setErrors({ fields: { tasks: b.error } });
      task = b;
    }
    void send(() => props.submit(retroBody({ unitIds, happened, causes, findings, recommendations, ...(task ? { task } : {}) })));
  };
  return (
    <View className="form retro-form">
      <Field label="参与单位" required error={errors.fields.unitIds}>
        <View className="form__scroll">
          <OptionList options={unitOptions(props.units, props.handlingUnitId)} selected={unitIds} onToggle={toggle} multi empty="正在加载单位…" />
        </View>
      </Field>
      <Field label="事件经过" required error={errors.fields.happened}>
        <Textarea className="textarea retro-happened" value={happened} maxlength={5000} placeholder="诉求的办理经过" onInput={(e) => (clear('happened'), setHappened(e.detail.value))} />
      </Field>
      <Field label="原因分析" hint={<Text className="muted">每行一条</Text>} error={errors.fields.causes}>
        <Textarea className="textarea retro-causes" value={causes} maxlength={5000} onInput={(e) => setCauses(e.detail.value)} />
      </Field>
      {FINDING_TAGS.map((tag) => (
        <Field key={tag} label={`发现的问题 · ${FINDING_TAG_LABELS[tag]}`} hint={<Text className="muted">每行一条</Text>} error={tag === 'style' ? errors.fields.findings : undefined}>
          <Textarea className={`textarea retro-finding-${tag}`} value={findings[tag]} maxlength={5000} onInput={(e) => setFindings((f) => ({ ...f, [tag]: e.detail.value }))} />
        </Field>
      ))}
      <Field label="建议" hint={<Text className="muted">每行一条，可以“政策修订：”或“机制调整：”开头</Text>} error={errors.fields.recommendations}>
        <Textarea className="textarea retro-recommendations" value={recommendations} maxlength={5000} onInput={(e) => setRecommendations(e.detail.value)} />
      </Field>
      <Field label="整改任务" error={errors.fields.tasks}>
        <Btn size="small" kind="plain" className="retro-add-task" onClick={() => setWithTask(!withTask)}>
          {withTask ? '不添加整改任务' : '添加一项整改任务'}
        </Btn>
      </Field>
      {withTask ? <PlanItemFields draft={item.draft} set={item.set} units={props.units} handlingUnitId={props.handlingUnitId} /> : null}
      {errors.other ? <Text className="form__error">{errors.other}</Text> : null}
      <Btn className="retro-submit" loading={busy} onClick={submit}>
        发起复盘
      </Btn>
    </View>
  );
}
