import { Text, View } from '@tarojs/components';
import {
  ENTERPRISE_TAGS,
  EnterpriseProfileBody,
  fieldIssues,
  HEADCOUNT_BANDS,
  POLICY_LABELS,
  REVENUE_BANDS,
  type Enterprise,
  type EnterpriseTag,
  type HeadcountBand,
  type RevenueBand,
} from '@whistle/shared';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { ChoiceChips, Field } from '../../components/ui';
import { issueErrors, type FormErrors } from '../../lib/form-errors';
import { errorText } from '../../lib/toast';
import { MultiChips } from './MultiChips';

const FIELDS = ['tags', 'headcountBand', 'revenueBand'] as const;
const TAGS = ENTERPRISE_TAGS.map((t) => ({ value: t, label: POLICY_LABELS.tag[t] }));
const HEADCOUNTS = HEADCOUNT_BANDS.map((b) => ({ value: b, label: POLICY_LABELS.headcount[b] }));
const REVENUES = REVENUE_BANDS.map((b) => ({ value: b, label: POLICY_LABELS.revenue[b] }));

/** Issues at their top-level field (`tags.1` is the tags'). */
const byField = (issues: ReadonlyArray<{ field?: unknown; message?: unknown }>): FormErrors =>
  issueErrors(
    issues.map((i) => ({ ...i, field: typeof i.field === 'string' ? i.field.split('.')[0] : i.field })),
    FIELDS,
  );

/**
 * 企业画像: the tags (资质, any number), the headcount band and the revenue band
 * policies match on. Checked with the API's own schema; the API's messages are
 * shown at their fields.
 */
export function ProfileEditor(props: { enterprise: Enterprise; save: (body: EnterpriseProfileBody) => Promise<void> }) {
  const e = props.enterprise;
  const [tags, setTags] = useState<EnterpriseTag[]>(e.tags ?? []);
  const [headcount, setHeadcount] = useState<HeadcountBand | undefined>(e.headcountBand);
  const [revenue, setRevenue] = useState<RevenueBand | undefined>(e.revenueBand);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    const parsed = EnterpriseProfileBody.safeParse({ tags, headcountBand: headcount, revenueBand: revenue });
    if (!parsed.success) {
      setErrors(byField(fieldIssues(parsed.error)));
      return;
    }
    setBusy(true);
    try {
      await props.save(parsed.data);
    } catch (err) {
      const details = isApiError(err) && err.code === 'VALIDATION' && Array.isArray(err.details) ? (err.details as Array<{ field?: unknown; message?: unknown }>) : [];
      setErrors(details.length ? byField(details) : { fields: {}, other: errorText(err, '保存企业画像') });
    } finally {
      setBusy(false);
    }
  };
  const edited = (f: (typeof FIELDS)[number]) => {
    if (errors.fields[f]) setErrors({ ...errors, fields: { ...errors.fields, [f]: '' } });
  };
  return (
    <View className="form profile-editor">
      <Text className="profile-editor__who">{e.name}</Text>
      <Field label="企业资质（可多选，没有可不选）" error={errors.fields.tags}>
        <MultiChips
          label="企业资质"
          className="profile-tags"
          options={TAGS}
          value={tags}
          onChange={(v) => {
            setTags(v);
            edited('tags');
          }}
        />
      </Field>
      <Field label="从业人数" error={errors.fields.headcountBand}>
        <ChoiceChips
          className="profile-headcount"
          columns={3}
          options={HEADCOUNTS}
          value={headcount}
          onChange={(v) => {
            setHeadcount(v);
            edited('headcountBand');
          }}
        />
      </Field>
      <Field label="上年营业收入" error={errors.fields.revenueBand}>
        <ChoiceChips
          className="profile-revenue"
          columns={3}
          options={REVENUES}
          value={revenue}
          onChange={(v) => {
            setRevenue(v);
            edited('revenueBand');
          }}
        />
      </Field>
      <Text className="form__note">画像只用于匹配政策；保存后“我的政策”会重新匹配。</Text>
      <FormFooter error={errors.other} busy={busy} label="保存企业画像" className="profile-save" onSubmit={() => void submit()} />
    </View>
  );
}
