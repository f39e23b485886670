import { Text, View } from '@tarojs/components';
import { shareLabel, type GridCoverage } from '@whistle/shared';

/** A grid's coverage in the month: the share as a bar, visited of total, open problems, who is still to visit. */
export function CoverageRow(props: { grid: GridCoverage }) {
  const g = props.grid;
  const full = g.enterprises > 0 && g.visited === g.enterprises;
  const tone = full ? 'full' : g.share >= 0.6 ? 'fair' : 'behind';
  return (
    <View className={`card coverage-row coverage-row--${tone}`} data-grid={g.gridId}>
      <View className="coverage-row__top">
        <Text className="coverage-row__name">{g.gridName}</Text>
        <Text className="coverage-row__officer">
          {g.areaName} · 网格员 {g.officerName}
        </Text>
      </View>
      <View className="coverage-bar">
        <View className="coverage-bar__fill" style={{ width: `${Math.round(g.share * 100)}%` }} />
      </View>
      <View className="coverage-row__figures">
        <Text className="coverage-row__share">{shareLabel(g.share)}</Text>
        <Text className="coverage-row__visited">
          已走访 {g.visited}/{g.enterprises} 家 · {g.visits} 次
        </Text>
        <Text className={`coverage-row__problems ${g.openProblems ? 'coverage-row__problems--open' : ''}`}>待解决问题 {g.openProblems}</Text>
      </View>
      {g.unvisited.length ? <Text className="coverage-row__todo">待走访：{g.unvisited.map((u) => u.name).join('、')}</Text> : null}
    </View>
  );
}
