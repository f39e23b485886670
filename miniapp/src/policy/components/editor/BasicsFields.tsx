import { Input, View } from '@tarojs/components';
import { POLICY_CATEGORIES, POLICY_LABELS, POLICY_LEVELS } from '@whistle/shared';
import { ChoiceChips, Field } from '../../../components/ui';
import type { FieldGroupProps } from './types';

const LEVELS = POLICY_LEVELS.map((l) => ({ value: l, label: POLICY_LABELS.level[l] }));
const CATEGORIES = POLICY_CATEGORIES.map((c) => ({ value: c, label: POLICY_LABELS.category[c] }));

/** The policy's name, issuing body, level and category. */
export function BasicsFields({ form, errors, set }: FieldGroupProps) {
  return (
    <View>
      <Field label="政策名称" required error={errors.title}>
        <Input
          className="input policy-title-input"
          value={form.title}
          maxlength={90}
          placeholder="如：中小微企业信用贷款贴息"
          ariaLabel="政策名称"
          onInput={(e) => set({ title: e.detail.value }, 'title')}
        />
      </Field>
      <Field label="发文机关" required error={errors.issuer}>
        <Input
          className="input policy-issuer-input"
          value={form.issuer}
          maxlength={70}
          placeholder="如：清溪区财政局"
          ariaLabel="发文机关"
          onInput={(e) => set({ issuer: e.detail.value }, 'issuer')}
        />
      </Field>
      <Field label="政策层级" required error={errors.level}>
        <ChoiceChips className="policy-level" options={LEVELS} value={form.level} onChange={(level) => set({ level }, 'level')} />
      </Field>
      <Field label="政策类别" required error={errors.category}>
        <ChoiceChips className="policy-category" options={CATEGORIES} value={form.category} onChange={(category) => set({ category }, 'category')} />
      </Field>
    </View>
  );
}
