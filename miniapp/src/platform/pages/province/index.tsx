import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { platformApi } from '../../../api/platform';
import { LoadState } from '../../../components/LoadState';
import { PeriodPicker } from '../../../components/PeriodPicker';
import { ChoiceChips } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { currentPeriod, periodLabel } from '../../../lib/periods';
import { PlatformPage } from '../../../console/AdminPage';
import { DistrictTable, sortDistricts, SORTS, type SortKey } from '../../components/DistrictTable';

/** 全省概览 (province, read-only): every district's volume, rates and service index in a period; the slowest highlighted. */
export default function Province() {
  const [period, setPeriod] = useState(() => currentPeriod('month'));
  const [sort, setSort] = useState<SortKey>('index');
  const overview = useLoader(() => platformApi.province(period), '加载全省概览', { deps: [period] });
  return (
    <PlatformPage role="province" current="provinceOverview" title="全省概览">
      <PeriodPicker value={period} onChange={setPeriod} />
      <LoadState loaded={overview} what="加载全省概览" fresh={(d) => d.period === period}>
        {(d) => {
          const slow = new Set(d.slowest.map((s) => s.tenantId));
          return (
            <View className="province">
              <View className="ccard">
                <Text className="ccard__title">
                  {d.province.name} · {periodLabel(d.period)} · {d.districts.length} 个区县
                </Text>
                {d.slowest.length ? (
                  <Text className="kv province-slowest">
                    认领最慢：{d.slowest.map((s) => `${s.name}（平均 ${s.avgClaimHours.toFixed(1)} 小时）`).join('、')}
                  </Text>
                ) : null}
              </View>
              <View className="cfilters">
                <Text className="muted">排序</Text>
                <ChoiceChips<SortKey> options={SORTS} value={sort} columns={3} onChange={setSort} />
              </View>
              <DistrictTable districts={sortDistricts(d.districts, sort)} slowest={slow} />
            </View>
          );
        }}
      </LoadState>
    </PlatformPage>
  );
}
