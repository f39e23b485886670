import { Text, View } from '@tarojs/components';
import { localDate } from '@whistle/shared';
import { useState } from 'react';
import { policyApi } from '../../api/policy';
import { LoadState } from '../../components/LoadState';
import { ChoiceChips } from '../../components/ui';
import { useLoader } from '../../lib/hooks';

/** This month and the one before, as YYYY-MM in Shanghai. */
export function recentMonths(now: number): [string, string] {
  const [y, m] = localDate(now).slice(0, 7).split('-').map(Number) as [number, number];
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return [`${y}-${String(m).padStart(2, '0')}`, prev];
}

/** 自助解答率: of the owners who stopped at a suggestion or raised a request, the share who stopped. */
export const selfServedRate = (answered: number, raised: number): string =>
  answered + raised ? `${Math.round((answered / (answered + raised)) * 1000) / 10}%` : '—';

/**
 * How the policy supermarket answers owners (supervisor): in a month, how often
 * a suggested policy answered the owner before any request, the requests raised
 * and the policy consultations among them, and the policies that answered most.
 */
export function PolicyStatsCard() {
  const [thisMonth, lastMonth] = recentMonths(Date.now());
  const [month, setMonth] = useState(thisMonth);
  const stats = useLoader(() => policyApi.stats(month), '加载政策统计', { deps: [month] });
  return (
    <View className="card policy-stats">
      <ChoiceChips
        columns={2}
        options={[
          { value: thisMonth, label: '本月' },
          { value: lastMonth, label: '上月' },
        ]}
        value={month}
        onChange={setMonth}
      />
      <LoadState loaded={stats} what="加载政策统计" fresh={(d) => d.month === month}>
        {(d) => (
          <View>
            <View className="stats">
              <View className="stat stat--blue">
                <Text className="stat__n policy-stats__answered">{d.answered}</Text>
                <Text className="stat__l">政策直接解答</Text>
              </View>
              <View className="stat stat--green">
                <Text className="stat__n policy-stats__rate">{selfServedRate(d.answered, d.raised)}</Text>
                <Text className="stat__l">自助解答率</Text>
              </View>
              <View className="stat stat--orange">
                <Text className="stat__n policy-stats__consultations">{d.consultations}</Text>
                <Text className="stat__l">政策咨询</Text>
              </View>
            </View>
            <Text className="muted policy-stats__raised">
              同期提交诉求 {d.raised} 件，其中政策咨询 {d.consultations} 件（由政策责任单位首问负责人答复）
            </Text>
            {d.topPolicies.length ? (
              <View className="policy-stats__top">
                <Text className="muted">解答最多的政策</Text>
                {d.topPolicies.slice(0, 5).map((t) => (
                  <View key={t.policyId} className="kv">
                    <Text className="kv__v">{t.title}</Text>
                    <Text className="policy-stats__n">{t.answered} 次</Text>
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        )}
      </LoadState>
    </View>
  );
}
