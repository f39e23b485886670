import { Text, View } from '@tarojs/components';
import { DISPUTE_STATUS_LABELS, type Dispute, type ManualEntry } from '@whistle/shared';
import type { ReactNode } from 'react';
import { Chip, Empty } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { formatScore, indicatorLabel, noticeLabel } from '../lib/figures';

/** Entered scores (政策宣传 / 供需对接 / 精准服务) with their evidence trail, newest first as the API sends them. */
export function ManualEntries(props: { entries: readonly ManualEntry[] }) {
  if (!props.entries.length) return <Empty text="本期暂无评分录入" hint="政策宣传、供需对接、精准服务由督办人员或第三方评估录入" />;
  return (
    <View className="records">
      {props.entries.map((e) => (
        <View key={e.id} className="record manual-entry" data-indicator={e.indicator}>
          <View className="record__top">
            <Text className="record__title">{indicatorLabel(e.indicator)}</Text>
            <Text className="record__score">
              {e.previous !== undefined ? `${formatScore(e.previous)} → ` : ''}
              {formatScore(e.score)} 分
            </Text>
          </View>
          <Text className="record__body">佐证：{e.evidence}</Text>
          <Text className="record__meta">
            {e.byName} · {formatDateTime(e.at)}
          </Text>
        </View>
      ))}
    </View>
  );
}

const STATUS_TONE = { open: 'warn', accepted: 'ok', rejected: 'muted' } as const;

/** One dispute: what is disputed, why, its status and the decision; `actions` for the supervisor. */
export function DisputeItem(props: { dispute: Dispute; showUnit?: boolean; onOpenTicket?: (ticketId: string) => void; actions?: ReactNode }) {
  const d = props.dispute;
  return (
    <View className={`record dispute dispute--${d.status}`} data-dispute={d.id}>
      <View className="record__top">
        <Text className="record__title">
          {props.showUnit ? `${d.unitName} · ` : ''}
          {indicatorLabel(d.indicator)}
          {d.noticeId ? `（${noticeLabel(d.noticeId)}）` : ''}
        </Text>
        <Chip tone={STATUS_TONE[d.status]}>{DISPUTE_STATUS_LABELS[d.status]}</Chip>
      </View>
      <Text className="record__link" onClick={() => props.onOpenTicket?.(d.ticketId)}>
        诉求 {d.ticketNumber} ›
      </Text>
      <Text className="record__body">申诉理由：{d.reason}</Text>
      <Text className="record__meta">提出于 {formatDateTime(d.raisedAt)}</Text>
      {d.decision ? (
        <Text className="record__body dispute__decision">
          处理意见：{d.decision}
          {d.decidedAt ? `（${formatDateTime(d.decidedAt)}）` : ''}
        </Text>
      ) : null}
      {props.actions ? <View className="card-actions">{props.actions}</View> : null}
    </View>
  );
}

export function DisputeList(props: { disputes: readonly Dispute[]; onOpenTicket: (ticketId: string) => void; empty?: string }) {
  if (!props.disputes.length) return <Empty text={props.empty ?? '暂无申诉'} />;
  return (
    <View className="records">
      {props.disputes.map((d) => (
        <DisputeItem key={d.id} dispute={d} onOpenTicket={props.onOpenTicket} />
      ))}
    </View>
  );
}
