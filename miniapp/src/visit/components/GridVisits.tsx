import { Text, View } from '@tarojs/components';
import { localDate } from '@whistle/shared';
import { useState } from 'react';
import { visitsApi } from '../../api/visits';
import { LoadState } from '../../components/LoadState';
import { Empty } from '../../components/ui';
import { useLoader } from '../../lib/hooks';
import { go } from '../../lib/nav';
import { MonthChips } from './MonthChips';
import { VisitCard } from './VisitCard';

/** A grid's visits of a month, for those who look after the grid: the month, the grid (theirs, as coverage lists them), the visits. */
export function GridVisits() {
  const [month, setMonth] = useState(() => localDate(Date.now()).slice(0, 7));
  const [picked, setPicked] = useState<string>();
  const grids = useLoader(() => visitsApi.coverage(month), '加载网格', { deps: [month] });
  const list = grids.data?.grids ?? [];
  const gridId = picked && list.some((g) => g.gridId === picked) ? picked : list[0]?.gridId;
  const visits = useLoader(async () => (gridId ? visitsApi.list({ gridId, month, limit: 100 }) : { items: [] }), '加载网格走访', { deps: [gridId, month] });
  return (
    <View className="grid-visits">
      <MonthChips value={month} onChange={setMonth} />
      <View className="grid-chips">
        {list.map((g) => (
          <View key={g.gridId} className={`month-chip ${g.gridId === gridId ? 'month-chip--on' : ''}`} data-grid={g.gridId} onClick={() => setPicked(g.gridId)}>
            <Text>{g.gridName}</Text>
          </View>
        ))}
      </View>
      <LoadState loaded={visits} what="加载网格走访">
        {(r) =>
          r.items.length ? (
            <View className="visit-list">
              {r.items.map((v) => (
                <VisitCard key={v.id} visit={v} onTap={() => go('visitDetail', { id: v.id })} />
              ))}
            </View>
          ) : (
            <Empty text="这个月还没有走访记录" />
          )
        }
      </LoadState>
    </View>
  );
}
