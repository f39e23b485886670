import { View } from '@tarojs/components';
import { GROUP_KINDS, LABELS } from '@whistle/shared';
import { api } from '../../../api';
import { GroupCell } from '../../../components/GroupCell';
import { Empty, Loading, Section } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { STORE_KEYS, writeStore } from '../../../lib/storage';

export default function Groups() {
  const groups = useLoader(async () => {
    const r = await api.groups();
    writeStore(STORE_KEYS.groups, r.items);
    return r;
  }, '加载我的群');
  if (groups.loading && !groups.data) return <Loading />;
  const items = groups.data?.items ?? [];
  if (!items.length) return <Empty text="还没有加入企业服务群" hint="请联系督办人员把本单位加入相关群" />;
  return (
    <View className="page">
      {GROUP_KINDS.map((kind) => {
        const list = items.filter((g) => g.kind === kind);
        if (!list.length) return null;
        return (
          <Section key={kind} title={LABELS.groupKind[kind]}>
            <View className="cells">
              {list.map((g) => (
                <GroupCell key={g.id} group={g} />
              ))}
            </View>
          </Section>
        );
      })}
    </View>
  );
}
