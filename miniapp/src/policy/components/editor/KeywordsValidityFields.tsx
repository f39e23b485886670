import { Input, Text, View } from '@tarojs/components';
import { Field } from '../../../components/ui';
import { splitKeywords } from '../../lib/form';
import type { FieldGroupProps } from './types';

/** The words people search it by, and its validity window (dates as YYYY-MM-DD; no end date: long-term). */
export function KeywordsValidityFields({ form, errors, set }: FieldGroupProps) {
  const words = splitKeywords(form.keywords);
  return (
    <View>
      <Field label="搜索关键词（可选）" error={errors.keywords}>
        <Input
          className="input policy-keywords-input"
          value={form.keywords}
          placeholder="用顿号或空格分开，如：信用贷、贴息、融资"
          ariaLabel="搜索关键词"
          onInput={(e) => set({ keywords: e.detail.value }, 'keywords')}
        />
        {words.length ? <Text className="form__note">将按 {words.length} 个关键词检索：{words.join(' / ')}</Text> : null}
      </Field>
      <Field label="生效日期" required error={errors.validFrom}>
        <Input
          className="input policy-from-input"
          value={form.validFrom}
          maxlength={10}
          placeholder="如：2026-01-01"
          ariaLabel="生效日期"
          onInput={(e) => set({ validFrom: e.detail.value }, 'validFrom')}
        />
      </Field>
      <Field label="截止日期（不填为长期有效）" error={errors.validTo}>
        <Input
          className="input policy-to-input"
          value={form.validTo}
          maxlength={10}
          placeholder="如：2026-12-31"
          ariaLabel="截止日期"
          onInput={(e) => set({ validTo: e.detail.value }, 'validTo')}
        />
      </Field>
    </View>
  );
}
