import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ManualScoreBody } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { assessApi } from '../../../api/assessment';
import { Sheet } from '../../../components/Sheet';
import { Btn, Empty, Section } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { go, openTicket } from '../../../lib/nav';
import { currentUser } from '../../../lib/session';
import { toastOk } from '../../../lib/toast';
import { Chart } from '../../components/Chart';
import { LoadState } from '../../../components/LoadState';
import { PeriodPicker } from '../../../components/PeriodPicker';
import { DisputeList, ManualEntries } from '../../components/Records';
import { ScoreForm, type ScoreTarget } from '../../components/ScoreForm';
import { IndicatorList, UnitHeader } from '../../components/UnitFigures';
import { mayEnterScores } from '../../lib/access';
import { indicatorLabel } from '../../lib/figures';
import { currentPeriod, isPeriod, periodLabel } from '../../../lib/periods';
import { unitTrend } from '../../lib/trend';
import '../../assess.scss';

function UnitAssessment(props: { unitId: string; initialPeriod: string }) {
  const { unitId } = props;
  const [period, setPeriod] = useState(props.initialPeriod);
  const unit = useLoader(() => assessApi.unit(unitId, period), '加载单位考核', { deps: [unitId, period] });
  const name = unit.data?.score.unitId === unitId ? unit.data.score.unitName : undefined;
  const canEnter = mayEnterScores(currentUser());
  const [entering, setEntering] = useState<ScoreTarget | undefined>(undefined);
  const enter = async (body: ManualScoreBody) => {
    await assessApi.enterScore(body);
    setEntering(undefined);
    toastOk('评分已录入');
    // the index, the rank and the entered-score trail all change: load the unit again
    void unit.reload();
  };
  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: name });
  }, [name]);
  return (
    <View className="page assess-unit">
      <PeriodPicker value={period} onChange={setPeriod} />
      <LoadState loaded={unit} what="加载单位考核" fresh={(d) => d.period === period && d.score.unitId === unitId}>
        {(d) => (
          <View>
            <UnitHeader score={d.score} rankedOf={d.rankedOf} />
            <Text className="page-caption">
              {d.score.unitName} · {periodLabel(period)}
            </Text>
            <Section title="指数趋势">
              <Chart data={unitTrend(d.trend)} empty="暂无趋势数据" />
            </Section>
            <Section title="指标明细" extra={<Text className="muted">{canEnter ? '点指标查看诉求或录入评分' : '点指标查看计入的诉求'}</Text>}>
              <IndicatorList
                score={d.score}
                onOpen={(code) => go('assessTickets', { unitId, period, indicator: code, name: d.score.unitName })}
                onEnter={
                  canEnter
                    ? (indicator) =>
                        setEntering({
                          unitId,
                          unitName: d.score.unitName,
                          period,
                          indicator,
                          current: d.score.indicators.find((i) => i.code === indicator)?.value ?? null,
                        })
                    : undefined
                }
              />
            </Section>
            <Section title="评分录入记录">
              <ManualEntries entries={d.manualEntries} />
            </Section>
            <Section title="本期申诉">
              <DisputeList disputes={d.disputes} onOpenTicket={openTicket} empty="本期暂无申诉" />
            </Section>
          </View>
        )}
      </LoadState>
      <Sheet open={!!entering} title={entering ? `录入评分 · ${indicatorLabel(entering.indicator)}` : '录入评分'} onClose={() => setEntering(undefined)}>
        {entering ? <ScoreForm key={`${entering.period}-${entering.indicator}`} target={entering} submit={enter} /> : null}
      </Sheet>
    </View>
  );
}

/** A unit's figures in a period: its own unit by default for officers and unit leads ("本单位考核"). */
export default function UnitPage() {
  const { params } = useRouter();
  const unitId = params.unitId || currentUser()?.unitId;
  const period = isPeriod(params.period) ? params.period : currentPeriod('quarter');
  if (!unitId) {
    return (
      <Empty text="请先选择单位" hint="在指数排名中点选一个单位查看考核明细">
        <Btn size="small" onClick={() => go('assessRanking')}>
          查看指数排名
        </Btn>
      </Empty>
    );
  }
  return <UnitAssessment unitId={unitId} initialPeriod={period} />;
}
