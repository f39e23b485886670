import { Text, View } from '@tarojs/components';
import {
  ENTERPRISE_TAGS,
  HEADCOUNT_BANDS,
  INDUSTRIES,
  LABELS,
  POLICY_LABELS,
  REVENUE_BANDS,
  TIERS,
  type PolicyConditions,
  type Unit,
} from '@whistle/shared';
import { Field } from '../../../components/ui';
import { cleanConditions } from '../../lib/form';
import { namesOf } from '../../lib/units';
import { ConditionsView } from '../ConditionsView';
import { MultiChips } from '../MultiChips';

const opts = <T extends string>(values: readonly T[], names: Record<T, string>) => values.map((value) => ({ value, label: names[value] }));
const GROUPS = [
  { key: 'industries', label: '行业', options: opts(INDUSTRIES, LABELS.industry) },
  { key: 'tiers', label: '企业类型', options: opts(TIERS, LABELS.tier) },
  { key: 'tags', label: '企业资质', options: opts(ENTERPRISE_TAGS, POLICY_LABELS.tag) },
  { key: 'headcountBands', label: '从业人数', options: opts(HEADCOUNT_BANDS, POLICY_LABELS.headcount) },
  { key: 'revenueBands', label: '年营业收入', options: opts(REVENUE_BANDS, POLICY_LABELS.revenue) },
] as const;
type ListKey = (typeof GROUPS)[number]['key'] | 'townUnitIds';

/**
 * Who a policy is for: within a condition any value picked will do, and an
 * enterprise must meet every condition that has one; nothing picked is 普惠
 * (every enterprise). The conditions read back in words underneath.
 */
export function ConditionsEditor(props: { value: PolicyConditions; onChange: (c: PolicyConditions) => void; towns?: readonly Unit[] | undefined; error?: string | undefined }) {
  const c = props.value;
  const setList = (key: ListKey, values: string[]) => props.onChange(cleanConditions({ ...c, [key]: values }));
  const towns = (props.towns ?? []).filter((u) => u.track === 'township');
  return (
    <Field label="适用条件（都不选即为普惠政策）" error={props.error}>
      <View className="conditions-editor">
        {GROUPS.map((g) => (
          <View key={g.key} className={`conditions-editor__group conditions-editor__group--${g.key}`}>
            <Text className="conditions-editor__label">{g.label}</Text>
            <MultiChips label={g.label} options={g.options} value={(c[g.key] ?? []) as string[]} onChange={(v) => setList(g.key, v)} />
          </View>
        ))}
        {towns.length ? (
          <View className="conditions-editor__group conditions-editor__group--towns">
            <Text className="conditions-editor__label">所在镇街</Text>
            <MultiChips label="所在镇街" options={towns.map((u) => ({ value: u.id, label: u.name }))} value={c.townUnitIds ?? []} onChange={(v) => setList('townUnitIds', v)} />
          </View>
        ) : null}
        <View className="conditions-editor__group">
          <MultiChips
            label="重点企业"
            options={[{ value: 'keyOnly', label: '仅限重点企业' }]}
            value={c.keyOnly ? ['keyOnly'] : []}
            onChange={(v) => props.onChange(cleanConditions({ ...c, keyOnly: v.length > 0 }))}
          />
        </View>
        <View className="conditions-editor__preview">
          <ConditionsView conditions={c} townNames={namesOf(props.towns)} />
        </View>
      </View>
    </Field>
  );
}
