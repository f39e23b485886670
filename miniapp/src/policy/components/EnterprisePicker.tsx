import { Input, View } from '@tarojs/components';
import { api } from '../../api';
import { OptionList } from '../../components/Sheet';
import { Empty, Loading, Section } from '../../components/ui';
import { useLoader } from '../../lib/hooks';
import { errorText } from '../../lib/toast';
import { useState } from 'react';

/** A commissioner or grid officer picks one of the enterprises they serve, to see its policies. */
export function EnterprisePicker(props: { onPick: (enterpriseId: string) => void }) {
  const list = useLoader(() => api.enterprises(), '加载企业列表');
  const [search, setSearch] = useState('');
  const q = search.trim();
  const items = (list.data?.items ?? []).filter((e) => !q || e.name.includes(q));
  return (
    <Section title="选择企业，查看它的政策">
      <View className="card">
        <Input className="input" value={search} placeholder="搜索企业名称" ariaLabel="搜索企业名称" onInput={(e) => setSearch(e.detail.value)} />
      </View>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error && !list.data ? (
        <Empty text="企业列表加载失败" hint={errorText(list.error)} />
      ) : (
        <View className="card enterprise-picker">
          <OptionList options={items.slice(0, 50).map((e) => ({ value: e.id, label: e.name, sub: e.address ?? e.id }))} selected={[]} onToggle={props.onPick} empty="没有找到企业" />
        </View>
      )}
    </Section>
  );
}
