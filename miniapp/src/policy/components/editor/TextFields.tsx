import { Input, Text, Textarea, View } from '@tarojs/components';
import { Field } from '../../../components/ui';
import type { FieldGroupProps } from './types';

const counter = (n: number, max: number) => <Text className={n > max ? 'counter counter--over' : 'counter'}>{`${n}/${max}`}</Text>;

/** What the policy says: summary, full text or a link to it, and how to apply. */
export function TextFields({ form, errors, set }: FieldGroupProps) {
  return (
    <View>
      <Field label="政策摘要" required hint={counter(form.summary.length, 500)} error={errors.summary}>
        <Textarea
          className="textarea policy-summary-input"
          value={form.summary}
          maxlength={520}
          autoHeight
          placeholder="用一两句话说清楚：支持什么、支持多少、谁能申报"
          ariaLabel="政策摘要"
          onInput={(e) => set({ summary: e.detail.value }, 'summary')}
        />
      </Field>
      <Field label="政策原文（可选）" error={errors.body}>
        <Textarea
          className="textarea policy-body-input"
          value={form.body}
          maxlength={20000}
          autoHeight
          placeholder="粘贴政策全文；也可以只填下方原文链接"
          ariaLabel="政策原文"
          onInput={(e) => set({ body: e.detail.value }, 'body')}
        />
      </Field>
      <Field label="原文链接（可选）" error={errors.link}>
        <Input
          className="input policy-link-input"
          value={form.link}
          placeholder="https://"
          ariaLabel="原文链接"
          onInput={(e) => set({ link: e.detail.value }, 'link')}
        />
      </Field>
      <Field label="怎么申报" required hint={counter(form.howToApply.length, 2000)} error={errors.howToApply}>
        <Textarea
          className="textarea policy-apply-input"
          value={form.howToApply}
          maxlength={2100}
          autoHeight
          placeholder="申报时间、需要的材料、在哪里办（线上入口或窗口）"
          ariaLabel="怎么申报"
          onInput={(e) => set({ howToApply: e.detail.value }, 'howToApply')}
        />
      </Field>
    </View>
  );
}
