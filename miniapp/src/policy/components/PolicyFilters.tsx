import { Input, Text, View } from '@tarojs/components';
import { POLICY_CATEGORIES, POLICY_LABELS, POLICY_LEVELS, type PolicyCategory, type PolicyLevel } from '@whistle/shared';
import { useState } from 'react';
import { Btn } from '../../components/ui';

export interface CatalogFilter {
  q: string;
  category?: PolicyCategory | undefined;
  level?: PolicyLevel | undefined;
}

function ChipRow<T extends string>(props: { label: string; options: readonly T[]; names: Record<T, string>; value: T | undefined; onChange: (v: T | undefined) => void }) {
  const chip = (v: T | undefined, name: string) => (
    <View
      key={v ?? 'all'}
      className={`filter-chip ${props.value === v ? 'filter-chip--on' : ''}`}
      data-value={v ?? 'all'}
      ariaRole="button"
      ariaLabel={`${props.label}：${name}${props.value === v ? '（已选）' : ''}`}
      onClick={() => props.onChange(v)}
    >
      <Text>{name}</Text>
    </View>
  );
  return (
    <View className="filter-row" ariaLabel={props.label}>
      <Text className="filter-row__label">{props.label}</Text>
      <View className="filter-row__chips">
        {chip(undefined, '全部')}
        {props.options.map((o) => chip(o, props.names[o]))}
      </View>
    </View>
  );
}

/** 政策超市's search (Chinese words, sent on 搜索 or the keyboard's confirm) and its category and level filters. */
export function PolicyFilters(props: { value: CatalogFilter; onChange: (f: CatalogFilter) => void }) {
  const [typed, setTyped] = useState(props.value.q);
  const search = (q: string) => props.onChange({ ...props.value, q: q.trim() });
  return (
    <View className="policy-filters">
      <View className="policy-search">
        <Input
          className="input policy-search__input"
          value={typed}
          confirmType="search"
          maxlength={50}
          placeholder="搜索政策，如：贷款贴息、稳岗补贴"
          ariaLabel="搜索政策"
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={(e) => search(e.detail.value)}
        />
        <Btn size="small" kind="primary" className="policy-search__btn" onClick={() => search(typed)}>
          搜索
        </Btn>
      </View>
      <ChipRow label="类别" options={POLICY_CATEGORIES} names={POLICY_LABELS.category} value={props.value.category} onChange={(category) => props.onChange({ ...props.value, category })} />
      <ChipRow label="层级" options={POLICY_LEVELS} names={POLICY_LABELS.level} value={props.value.level} onChange={(level) => props.onChange({ ...props.value, level })} />
    </View>
  );
}
