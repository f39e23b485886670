import { Text, View } from '@tarojs/components';
import type { ClockKind, SupervisionOverviewResponse } from '@whistle/shared';
import type { ReactNode } from 'react';
import { clockLabel, formatDuration, formatTime } from '../lib/format';
import { Chip } from './ui';

export type OverdueRow = SupervisionOverviewResponse['overdue'][number];
export type UnclaimedRow = SupervisionOverviewResponse['unclaimed'][number];

/** Claim, resolve and co-unit tasks count working time; the others calendar time (default policy). */
const WORKING_KINDS: readonly ClockKind[] = ['claim', 'resolve', 'task'];

const LEVEL_AFTER: Record<number, string> = { 1: '已提醒', 2: '已催办', 3: '已警告' };

/** A row of the supervisor's overview: what is late, by how much, and who has it. */
export function OverviewCard(props: {
  row: OverdueRow | UnclaimedRow;
  now?: number;
  onTap: () => void;
  footer?: ReactNode;
}) {
  const r = props.row;
  const clocks = 'clocks' in r ? r.clocks : [];
  return (
    <View className="card ticket-card overview-card" onClick={props.onTap}>
      <View className="ticket-card__top">
        <Text className="ticket-card__title">{r.title}</Text>
        <Text className="feed-card__no">{r.number}</Text>
      </View>
      <View className="ticket-card__meta">
        <Text className="ticket-card__ent">{r.enterpriseName}</Text>
        <Text className="ticket-card__time">{formatTime(r.createdAt, props.now)}</Text>
      </View>
      <View className="ticket-card__clocks">
        {'claimOverdue' in r ? (
          r.claimOverdue ? (
            <Text className="clock clock--danger">认领已超时</Text>
          ) : (
            <Text className="clock clock--warn">等待认领</Text>
          )
        ) : null}
        {clocks.map((c) => (
          <Text key={c.id} className="clock clock--danger">
            {clockLabel(c.kind)}已超时 {formatDuration(c.minutesOverdue, WORKING_KINDS.includes(c.kind) ? 'working' : 'calendar')}
            {c.escalations ? ` · ${LEVEL_AFTER[Math.min(3, c.escalations)] ?? ''}` : ''}
          </Text>
        ))}
      </View>
      <View className="ticket-card__summary summary--muted">
        <Text>{r.handlingUnitName ? `承办：${r.handlingUnitName}` : '尚无单位认领'}</Text>
        {r.status === 'waitingEnterprise' ? <Chip tone="purple" className="overview-chip">待企业补充</Chip> : null}
      </View>
      {props.footer}
    </View>
  );
}
