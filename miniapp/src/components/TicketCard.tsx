import { Text, View } from '@tarojs/components';
import { LABELS, STATUS_LABELS, type Ticket } from '@whistle/shared';
import type { ReactNode } from 'react';
import { clockText, formatTime, ticketSummary, viewClocks, type ClockLike } from '../lib/format';
import { Chip } from './ui';

const STATUS_TONE = {
  published: 'orange',
  claimed: 'info',
  waitingEnterprise: 'purple',
  resolved: 'done',
  closed: 'muted',
} as const;

export function StatusChip(props: { status: Ticket['status'] }) {
  return <Chip tone={STATUS_TONE[props.status]}>{STATUS_LABELS[props.status]}</Chip>;
}

/** A clock in plain words, coloured: red when missed. */
export function ClockChip(props: { clock: ClockLike; prefix?: string }) {
  const t = clockText(props.clock);
  return (
    <Text className={`clock clock--${t.tone}`} data-state={props.clock.state}>
      {props.prefix ?? ''}
      {t.text}
    </Text>
  );
}

/** A request in a list: title, enterprise, category, status, and the clock in words. */
export function TicketCard(props: {
  ticket: Ticket;
  now?: number;
  onTap?: () => void;
  showEnterprise?: boolean;
  /** extra clocks to show (e.g. leader cadence) */
  clockKinds?: readonly string[];
  footer?: ReactNode;
}) {
  const t = props.ticket;
  const now = props.now ?? Date.now();
  const summary = ticketSummary(t, now);
  const extra = props.clockKinds
    ? viewClocks(t.clocks, now).filter((c) => props.clockKinds?.includes(c.kind))
    : [];
  return (
    <View className="card ticket-card" onClick={props.onTap}>
      <View className="ticket-card__top">
        <Text className="ticket-card__title">{t.title}</Text>
        <StatusChip status={t.status} />
      </View>
      <View className="ticket-card__meta">
        <Chip tone="info" className="chip--outline">
          {LABELS.category[t.category]}
        </Chip>
        {t.priority === 'urgent' ? <Chip tone="danger">紧急</Chip> : null}
        {t.leader ? <Chip tone="purple">领导领办</Chip> : null}
        {t.joint ? <Chip tone="orange">联办</Chip> : null}
        {t.commonIssue ? <Chip tone={t.commonIssue.solvedAt ? 'done' : 'orange'}>共性问题</Chip> : null}
        {props.showEnterprise !== false ? <Text className="ticket-card__ent">{t.enterpriseName}</Text> : null}
        <Text className="ticket-card__time">{formatTime(t.createdAt, now)}</Text>
      </View>
      <View className={`ticket-card__summary summary--${summary.tone}`}>
        <Text>{summary.text}</Text>
      </View>
      {extra.length ? (
        <View className="ticket-card__clocks">
          {extra.map((c) => (
            <ClockChip key={c.id} clock={c} />
          ))}
        </View>
      ) : null}
      {props.footer}
    </View>
  );
}
