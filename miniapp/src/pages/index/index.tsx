import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { hasVisitDuties, LABELS, type MeResponse, type Role } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { GroupCell } from '../../components/GroupCell';
import { OutboxList } from '../../components/OutboxList';
import { TicketCard } from '../../components/TicketCard';
import { Tiles, type Tile } from '../../components/Tiles';
import { Btn, Empty, Loading, Section } from '../../components/ui';
import { useLoader, useNow } from '../../lib/hooks';
import { go, openTicket, relaunch } from '../../lib/nav';
import { listOutbox, OUTBOX_CHANGED, OUTBOX_SENT } from '../../lib/outbox';
import { clearSession, getMe, getSession, hasRole, saveMe } from '../../lib/session';
import { STORE_KEYS, writeStore } from '../../lib/storage';

function useOutboxCount(): number {
  const [n, setN] = useState(() => listOutbox().length);
  useEffect(() => {
    const update = () => setN(listOutbox().length);
    Taro.eventCenter.on(OUTBOX_CHANGED, update);
    Taro.eventCenter.on(OUTBOX_SENT, update);
    return () => {
      Taro.eventCenter.off(OUTBOX_CHANGED, update);
      Taro.eventCenter.off(OUTBOX_SENT, update);
    };
  }, []);
  useDidShow(() => setN(listOutbox().length));
  return n;
}

function OwnerHome(props: { me: MeResponse; unread: number }) {
  const now = useNow();
  const pending = useOutboxCount();
  const recent = useLoader(() => api.tickets('mine', { limit: 5 }), '加载我的诉求');
  const reloadRecent = recent.reload;
  useEffect(() => {
    const refresh = () => void reloadRecent();
    Taro.eventCenter.on(OUTBOX_SENT, refresh);
    return () => {
      Taro.eventCenter.off(OUTBOX_SENT, refresh);
    };
  }, [reloadRecent]);
  const items = recent.data?.items ?? [];
  const tiles: Tile[] = [
    { key: 'mine', icon: '单', label: '我的诉求', tone: 'blue', onTap: () => go('ownerMine') },
    { key: 'grid', icon: '格', label: '我的网格', tone: 'green', onTap: () => go('ownerGrid') },
    { key: 'inbox', icon: '信', label: '消息通知', tone: 'orange', badge: props.unread, onTap: () => go('inbox') },
    { key: 'race', icon: '赛', label: '赛马比拼', tone: 'purple', onTap: () => go('raceVote') },
    // 问题困难动态台账: the enterprise's requests and the visits paid to it
    { key: 'ledger', icon: '账', label: '企业台账', tone: 'blue', onTap: () => go('visitLedger', { enterpriseId: props.me.enterprise?.id }) },
    // the policy supermarket: the policies that fit this enterprise, and the whole catalogue
    { key: 'policies', icon: '策', label: '我的政策', tone: 'red', onTap: () => go('policyMine') },
    { key: 'catalog', icon: '市', label: '政策超市', tone: 'blue', onTap: () => go('policyCatalog') },
  ];
  return (
    <View>
      <View className="cta" onClick={() => go('ownerNew')}>
        <View className="cta__text">
          <Text className="cta__title">我要吹哨</Text>
          <Text className="cta__sub">遇到困难随时吹哨，部门 2 小时内认领、3 个工作日内办结</Text>
        </View>
        <View className="cta__icon">
          <Text>哨</Text>
        </View>
      </View>
      <Tiles tiles={tiles} />
      {pending ? (
        <Section title={`待发送（${pending}）`}>
          <OutboxList />
        </Section>
      ) : null}
      <Section title="最近的诉求" extra={<Text className="link" onClick={() => go('ownerMine')}>全部 ›</Text>}>
        {recent.loading && !recent.data ? (
          <Loading />
        ) : items.length ? (
          items.map((t) => <TicketCard key={t.id} ticket={t} now={now} showEnterprise={false} onTap={() => openTicket(t.id)} />)
        ) : pending ? null : (
          <Empty text="还没有吹过哨" hint="有困难、有诉求，点上方「我要吹哨」" />
        )}
      </Section>
    </View>
  );
}

function roleTiles(me: MeResponse, unread: number): Tile[] {
  const u = me.user;
  const tiles: Tile[] = [];
  if (hasRole(u, 'officer', 'unitLead')) {
    tiles.push({ key: 'groups', icon: '群', label: '我的群', tone: 'green', onTap: () => go('officerGroups') });
    tiles.push({ key: 'unit', icon: '办', label: '本单位诉求', tone: 'blue', onTap: () => go('officerUnit') });
  }
  // the policy supermarket: a unit's staff keep their unit's policies; the supervisor curates all, with the figures
  if (hasRole(u, 'supervisor')) tiles.push({ key: 'policyAdmin', icon: '策', label: '政策超市管理', tone: 'blue', onTap: () => go('policyUnit') });
  else if (hasRole(u, 'officer', 'unitLead') && u.unitId) tiles.push({ key: 'unitPolicies', icon: '策', label: '本单位政策', tone: 'blue', onTap: () => go('policyUnit') });
  if (hasRole(u, 'agent')) tiles.push({ key: 'desk', icon: '客', label: '客服队列', tone: 'orange', onTap: () => go('deskQueue') });
  if (hasRole(u, 'supervisor')) {
    tiles.push({ key: 'overview', icon: '督', label: '督办总览', tone: 'red', onTap: () => go('superviseOverview') });
    tiles.push({ key: 'notices', icon: '单', label: '督办单', tone: 'orange', onTap: () => go('superviseNotices') });
  }
  if (hasRole(u, 'unitLead') && !hasRole(u, 'supervisor')) {
    tiles.push({ key: 'notices', icon: '单', label: '督办单', tone: 'orange', onTap: () => go('superviseNotices') });
  }
  if (hasRole(u, 'leader')) tiles.push({ key: 'leader', icon: '领', label: '领办事项', tone: 'purple', onTap: () => go('leaderMatters') });
  // what the user serves beyond the role: 亲清特使 (their enterprises), 片区负责人 / 网格总负责人 (their grids' requests)
  if (me.duties?.commissioned) tiles.push({ key: 'served', icon: '亲', label: '我服务的企业', tone: 'green', onTap: () => go('officerServed') });
  if (me.duties?.ledGridIds.length) tiles.push({ key: 'area', icon: '片', label: '片区诉求', tone: 'orange', onTap: () => go('officerServed', { view: 'area' }) });
  if (hasRole(u, 'supervisor', 'admin')) tiles.push({ key: 'pairing', icon: '特', label: '亲清特使结对', tone: 'blue', onTap: () => go('supervisePairing') });
  // the quarterly race: the supervisor runs it; unit leads vote for their unit, officers and leaders see the results
  if (hasRole(u, 'supervisor', 'admin')) tiles.push({ key: 'race', icon: '赛', label: '赛马比拼', tone: 'purple', onTap: () => go('superviseRace') });
  else if (hasRole(u, 'officer', 'unitLead', 'leader')) tiles.push({ key: 'race', icon: '赛', label: hasRole(u, 'unitLead') ? '赛马投票' : '赛马比拼', tone: 'purple', onTap: () => go('raceVote') });
  if (hasRole(u, 'officer', 'agent', 'supervisor')) {
    tiles.push({ key: 'new', icon: '哨', label: '代企业吹哨', tone: 'green', onTap: () => go('ownerNew') });
  }
  // grid visits (走访): grid officers, chiefs, area leads and commissioners (named by the directory: `duties`) and the supervisor
  // log them; coverage (走访全覆盖) for those who look after grids and the overseers
  const d = me.duties;
  if (hasVisitDuties(d) || hasRole(u, 'supervisor')) tiles.push({ key: 'visits', icon: '访', label: '走访记录', tone: 'green', onTap: () => go('visitLog') });
  if (hasRole(u, 'supervisor', 'leader', 'admin') || (d && d.officerOf.length + d.chiefOf.length + d.leadOf.length > 0)) {
    tiles.push({ key: 'coverage', icon: '覆', label: '走访覆盖', tone: 'blue', onTap: () => go('visitCoverage') });
  }
  // the assessment (助企服务指数): the ranking for every unit and overseer, a unit's own figures, the disputes
  if (hasRole(u, 'officer', 'unitLead', 'supervisor', 'admin', 'leader', 'assessor')) {
    tiles.push({ key: 'ranking', icon: '榜', label: '服务指数', tone: 'red', onTap: () => go('assessRanking') });
  }
  if (hasRole(u, 'officer', 'unitLead') && u.unitId) {
    tiles.push({ key: 'myunit', icon: '考', label: '本单位考核', tone: 'purple', onTap: () => go('assessUnit') });
  }
  if (hasRole(u, 'supervisor', 'admin', 'assessor')) {
    tiles.push({ key: 'disputes', icon: '诉', label: '考核申诉', tone: 'orange', onTap: () => go('assessDisputes') });
  }
  // the desktop consoles: the tenant's admin, the platform operator, the province's reader
  if (hasRole(u, 'admin')) tiles.push({ key: 'admin', icon: '管', label: '管理后台', tone: 'gray', onTap: () => go('adminHome') });
  if (hasRole(u, 'operator')) tiles.push({ key: 'platform', icon: '台', label: '平台运营', tone: 'blue', onTap: () => go('platformTenants') });
  if (hasRole(u, 'province')) tiles.push({ key: 'province', icon: '省', label: '全省概览', tone: 'purple', onTap: () => go('provinceOverview') });
  tiles.push({ key: 'inbox', icon: '信', label: '消息通知', tone: 'gray', badge: unread, onTap: () => go('inbox') });
  return tiles;
}

function StaffHome(props: { me: MeResponse; unread: number }) {
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
      <Tiles tiles={roleTiles(props.me, props.unread)} />
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
