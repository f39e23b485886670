import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { COMMANDS, type FeedCard, type Group } from '@whistle/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../../api';
import { FeedBubble, type ClaimState } from '../../../components/FeedBubble';
import { Btn, Empty, Loading, Tabs } from '../../../components/ui';
import { claimTicket } from '../../../lib/claim';
import { mergeFeed } from '../../../lib/feed';
import { formatTime } from '../../../lib/format';
import { useLoader, useNow, useVisiblePolling } from '../../../lib/hooks';
import { openTicket } from '../../../lib/nav';
import { currentUser, getMe, hasRole } from '../../../lib/session';
import { readStore, STORE_KEYS } from '../../../lib/storage';
import { askSubscribe } from '../../../lib/subscribe';
import { toastError, toastInfo, toastOk } from '../../../lib/toast';

type Filter = 'all' | 'open';
const POLL_MS = 4000;

function GroupFeed(props: { groupId: string; name?: string | undefined }) {
  const { groupId } = props;
  const now = useNow(30_000);
  const user = currentUser();
  const myUnitId = user?.unitId ?? getMe()?.unit?.id;
  const [group, setGroup] = useState<Group | undefined>(() => readStore<Group[]>(STORE_KEYS.groups)?.find((g) => g.id === groupId));
  const [cards, setCards] = useState<FeedCard[]>([]);
  const [claims, setClaims] = useState<Record<string, ClaimState>>({});
  const [filter, setFilter] = useState<Filter>('all');
  const [olderCursor, setOlderCursor] = useState<string | undefined>(undefined);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const since = useRef<string | undefined>(undefined);
  const scrolled = useRef(false);

  useEffect(() => {
    const title = props.name ?? group?.name;
    if (title) void Taro.setNavigationBarTitle({ title });
  }, [props.name, group]);

  useEffect(() => {
    if (group) return;
    api
      .groups()
      .then((r) => setGroup(r.items.find((g) => g.id === groupId)))
      .catch(() => undefined);
  }, [group, groupId]);

  const feed = useLoader(
    async () => {
      const r = await api.feed(groupId, { limit: 30 });
      since.current = r.since;
      setCards(mergeFeed([], r.items));
      setOlderCursor(r.cursor);
      return r;
    },
    '加载群消息',
    { reloadOnShow: false },
  );

  useEffect(() => {
    if (!feed.data || scrolled.current) return;
    scrolled.current = true;
    setTimeout(() => void Taro.pageScrollTo({ scrollTop: 1_000_000, duration: 0 }).catch(() => undefined), 50);
  }, [feed.data]);

  // incremental: only cards that changed since the last answer
  const poll = useCallback(async () => {
    if (!since.current) return;
    try {
      const r = await api.feed(groupId, { since: since.current });
      since.current = r.since;
      if (r.items.length) setCards((c) => mergeFeed(c, r.items));
    } catch {
      // weak network: the next tick tries again
    }
  }, [groupId]);
  useVisiblePolling(poll, POLL_MS);

  const loadOlder = async () => {
    if (!olderCursor || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const r = await api.feed(groupId, { cursor: olderCursor, limit: 30 });
      setCards((c) => mergeFeed(c, r.items));
      setOlderCursor(r.cursor);
    } catch (e) {
      toastError(e, '加载更早的诉求');
    } finally {
      setLoadingOlder(false);
    }
  };

  const claim = async (card: FeedCard) => {
    if (claims[card.ticketId]?.kind === 'pending') return;
    askSubscribe('claimed');
    setClaims((c) => ({ ...c, [card.ticketId]: { kind: 'pending' } }));
    const r = await claimTicket(card.ticketId);
    setClaims((c) => ({ ...c, [card.ticketId]: r }));
    if (r.kind === 'won') {
      toastOk(COMMANDS.claim.done);
      setCards((cs) =>
        cs.map((x) =>
          x.ticketId === card.ticketId
            ? {
                ...x,
                status: 'claimed',
                ...(myUnitId ? { handlingUnitId: myUnitId } : {}),
                ...(r.unitName ? { handlingUnitName: r.unitName } : {}),
              }
            : x,
        ),
      );
    } else {
      toastInfo(r.message);
    }
    void poll();
  };

  const isOfficer = hasRole(user, 'officer', 'unitLead') && !!myUnitId;
  const member = !group || (!!myUnitId && group.memberUnitIds.includes(myUnitId));
  const canClaim = isOfficer && member;
  const shown = filter === 'open' ? cards.filter((c) => c.status === 'published' && claims[c.ticketId]?.kind !== 'lost') : cards;
  const openCount = cards.filter((c) => c.status === 'published').length;

  return (
    <View className="page chat">
      <View className="chat__bar">
        <Tabs
          tabs={[
            { value: 'all', label: '全部' },
            { value: 'open', label: '待认领', badge: openCount },
          ]}
          value={filter}
          onChange={setFilter}
        />
      </View>
      {feed.loading && !feed.data ? (
        <Loading />
      ) : shown.length ? (
        <View className="chat__list">
          {olderCursor ? (
            <View className="chat__older">
              <Btn kind="plain" size="small" loading={loadingOlder} onClick={() => void loadOlder()}>
                查看更早的诉求
              </Btn>
            </View>
          ) : (
            <Text className="chat__sys">以上是本群全部诉求</Text>
          )}
          {shown.map((c, i) => {
            const prev = shown[i - 1];
            const gap = !prev || Date.parse(c.publishedAt) - Date.parse(prev.publishedAt) > 10 * 60_000;
            return (
              <View key={c.ticketId}>
                {gap ? <Text className="chat__time">{formatTime(c.publishedAt, now)}</Text> : null}
                <FeedBubble
                  card={c}
                  now={now}
                  {...(claims[c.ticketId] ? { claim: claims[c.ticketId] } : {})}
                  canClaim={canClaim}
                  {...(myUnitId ? { myUnitId } : {})}
                  onClaim={(card) => void claim(card)}
                  onOpen={(card) => openTicket(card.ticketId)}
                />
              </View>
            );
          })}
        </View>
      ) : (
        <Empty text={filter === 'open' ? '没有待认领的诉求' : '群里还没有诉求'} hint="新的诉求会自动出现在这里" />
      )}
      {!canClaim && isOfficer && group ? <Text className="chat__sys">本单位不是该群成员单位，只能查看</Text> : null}
    </View>
  );
}

export default function GroupPage() {
  const { params } = useRouter();
  if (!params.id) return <Empty text="缺少群编号" hint="请从「我的群」重新进入" />;
  return <GroupFeed groupId={params.id} name={params.name ? decodeURIComponent(params.name) : undefined} />;
}
