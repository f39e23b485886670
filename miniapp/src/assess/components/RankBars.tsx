import { Text, View } from '@tarojs/components';
import type { AssessmentResponse } from '@whistle/shared';
import { Chip, Empty } from '../../components/ui';
import { formatScore } from '../lib/figures';

type TrackRanking = AssessmentResponse['tracks'][number];

export interface RankRow {
  unitId: string;
  unitName: string;
  index: number | null;
  rank: number | null;
  list?: 'red' | 'black';
  mine: boolean;
}

/** A track's units in rank order (unranked last, as the API sends them), marked red / black list and own. */
export function rankRows(t: TrackRanking | undefined, own?: string): RankRow[] {
  if (!t) return [];
  return t.units.map((u) => ({
    unitId: u.unitId,
    unitName: u.unitName,
    index: u.index,
    rank: u.rank,
    mine: u.unitId === own,
    ...(t.redList.includes(u.unitId) ? { list: 'red' as const } : t.blackList.includes(u.unitId) ? { list: 'black' as const } : {}),
  }));
}

/** 红榜 / 黑榜 in one card: the units' names in order. */
export function HonorLists(props: { rows: readonly RankRow[] }) {
  const names = (l: 'red' | 'black') => props.rows.filter((r) => r.list === l).map((r) => r.unitName);
  const black = [...names('black')].reverse(); // the bottom first
  return (
    <View className="honor">
      <View className="honor__col honor__col--red">
        <Text className="honor__title">红榜</Text>
        <Text className="honor__names">{names('red').join('、') || '暂无'}</Text>
      </View>
      <View className="honor__col honor__col--black">
        <Text className="honor__title">黑榜</Text>
        <Text className="honor__names">{black.join('、') || '暂无'}</Text>
      </View>
    </View>
  );
}

/** Horizontal bars of the index (0–100), in rank order; a tap opens the unit where `canOpen` allows. */
export function RankBars(props: { rows: readonly RankRow[]; canOpen: (unitId: string) => boolean; onOpen: (row: RankRow) => void }) {
  if (!props.rows.length) return <Empty text="本期暂无单位参评" />;
  return (
    <View className="rank-bars">
      {props.rows.map((r) => {
        const open = props.canOpen(r.unitId);
        return (
          <View
            key={r.unitId}
            className={`rank-bar ${r.list ? `rank-bar--${r.list}` : ''} ${r.mine ? 'rank-bar--mine' : ''} ${open ? 'rank-bar--open' : ''}`}
            data-unit={r.unitId}
            onClick={() => {
              if (open) props.onOpen(r);
            }}
          >
            <Text className="rank-bar__rank">{r.rank ?? '—'}</Text>
            <View className="rank-bar__main">
              <View className="rank-bar__head">
                <Text className="rank-bar__name">{r.unitName}</Text>
                {r.list === 'red' ? <Chip tone="danger">红榜</Chip> : r.list === 'black' ? <Chip tone="muted" className="chip--black">黑榜</Chip> : null}
                {r.mine ? <Chip tone="info">本单位</Chip> : null}
              </View>
              <View className="rank-bar__track">
                {r.index !== null ? <View className="rank-bar__fill" style={{ width: `${Math.max(0, Math.min(100, r.index))}%` }} /> : null}
              </View>
            </View>
            <Text className="rank-bar__value">{r.index === null ? '暂无数据' : formatScore(r.index)}</Text>
          </View>
        );
      })}
    </View>
  );
}
