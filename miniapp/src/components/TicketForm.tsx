import { Input, Text, Textarea, View } from '@tarojs/components';
import { CATEGORIES, LABELS, type Category, type Channel, type Enterprise, type Priority } from '@whistle/shared';
import { useState, type ReactNode } from 'react';
import type { Draft, FieldErrors } from '../lib/outbox';
import { OptionList } from './Sheet';
import { Btn, ChoiceChips, Field } from './ui';

const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c, label: LABELS.category[c] }));
const PRIORITY_OPTIONS: ReadonlyArray<{ value: Priority; label: string; hint: string }> = [
  { value: 'normal', label: '一般', hint: '2 小时内认领，3 个工作日内办结' },
  { value: 'urgent', label: '紧急', hint: '30 分钟内认领，1 个工作日内办结' },
];
/** a policy consultation is born with the policy's unit (no claim): only its answer's clock applies */
const CONSULT_PRIORITY_OPTIONS: typeof PRIORITY_OPTIONS = [
  { value: 'normal', label: '一般', hint: '责任单位 3 个工作日内答复办结' },
  { value: 'urgent', label: '紧急', hint: '责任单位 1 个工作日内答复办结' },
];
const CHANNEL_OPTIONS: ReadonlyArray<{ value: Channel; label: string }> = (['hotline', 'visit', 'symposium', 'desk'] as const).map(
  (c) => ({ value: c, label: LABELS.channel[c] }),
);

/**
 * 我要吹哨: the request form. Validation messages come from the shared zod
 * schema (CreateTicketBody) through `errors`. Officers and agents raising on
 * behalf of an enterprise also pick the enterprise and the channel.
 */
export function TicketForm(props: {
  draft: Draft;
  errors: FieldErrors;
  onChange: (d: Draft) => void;
  onSubmit: () => void;
  submitting: boolean;
  onBehalf?: boolean;
  enterprises?: readonly Enterprise[];
  /** shown under the description, above the submit button (the policies that may already answer it) */
  belowDescription?: ReactNode;
}) {
  const d = props.draft;
  const set = (patch: Partial<Draft>) => props.onChange({ ...d, ...patch });
  const [search, setSearch] = useState('');
  const found = (props.enterprises ?? []).filter((e) => !search || e.name.includes(search.trim()));
  // the chosen enterprise first (chosen before the page opened: 代企业吹哨 from 我服务的企业)
  const ents = [...found.filter((e) => e.id === d.enterpriseId), ...found.filter((e) => e.id !== d.enterpriseId)];

  return (
    <View className="form">
      {props.onBehalf ? (
        <>
          <Field label="代哪家企业吹哨" required {...(props.errors.enterpriseId ? { error: props.errors.enterpriseId } : {})}>
            <Input
              className="input"
              value={search}
              placeholder="搜索企业名称"
              onInput={(e) => setSearch(e.detail.value)}
            />
            <View className="form__scroll">
              <OptionList
                options={ents.slice(0, 30).map((e) => ({ value: e.id, label: e.name, sub: e.address ?? e.id }))}
                selected={d.enterpriseId ? [d.enterpriseId] : []}
                onToggle={(v) => set({ enterpriseId: v })}
                empty="没有找到企业"
              />
            </View>
          </Field>
          <Field label="来源渠道" required>
            <ChoiceChips options={CHANNEL_OPTIONS} value={d.channel ?? 'hotline'} onChange={(v: Channel) => set({ channel: v })} />
          </Field>
        </>
      ) : null}

      <Field label="诉求类别" required {...(props.errors.category ? { error: props.errors.category } : {})}>
        <ChoiceChips
          className="category-choices"
          options={CATEGORY_OPTIONS}
          value={d.category}
          onChange={(v: Category) => set({ category: v })}
        />
      </Field>

      <Field label="紧急程度" required {...(props.errors.priority ? { error: props.errors.priority } : {})}>
        <ChoiceChips options={d.policyId ? CONSULT_PRIORITY_OPTIONS : PRIORITY_OPTIONS} value={d.priority} onChange={(v: Priority) => set({ priority: v })} columns={2} />
      </Field>

      <Field
        label="标题"
        required
        hint={<Text className={d.title.length > 60 ? 'counter counter--over' : 'counter'}>{d.title.length}/60</Text>}
        {...(props.errors.title ? { error: props.errors.title } : {})}
      >
        <Input
          className="input title-input"
          value={d.title}
          maxlength={80}
          placeholder="一句话说清楚要办的事，如：新厂房用电增容"
          onInput={(e) => set({ title: e.detail.value })}
        />
      </Field>

      <Field
        label="问题描述"
        required
        hint={<Text className={d.description.length > 2000 ? 'counter counter--over' : 'counter'}>{d.description.length}/2000</Text>}
        {...(props.errors.description ? { error: props.errors.description } : {})}
      >
        <Textarea
          className="textarea description-input"
          value={d.description}
          maxlength={2100}
          autoHeight
          placeholder="发生了什么、已经做过什么、希望得到什么帮助"
          onInput={(e) => set({ description: e.detail.value })}
        />
      </Field>

      {props.belowDescription}

      {props.errors.form ? <Text className="field__error">{props.errors.form}</Text> : null}

      <View className="form__submit">
        <Btn kind="primary" size="large" block loading={props.submitting} onClick={props.onSubmit} className="submit-btn">
          {props.submitting ? '正在提交…' : d.policyId ? '提交咨询' : '提交吹哨'}
        </Btn>
        <Text className="form__note">草稿自动保存；网络不好时会先存在手机上，联网后自动提交，不会重复。</Text>
      </View>
    </View>
  );
}
