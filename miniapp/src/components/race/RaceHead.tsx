import { Text, View } from '@tarojs/components';
import { quarterLabel, RACE_STATUS_LABELS, type Race } from '@whistle/shared';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../lib/format';
import { Chip } from '../ui';

/** A race's title, status and dates. */
export function RaceHead(props: { race: Race; children?: ReactNode }) {
  const r = props.race;
  const meta =
    r.status === 'closed'
      ? `${formatDateTime(r.closedAt)} 揭晓 · 共 ${r.tally?.ballots ?? 0} 张选票`
      : `${formatDateTime(r.openedAt)} 开始投票 · 部门评 ${r.tracks.department.fiveStar} 个、镇街评 ${r.tracks.township.fiveStar} 个五星单位`;
  return (
    <View className="race-head">
      <View className="race-head__top">
        <Text className="race-head__title">{quarterLabel(r.quarter)}赛马比拼</Text>
        <Chip tone={r.status === 'open' ? 'warn' : 'done'}>{RACE_STATUS_LABELS[r.status]}</Chip>
      </View>
      <Text className="race-head__meta">{meta}</Text>
      {props.children}
    </View>
  );
}
