import { Text, View } from '@tarojs/components';
import { LABELS, type MeResponse, type Role } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { OwnerHome } from '../../components/home/OwnerHome';
import { StaffHome } from '../../components/home/StaffHome';
import { Btn, Empty, Loading } from '../../components/ui';
import { useLoader } from '../../lib/hooks';
import { go, relaunch } from '../../lib/nav';
import { clearSession, getMe, getSession, hasRole, saveMe } from '../../lib/session';

function HomeInner() {
  const [me, setMe] = useState<MeResponse | undefined>(() => getMe());
  const profile = useLoader(async () => {
    const m = await api.me();
    saveMe(m);
    setMe(m);
    return m;
  }, '加载个人信息');
  const inbox = useLoader(() => api.inbox(), '加载通知');
  const unread = inbox.data?.unread ?? 0;

  if (!me) return profile.loading ? <Loading /> : <Empty text="无法加载个人信息" hint="下拉刷新重试" />;
  const u = me.user;
  const where = me.enterprise?.name ?? me.unit?.name ?? u.title ?? '';
  const roles = u.roles.map((r: Role) => LABELS.role[r]).join(' · ');
  return (
    <View className="page home">
      <View className="hello">
        <View className="hello__main">
          <Text className="hello__name">你好，{u.name}</Text>
          <Text className="hello__where">{[where, roles].filter(Boolean).join(' · ')}</Text>
        </View>
        <View className="hello__bell" onClick={() => go('inbox')}>
          <Text>通知</Text>
          {unread ? <Text className="badge">{unread > 99 ? '99+' : unread}</Text> : null}
        </View>
      </View>
      {hasRole(u, 'owner') ? <OwnerHome me={me} unread={unread} /> : <StaffHome me={me} unread={unread} />}
      <View className="home__foot">
        <Btn
          kind="plain"
          size="small"
          onClick={() => {
            clearSession();
            relaunch('login');
          }}
        >
          {process.env.TARO_ENV === 'h5' ? '切换身份' : '退出登录'}
        </Btn>
      </View>
    </View>
  );
}

export default function Home() {
  const signedIn = !!getSession();
  useEffect(() => {
    if (signedIn) return;
    // after the first render: on H5 the router is not listening yet during it
    const t = setTimeout(() => relaunch('login'), 0);
    return () => clearTimeout(t);
  }, [signedIn]);
  return signedIn ? <HomeInner /> : <Loading text="正在前往登录…" />;
}
