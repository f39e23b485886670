import { Text, View } from '@tarojs/components';
import { hasVisitDuties } from '@whistle/shared';
import { useState } from 'react';
import { visitsApi } from '../../../api/visits';
import { LoadState } from '../../../components/LoadState';
import { Btn, Empty, Tabs } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { go } from '../../../lib/nav';
import { hasRole } from '../../../lib/session';
import { GridVisits } from '../../components/GridVisits';
import { VisitCard } from '../../components/VisitCard';
import { useMe } from '../../lib/useMe';
import '../../visit.scss';

type Tab = 'mine' | 'grid';

/**
 * 走访记录: the visits the caller logged, newest first; for those who look
 * after grids (officers, chiefs, area leads) and the overseers, a grid's
 * visits of a month too. 新增走访 on top for whoever may log one.
 */
export default function VisitLog() {
  const me = useMe();
  const d = me?.duties;
  const overseer = !!me && hasRole(me.user, 'supervisor', 'leader', 'admin');
  const canGrid = overseer || !!d && d.officerOf.length + d.chiefOf.length + d.leadOf.length > 0;
  const canLog = !!me && (hasRole(me.user, 'supervisor') || hasVisitDuties(d));
  const [tab, setTab] = useState<Tab>('mine');
  const mine = useLoader(() => visitsApi.list({ limit: 50 }), '加载走访记录');
  return (
    <View className="page visit-log">
      {canLog ? (
        <View className="visit-log__cta">
          <Btn kind="primary" block className="visit-new" onClick={() => go('visitNew')}>
            ＋ 新增走访
          </Btn>
        </View>
      ) : null}
      {canGrid ? (
        <Tabs<Tab>
          tabs={[
            { value: 'mine', label: '我的走访' },
            { value: 'grid', label: '网格走访' },
          ]}
          value={tab}
          onChange={setTab}
        />
      ) : null}
      {tab === 'grid' ? (
        <GridVisits />
      ) : (
        <LoadState loaded={mine} what="加载走访记录">
          {(r) =>
            r.items.length ? (
              <View className="visit-list">
                {r.items.map((v) => (
                  <VisitCard key={v.id} visit={v} onTap={() => go('visitDetail', { id: v.id })} />
                ))}
                <Text className="list-end">— 共 {r.items.length} 次走访 —</Text>
              </View>
            ) : (
              <Empty text="还没有走访记录" hint={canLog ? '走访企业后，点上方「新增走访」记下情况和问题' : undefined} />
            )
          }
        </LoadState>
      )}
    </View>
  );
}
