import { Text, View } from '@tarojs/components';
import { localDate, monthLabel, shareLabel } from '@whistle/shared';
import { useState } from 'react';
import { visitsApi } from '../../../api/visits';
import { LoadState } from '../../../components/LoadState';
import { Empty } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { CoverageRow } from '../../components/CoverageRow';
import { MonthChips } from '../../components/MonthChips';
import '../../visit.scss';

/**
 * 走访全覆盖 (月分析): per grid of the caller's (their own, their area's,
 * every grid for the overseers), the month's share of enterprises visited as
 * a bar, visited of total, and the open problems.
 */
export default function Coverage() {
  const [month, setMonth] = useState(() => localDate(Date.now()).slice(0, 7));
  const cov = useLoader(() => visitsApi.coverage(month), '加载走访覆盖', { deps: [month] });
  return (
    <View className="page coverage-page">
      <MonthChips value={month} onChange={setMonth} />
      <LoadState loaded={cov} what="加载走访覆盖" fresh={(d) => d.month === month}>
        {(d) => (
          <View>
            <View className="card coverage-total">
              <Text className="coverage-total__label">{monthLabel(d.month)}走访覆盖率</Text>
              <Text className="coverage-total__share">{shareLabel(d.total.share)}</Text>
              <Text className="coverage-total__figures">
                {d.total.grids} 个网格 · 已走访 {d.total.visited}/{d.total.enterprises} 家企业 · 走访 {d.total.visits} 次 · 待解决问题 {d.total.openProblems}
              </Text>
            </View>
            {d.grids.length ? d.grids.map((g) => <CoverageRow key={g.gridId} grid={g} />) : <Empty text="没有可查看的网格" />}
            {d.truncated ? <Text className="muted coverage-note">未办结诉求较多，待解决问题数为下限</Text> : null}
          </View>
        )}
      </LoadState>
    </View>
  );
}
