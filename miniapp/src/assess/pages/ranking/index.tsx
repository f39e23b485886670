import { Text, View } from '@tarojs/components';
import { LABELS, type UnitTrack } from '@whistle/shared';
import { useState } from 'react';
import { assessApi } from '../../../api/assessment';
import { Empty, Loading, Section } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { go } from '../../../lib/nav';
import { currentUser, getMe } from '../../../lib/session';
import { Chart } from '../../components/Chart';
import { LoadState } from '../../../components/LoadState';
import { PeriodPicker } from '../../../components/PeriodPicker';
import { HonorLists, RankBars, rankRows } from '../../components/RankBars';
import { TrackSwitch } from '../../components/TrackSwitch';
import { mayOpenUnit, seesAssessment, seesScheme } from '../../lib/access';
import { currentPeriod, periodLabel, trendPeriods } from '../../../lib/periods';
import { schemeLabel } from '../../lib/scheme';
import { rankingTrend, trendUnits } from '../../lib/trend';
import '../../assess.scss';

/** 助企服务指数: every unit of a track ranked in a period, the red and black lists, and the leaders' trend. */
export default function Ranking() {
  const me = currentUser();
  const own = me?.unitId;
  const [period, setPeriod] = useState(() => currentPeriod('quarter'));
  const [track, setTrack] = useState<UnitTrack>(() => getMe()?.unit?.track ?? 'department');
  const ranking = useLoader(() => assessApi.ranking(period, track), '加载指数排名', { deps: [period, track] });
  // the periods before this one, for the trend (the current one is the ranking itself)
  const before = trendPeriods(period).slice(0, -1);
  const past = useLoader(() => Promise.all(before.map((p) => assessApi.ranking(p, track))), '加载指数趋势', { deps: [period, track] });
  // the scheme that scored the period, for those who may read it (考核方案 v3（2026-12 起）)
  const schemes = useLoader(() => (seesScheme(me) ? assessApi.scheme() : Promise.resolve(undefined)), '加载考核方案', { reloadOnShow: false });
  const fresh = (d: { period: string; tracks: Array<{ track: UnitTrack }> }, p: string) => d.period === p && d.tracks.every((t) => t.track === track);

  if (!seesAssessment(me)) return <Empty text="无权查看考核结果" hint="考核结果向各单位和督办人员公开" />;
  return (
    <View className="page assess-ranking">
      <PeriodPicker value={period} onChange={setPeriod} />
      <TrackSwitch value={track} onChange={setTrack} />
      <LoadState loaded={ranking} what="加载指数排名" fresh={(d) => fresh(d, period)}>
        {(data) => {
          const rows = rankRows(data.tracks[0], own);
          const pastData = past.data && past.data.length === before.length && past.data.every((d, i) => fresh(d, before[i] ?? '')) ? past.data : undefined;
          return (
            <View>
              <Text className="page-caption">
                {periodLabel(period)} · {LABELS.track[track]}赛道{data.ended ? '' : ' · 本期尚未结束，数据实时更新'}
              </Text>
              {seesScheme(me) ? (
                <Text className="scheme-link" onClick={() => go('assessScheme', { version: String(data.schemeVersion) })}>
                  {`${schemeLabel(data.schemeVersion, schemes.data?.versions)} ›`}
                </Text>
              ) : null}
              <Section title="红黑榜">
                <HonorLists rows={rows} />
              </Section>
              <Section title="指数排名" extra={<Text className="muted">满分 100</Text>}>
                <RankBars rows={rows} canOpen={(id) => mayOpenUnit(me, id)} onOpen={(r) => go('assessUnit', { unitId: r.unitId, period })} />
              </Section>
              <Section title="指数趋势（前三名与本单位）">
                {pastData ? (
                  <Chart data={rankingTrend([...pastData, data], track, trendUnits(data, track, own))} empty="暂无趋势数据" />
                ) : past.loading ? (
                  <Loading />
                ) : (
                  <Empty text="趋势加载失败" hint="下拉刷新重试" />
                )}
              </Section>
            </View>
          );
        }}
      </LoadState>
    </View>
  );
}
