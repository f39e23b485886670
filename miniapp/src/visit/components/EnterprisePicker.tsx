import { Input, View } from '@tarojs/components';
import type { Enterprise } from '@whistle/shared';
import { useState } from 'react';
import { OptionList } from '../../components/Sheet';

/** Picks one enterprise among those the caller visits (their grids', their commissioned ones), searchable by name. */
export function EnterprisePicker(props: { enterprises: readonly Enterprise[]; value: string | undefined; onChange: (id: string) => void }) {
  const [search, setSearch] = useState('');
  const q = search.trim();
  const list = props.enterprises.filter((e) => !q || e.name.includes(q));
  return (
    <View className="enterprise-picker">
      {props.enterprises.length > 8 ? (
        <Input className="input enterprise-search" value={search} placeholder="搜索企业名称" onInput={(e) => setSearch(e.detail.value)} />
      ) : null}
      <View className="form__scroll">
        <OptionList
          options={list.slice(0, 40).map((e) => ({ value: e.id, label: e.name, sub: e.address ?? e.id }))}
          selected={props.value ? [props.value] : []}
          onToggle={props.onChange}
          empty="没有可走访的企业（只能记录本人网格或联系企业的走访）"
        />
      </View>
    </View>
  );
}
