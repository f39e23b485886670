import { Text, View } from '@tarojs/components';
import type { MeResponse } from '@whistle/shared';
import { api } from '../../api';
import { staffTiles } from '../../lib/home-tiles';
import { useLoader } from '../../lib/hooks';
import { go } from '../../lib/nav';
import { hasRole } from '../../lib/session';
import { STORE_KEYS, writeStore } from '../../lib/storage';
import { GroupCell } from '../GroupCell';
import { Tiles } from '../Tiles';
import { Empty, Loading, Section } from '../ui';

/** A government user's home: the shortcuts of their roles and duties, and an officer's groups. */
export function StaffHome(props: { me: MeResponse; unread: number }) {
  const u = props.me.user;
  const isOfficer = hasRole(u, 'officer', 'unitLead');
  const groups = useLoader(async () => {
    if (!isOfficer) return { items: [] };
    const r = await api.groups();
    writeStore(STORE_KEYS.groups, r.items);
    return r;
  }, '加载我的群');
  return (
    <View>
      <Tiles tiles={staffTiles(props.me, props.unread)} />
      {isOfficer ? (
        <Section title="我的企业服务群" extra={<Text className="link" onClick={() => go('officerGroups')}>全部 ›</Text>}>
          {groups.loading && !groups.data ? (
            <Loading />
          ) : groups.data?.items.length ? (
            <View className="cells">
              {groups.data.items.slice(0, 6).map((g) => (
                <GroupCell key={g.id} group={g} />
              ))}
            </View>
          ) : (
            <Empty text="还没有加入企业服务群" />
          )}
        </Section>
      ) : null}
    </View>
  );
}
