import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { LABELS, RATING_LABELS, type CommandRequest, type TicketDetailResponse, type Unit } from '@whistle/shared';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../../api';
import { ACTION_LABELS, ActionForm, SHEET_ACTIONS, type ActionKind, type ActionPayload } from '../../components/ActionForms';
import { Sheet } from '../../components/Sheet';
import { ClockChip, StatusChip } from '../../components/TicketCard';
import { Timeline } from '../../components/Timeline';
import { Btn, Chip, Empty, Loading, Section } from '../../components/ui';
import { claimTicket } from '../../lib/claim';
import { formatDateTime, withResume, type ClockLike } from '../../lib/format';
import { useLoader, useNow, useVisiblePolling } from '../../lib/hooks';
import { currentUser, getMe, hasRole } from '../../lib/session';
import { errorText, toastError, toastInfo, toastOk } from '../../lib/toast';

const DONE_TEXT: Record<ActionKind, string> = {
  decline: '已说明不属本单位',
  assign: '已指派',
  transfer: '已移交',
  progress: '进展已报告',
  requestInfo: '已请企业补充',
  joint: '联办已启动',
  taskDone: '协办任务已完成',
  lead: '已设定领导领办',
  resolve: '已办结',
  rate: '感谢您的评价',
  reopen: '已重新打开',
  deskAnswer: '已答复企业',
  deskForward: '已转交部门',
};

const CLOCK_ORDER: Record<ClockLike['state'], number> = { missed: 0, running: 1, paused: 2, metLate: 3, met: 4 };

async function run(id: string, p: ActionPayload): Promise<unknown> {
  switch (p.kind) {
    case 'resolve':
      return api.command(id, { type: 'resolve', kind: p.resolution, summary: p.summary });
    default: {
      const { kind, ...fields } = p;
      return api.command(id, { type: kind, ...fields } as CommandRequest);
    }
  }
}

function Detail(props: { id: string }) {
  const id = props.id;
  const now = useNow();
  const user = currentUser();
  const me = getMe();
  const detail = useLoader(() => api.ticket(id), '加载诉求');
  const setDetail = detail.setData;
  const [sheet, setSheet] = useState<ActionKind | undefined>(undefined);
  const [units, setUnits] = useState<Unit[]>([]);
  const [leaders, setLeaders] = useState<Array<{ userId: string; name: string; title?: string | undefined }>>([]);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [claiming, setClaiming] = useState(false);
  const [claimNote, setClaimNote] = useState<string | undefined>(undefined);

  const refreshQuietly = useCallback(async () => {
    try {
      const d = await api.ticket(id);
      setDetail(() => d);
    } catch {
      // the next tick or a pull-to-refresh tries again
    }
  }, [id, setDetail]);
  useVisiblePolling(refreshQuietly, 10_000);

  const d: TicketDetailResponse | undefined = detail.data;
  const actions = useMemo(() => new Set(d?.actions ?? []), [d]);

  const openSheet = (kind: ActionKind) => {
    setSheet(kind);
    if ((kind === 'assign' || kind === 'transfer' || kind === 'joint') && !units.length) {
      api
        .units()
        .then((r) => setUnits(r.items))
        .catch((e: unknown) => toastError(e, '加载单位列表'));
    }
    if (kind === 'lead' && !leaders.length && hasRole(user, 'supervisor')) {
      api
        .leaders()
        .then((r) => setLeaders(r.items))
        .catch((e: unknown) => toastError(e, '加载领导名单'));
    }
  };

  const submit = async (p: ActionPayload): Promise<boolean> => {
    try {
      await run(id, p);
    } catch (e) {
      toastError(e, ACTION_LABELS[p.kind]);
      return false;
    }
    setSheet(undefined);
    toastOk(DONE_TEXT[p.kind]);
    await refreshQuietly();
    if (p.kind === 'rate' && p.score === 'unsatisfied') {
      const fresh = await api.ticket(id).catch(() => undefined);
      if (fresh?.actions.includes('reopen')) {
        const r = await Taro.showModal({
          title: '很抱歉没能让您满意',
          content: '需要重新打开这件事，让承办单位继续办理吗？',
          confirmText: '重新打开',
          cancelText: '暂不',
        });
        if (r.confirm) setSheet('reopen');
      }
    }
    return true;
  };

  const claim = async () => {
    if (claiming) return;
    setClaiming(true);
    const r = await claimTicket(id);
    setClaiming(false);
    if (r.kind === 'won') {
      setClaimNote(undefined);
      toastOk('认领成功');
    } else {
      setClaimNote(r.message);
      toastInfo(r.message);
    }
    await refreshQuietly();
  };

  const send = async () => {
    const text = draft.trim();
    if (!text || sending) {
      if (!text) toastInfo('请先输入留言内容');
      return;
    }
    setSending(true);
    try {
      await api.command(id, { type: 'message', text });
      setDraft('');
      await refreshQuietly();
      setTimeout(() => void Taro.pageScrollTo({ scrollTop: 1_000_000, duration: 200 }).catch(() => undefined), 50);
    } catch (e) {
      toastError(e, '发送留言');
    } finally {
      setSending(false);
    }
  };

  if (!d) {
    return detail.loading ? (
      <Loading />
    ) : (
      <Empty text="诉求加载失败" hint={detail.error ? errorText(detail.error) : '下拉刷新重试'} />
    );
  }

  const t = d.ticket;
  const clocks = d.clocks.map((c) => withResume(c, now)).sort((a, b) => CLOCK_ORDER[a.state] - CLOCK_ORDER[b.state]);
  const openClocks = clocks.filter((c) => c.state !== 'met' && c.state !== 'metLate');
  const doneClocks = clocks.filter((c) => c.state === 'met' || c.state === 'metLate');
  // reopening is offered after an unsatisfied rating (the server still decides the window)
  const sheetActions = SHEET_ACTIONS.filter((a) => actions.has(a) && !(a === 'reopen' && t.rating?.score !== 'unsatisfied'));
  const canMessage = actions.has('message');

  return (
    <View className={`page ticket ${canMessage ? 'ticket--composer' : ''}`}>
      <View className="card ticket-head">
        <View className="ticket-head__top">
          <Text className="ticket-head__no">{t.number}</Text>
          <StatusChip status={t.status} />
        </View>
        <Text className="ticket-head__title">{t.title}</Text>
        <View className="ticket-head__chips">
          <Chip tone="info" className="chip--outline">
            {LABELS.category[t.category]}
          </Chip>
          <Chip tone={t.priority === 'urgent' ? 'danger' : 'muted'}>{LABELS.priority[t.priority]}</Chip>
          <Chip tone="muted">{LABELS.channel[t.channel]}</Chip>
          {t.leader ? <Chip tone="purple">领导领办</Chip> : null}
          {t.joint ? <Chip tone="orange">联办</Chip> : null}
          {t.reopenCount ? <Chip tone="warn">重新打开 {t.reopenCount} 次</Chip> : null}
        </View>
        <Text className="ticket-head__desc">{t.description}</Text>
        <View className="kv">
          <Text className="kv__k">企业</Text>
          <Text className="kv__v">{t.enterpriseName}</Text>
        </View>
        <View className="kv">
          <Text className="kv__k">提交</Text>
          <Text className="kv__v">
            {formatDateTime(t.createdAt)} · {t.createdBy.name}
          </Text>
        </View>
        <View className="kv">
          <Text className="kv__k">承办</Text>
          <Text className="kv__v handling-unit">
            {t.handlingUnitName
              ? `${t.handlingUnitName}${t.claimedAt ? `（${formatDateTime(t.claimedAt)} 认领）` : ''}`
              : t.desk?.state === 'answered'
                ? '在线客服已直接答复'
                : t.desk?.state === 'waiting'
                  ? '8小时外，在线客服值守中'
                  : t.status === 'published'
                    ? '等待成员单位认领'
                    : '—'}
          </Text>
        </View>
        {t.leader ? (
          <View className="kv">
            <Text className="kv__k">领办</Text>
            <Text className="kv__v">
              {t.leader.name}（{formatDateTime(t.leader.since)} 起）
            </Text>
          </View>
        ) : null}
      </View>

      {openClocks.length || doneClocks.length ? (
        <Section title="时限" className="clocks-section">
          <View className="card clocks">
            {openClocks.map((c) => (
              <ClockChip key={c.id} clock={c} />
            ))}
            {doneClocks.map((c) => (
              <ClockChip key={c.id} clock={c} />
            ))}
          </View>
        </Section>
      ) : null}

      {t.joint ? (
        <Section title="联办">
          <View className="card joint">
            <View className="joint__row">
              <Chip tone="orange">牵头</Chip>
              <Text className="joint__unit">{t.joint.leadUnitName}</Text>
            </View>
            {t.joint.coUnits.map((c) => (
              <View key={c.unitId} className="joint__row">
                <Chip tone={c.doneAt ? 'done' : 'muted'}>{c.doneAt ? '已完成' : '协办'}</Chip>
                <View className="joint__main">
                  <Text className="joint__unit">{c.unitName}</Text>
                  <Text className="joint__task">{c.task}</Text>
                  {c.note ? <Text className="joint__task">结果：{c.note}</Text> : null}
                </View>
              </View>
            ))}
          </View>
        </Section>
      ) : null}

      {t.resolution ? (
        <Section title="办理结果">
          <View className="card resolution">
            <Chip tone="done">{t.resolution.kind === 'answered' ? '直接解答' : '协调解决'}</Chip>
            <Text className="resolution__text">{t.resolution.summary}</Text>
            <Text className="muted">{formatDateTime(t.resolution.at)}</Text>
            {t.rating ? (
              <View className="rating-line">
                <Text>企业评价：</Text>
                <Chip tone={t.rating.score === 'unsatisfied' ? 'danger' : 'done'}>{RATING_LABELS[t.rating.score]}</Chip>
                {t.rating.comment ? <Text className="muted">{t.rating.comment}</Text> : null}
              </View>
            ) : null}
          </View>
        </Section>
      ) : null}

      {actions.has('claim') || sheetActions.length || claimNote ? (
        <Section title="办理">
          <View className="card actions">
            {claimNote ? <Text className="feed-card__result feed-card__result--lost claim-note">{claimNote}</Text> : null}
            <View className="actions__buttons">
              {actions.has('claim') ? (
                <Btn kind="primary" loading={claiming} onClick={() => void claim()} className="action-claim">
                  {claiming ? '认领中' : '认领'}
                </Btn>
              ) : null}
              {sheetActions.map((a) => (
                <Btn
                  key={a}
                  kind={a === 'resolve' || a === 'rate' || a === 'deskAnswer' ? 'primary' : a === 'decline' ? 'warn' : 'default'}
                  onClick={() => openSheet(a)}
                  className={`action-${a}`}
                >
                  {ACTION_LABELS[a]}
                </Btn>
              ))}
            </View>
          </View>
        </Section>
      ) : null}

      <Section title="办理记录与沟通">
        {d.timeline.length ? <Timeline entries={d.timeline} {...(user ? { meId: user.id } : {})} now={now} jointLead={t.joint?.leadUnitName} /> : <Empty text="暂无记录" />}
      </Section>

      {canMessage ? (
        <View className="composer">
          <Input
            className="composer__input"
            value={draft}
            placeholder={
              hasRole(user, 'owner')
                ? '给承办单位留言…'
                : user?.unitId && user.unitId === t.handlingUnitId
                  ? '回复企业…'
                  : '留言…'
            }
            confirmType="send"
            onInput={(e) => setDraft(e.detail.value)}
            onConfirm={() => void send()}
          />
          <Btn kind="primary" size="small" loading={sending} onClick={() => void send()} className="composer__send">
            发送
          </Btn>
        </View>
      ) : null}

      <Sheet open={!!sheet} title={sheet ? ACTION_LABELS[sheet] ?? '' : ''} onClose={() => setSheet(undefined)}>
        {sheet ? (
          <ActionForm
            key={sheet}
            kind={sheet}
            ctx={{
              ticket: t,
              me: {
                userId: user?.id ?? '',
                unitId: user?.unitId ?? me?.unit?.id,
                isSupervisor: hasRole(user, 'supervisor'),
                isLeader: hasRole(user, 'leader'),
                name: user?.name ?? '',
              },
              units,
              leaders,
            }}
            submit={submit}
          />
        ) : null}
      </Sheet>
    </View>
  );
}

export default function TicketPage() {
  const router = useRouter();
  const id = router.params.id;
  if (!id) return <Empty text="缺少诉求编号" hint="请从列表重新进入" />;
  return <Detail id={id} />;
}
