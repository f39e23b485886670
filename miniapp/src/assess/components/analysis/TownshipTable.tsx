import { Text, View } from '@tarojs/components';
import { LABELS, type HotSpot, type TownshipSlice } from '@whistle/shared';

const pct = (v: number | null): string => (v === null ? '—' : `${Math.round(v * 100)}%`);

/** Requests by township: count, share, main categories; the hot spots highlighted and explained below. */
export function TownshipTable(props: { rows: readonly TownshipSlice[]; hotSpots: readonly HotSpot[] }) {
  return (
    <View className="town-table">
      <View className="town-table__row town-table__row--head">
        <Text className="town-table__name">镇街</Text>
        <Text className="town-table__count">诉求</Text>
        <Text className="town-table__share">占比</Text>
        <Text className="town-table__top">主要类别</Text>
      </View>
      {props.rows.map((t) => (
        <View key={t.unitId} className={`town-table__row ${t.hot.length ? 'town-table__row--hot' : ''}`} data-unit={t.unitId}>
          <Text className="town-table__name">{t.name}</Text>
          <Text className="town-table__count">{t.count}</Text>
          <Text className="town-table__share">{pct(t.share)}</Text>
          <View className="town-table__top">
            {[...t.byCategory]
              .sort((a, b) => b.count - a.count)
              .slice(0, 3)
              .map((c) => (
                <Text key={c.category} className={`town-cat ${t.hot.includes(c.category) ? 'town-cat--hot' : ''}`}>
                  {`${LABELS.category[c.category]} ${c.count}`}
                </Text>
              ))}
          </View>
        </View>
      ))}
      {props.hotSpots.length ? (
        <View className="hot-notes">
          {props.hotSpots.map((h) => (
            <Text key={`${h.unitId}-${h.category}`} className="hot-note">
              {`热点：${h.townName}「${h.categoryLabel}」${h.count} 件，占本月 ${pct(h.share)}，${h.lift === null ? '以往无此类诉求' : `为以往占比的 ${h.lift} 倍`}`}
            </Text>
          ))}
        </View>
      ) : (
        <Text className="muted hot-none">本月无明显热点（某镇街某类诉求 ≥ 3 件且占比达到以往的 2 倍即为热点）</Text>
      )}
    </View>
  );
}
