import { Text, View } from '@tarojs/components';
import { MIN_RANKED_TICKETS } from '@whistle/shared';
import { useState } from 'react';
import { analysisApi } from '../../../api/analysis';
import { LoadState } from '../../../components/LoadState';
import { Btn, Empty, Section } from '../../../components/ui';
import { downloadFile } from '../../../lib/download';
import { useLoader } from '../../../lib/hooks';
import { currentPeriod } from '../../../lib/periods';
import { currentUser } from '../../../lib/session';
import { toastError } from '../../../lib/toast';
import { Chart } from '../../components/Chart';
import { CommonIssuesCard } from '../../components/analysis/CommonIssuesCard';
import { Headlines } from '../../components/analysis/Headlines';
import { MonthPicker } from '../../components/analysis/MonthPicker';
import { SatisfactionCard } from '../../components/analysis/SatisfactionCard';
import { SlowUnits } from '../../components/analysis/SlowUnits';
import { TownshipTable } from '../../components/analysis/TownshipTable';
import { seesAnalysis } from '../../lib/access';
import { categoryChart, headlines, monthLabel, pickableMonths, trendChart } from '../../lib/analysis';
import '../../assess.scss';

/** 月度分析: a month's requests by category and township, the trend, hot spots, the slowest units, satisfaction, common issues; an .xlsx of it. */
export default function Analysis() {
  const me = currentUser();
  // the last full month first: the current one is a tap away
  const [month, setMonth] = useState(() => pickableMonths()[1] ?? currentPeriod('month'));
  const [downloading, setDownloading] = useState(false);
  const loaded = useLoader(() => analysisApi.monthly(month), '加载月度分析', { deps: [month] });

  if (!seesAnalysis(me)) return <Empty text="无权查看月度分析" hint="月度分析供督办人员、县领导和管理员查看" />;
  const download = () => {
    setDownloading(true);
    downloadFile(analysisApi.exportPath(month), `月度分析-${month}.xlsx`)
      .catch((e: unknown) => toastError(e, '下载月度分析'))
      .finally(() => setDownloading(false));
  };
  return (
    <View className="page assess-analysis">
      <MonthPicker value={month} onChange={setMonth} />
      <LoadState loaded={loaded} what="加载月度分析" fresh={(d) => d.month === month}>
        {(a) => (
          <View>
            <View className="analysis-caption">
              <Text className="page-caption">{`${a.label}${a.complete ? ' · 月末口径' : ' · 本月尚未结束，数据实时更新'}`}</Text>
              <Btn size="small" className="analysis-download" loading={downloading} onClick={download}>
                下载 Excel
              </Btn>
            </View>
            <Headlines items={headlines(a)} previousLabel={a.previous ? monthLabel(a.previous.month).replace(/^\d+年/, '') : undefined} />
            <Section title="按类别">
              <Chart data={categoryChart(a)} empty="本月暂无诉求" />
            </Section>
            <Section title="近月趋势">
              <Chart data={trendChart(a)} empty="暂无趋势数据" />
            </Section>
            <Section title="按镇街（热点标红）">
              <TownshipTable rows={a.byTownship} hotSpots={a.hotSpots} />
            </Section>
            <Section title="办理最慢的单位">
              <SlowUnits units={a.slowestUnits} minTickets={MIN_RANKED_TICKETS} />
            </Section>
            <Section title="满意度">
              <SatisfactionCard value={a.satisfaction} />
            </Section>
            <Section title="共性问题">
              <CommonIssuesCard value={a.commonIssues} />
            </Section>
          </View>
        )}
      </LoadState>
    </View>
  );
}
