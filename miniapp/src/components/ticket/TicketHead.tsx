import { Text, View } from '@tarojs/components';
import { CLASS_LABELS, LABELS, type Ticket } from '@whistle/shared';
import { formatDateTime } from '../../lib/format';
import { StatusChip } from '../TicketCard';
import { Chip, Kv } from '../ui';

/** Who handles the ticket, or why nobody does yet. */
function handlingText(t: Ticket): string {
  if (t.handlingUnitName) return `${t.handlingUnitName}${t.claimedAt ? `（${formatDateTime(t.claimedAt)} 认领）` : ''}`;
  if (t.desk?.state === 'answered') return '在线客服已直接答复';
  if (t.desk?.state === 'waiting') return '8小时外，在线客服值守中';
  return t.status === 'published' ? '等待成员单位认领' : '—';
}

/** The ticket's head card: number, status, title, chips, description, who and when. */
export function TicketHead(props: { ticket: Ticket }) {
  const t = props.ticket;
  return (
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
        {t.classification ? (
          <Chip tone={t.classification.class === 'key' ? 'danger' : t.classification.class === 'common' ? 'orange' : 'info'} className="class-tag">
            {CLASS_LABELS[t.classification.class]}
          </Chip>
        ) : null}
        {t.leader ? <Chip tone="purple">领导领办</Chip> : null}
        {t.joint ? <Chip tone="orange">联办</Chip> : null}
        {t.reopenCount ? <Chip tone="warn">重新打开 {t.reopenCount} 次</Chip> : null}
      </View>
      <Text className="ticket-head__desc">{t.description}</Text>
      <Kv k="企业">{t.enterpriseName}</Kv>
      <Kv k="提交">{`${formatDateTime(t.createdAt)} · ${t.createdBy.name}`}</Kv>
      <Kv k="承办" className="handling-unit">
        {handlingText(t)}
      </Kv>
      {t.leader ? <Kv k="领办">{`${t.leader.name}（${formatDateTime(t.leader.since)} 起）`}</Kv> : null}
    </View>
  );
}
