import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { CommonIssueBanner } from '../../components/ticket/CommonIssueBanner';
import { Composer } from '../../components/ticket/Composer';
import { TicketActions } from '../../components/ticket/TicketActions';
import { TicketClocks } from '../../components/ticket/TicketClocks';
import { TicketHead } from '../../components/ticket/TicketHead';
import { TicketJoint } from '../../components/ticket/TicketJoint';
import { TicketPlan } from '../../components/ticket/TicketPlan';
import { TicketResolution } from '../../components/ticket/TicketResolution';
import { TicketSimilar } from '../../components/ticket/TicketSimilar';
import { Timeline } from '../../components/Timeline';
import { Btn, Empty, Loading, Section } from '../../components/ui';
import { go } from '../../lib/nav';
import { useNow } from '../../lib/hooks';
import { currentUser, hasRole } from '../../lib/session';
import { errorText } from '../../lib/toast';
import { useTicketDetail } from '../../lib/useTicketDetail';

/** One ticket: what it is, its time limits, how it is handled, what can be done, and the conversation. */
function Detail(props: { id: string }) {
  const now = useNow();
  const user = currentUser();
  const { detail, loading, error, refresh } = useTicketDetail(props.id);

  if (!detail) {
    return loading ? <Loading /> : <Empty text="诉求加载失败" hint={error ? errorText(error) : '下拉刷新重试'} />;
  }
  const t = detail.ticket;
  const canMessage = detail.actions.includes('message');
  return (
    <View className={`page ticket ${canMessage ? 'ticket--composer' : ''}`}>
      <TicketHead ticket={t} />
      <CommonIssueBanner link={t.commonIssue} canOpen={hasRole(user, 'supervisor', 'leader', 'admin', 'officer', 'unitLead')} />
      <TicketClocks clocks={detail.clocks} now={now} />
      <TicketSimilar similar={t.similar} />
      <TicketJoint joint={t.joint} />
      <TicketPlan detail={detail} now={now} refresh={refresh} />
      <TicketResolution ticket={t} />
      <TicketActions detail={detail} refresh={refresh} />
      {hasRole(user, 'supervisor') || (hasRole(user, 'officer', 'unitLead') && (t.status === 'resolved' || t.status === 'closed')) ? (
        <Section title="典型问题复盘">
          <Btn size="small" kind="plain" className="ticket-retro" onClick={() => go('superviseRetro', { id: t.id, number: t.number, unit: t.handlingUnitId })}>
            查看复盘
          </Btn>
        </Section>
      ) : null}
      <Section title="办理记录与沟通">
        {detail.timeline.length ? (
          <Timeline entries={detail.timeline} {...(user ? { meId: user.id } : {})} now={now} jointLead={t.joint?.leadUnitName} />
        ) : (
          <Empty text="暂无记录" />
        )}
      </Section>
      {canMessage ? <Composer ticket={t} onSent={refresh} /> : null}
    </View>
  );
}

export default function TicketPage() {
  const router = useRouter();
  const id = router.params.id;
  if (!id) return <Empty text="缺少诉求编号" hint="请从列表重新进入" />;
  return <Detail id={id} />;
}
