import { Text, View } from '@tarojs/components';
import { INDICATORS, NOTICE_DEDUCTION, type IndicatorCode, type ManualIndicator, type UnitAssessmentResponse } from '@whistle/shared';
import { formatScore, formatValue, indicatorsOf, isManualIndicator, LEVELS, ratioText, type DrillCode } from '../lib/figures';

type Score = UnitAssessmentResponse['score'];

/** The index, the rank of N, the notice deduction and the three first-level scores. */
export function UnitHeader(props: { score: Score; rankedOf: number }) {
  const s = props.score;
  return (
    <View className="unit-head">
      <View className="unit-head__top">
        <View className="unit-head__index">
          <Text className="unit-head__value">{formatScore(s.index)}</Text>
          <Text className="unit-head__label">助企服务指数</Text>
        </View>
        <View className="unit-head__rank">
          <Text className="unit-head__rank-value">{s.rank === null ? '未排名' : `第 ${s.rank} 名`}</Text>
          <Text className="unit-head__label">{s.rank === null ? '本期暂无考核数据' : `共 ${props.rankedOf} 个单位`}</Text>
        </View>
      </View>
      <View className="unit-levels">
        {LEVELS.map((l) => (
          <View key={l.level} className={`unit-level unit-level--${l.level}`}>
            <Text className="unit-level__value">{formatScore(s.levels[l.level])}</Text>
            <Text className="unit-level__label">{l.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** A computed figure taps through to its tickets; an entered one offers 录入评分 to those who score (`onEnter`). */
function IndicatorRow(props: { code: IndicatorCode; score: Score; onOpen: (code: DrillCode) => void; onEnter?: ((code: ManualIndicator) => void) | undefined }) {
  const { code, onEnter } = props;
  const i = props.score.indicators.find((x) => x.code === code);
  const manual = isManualIndicator(code);
  const ratio = ratioText(code, i?.num, i?.den);
  return (
    <View
      className={`ind-row ${manual ? 'ind-row--manual' : 'ind-row--open'}`}
      data-code={code}
      onClick={() => {
        if (!isManualIndicator(code)) props.onOpen(code);
        else onEnter?.(code);
      }}
    >
      <View className="ind-row__main">
        <Text className="ind-row__label">{INDICATORS[code].label}</Text>
        <View className="ind-row__subline">
          <Text className="ind-row__sub">{manual ? '评估录入' : ratio ?? '本期无此项数据'}</Text>
          {manual && onEnter ? <Text className="ind-row__enter">录入评分</Text> : null}
        </View>
      </View>
      <Text className="ind-row__value">{formatValue(code, i?.value ?? null)}</Text>
      <Text className="ind-row__score">{formatScore(i?.score)}</Text>
      {!manual ? <Text className="ind-row__more">›</Text> : null}
    </View>
  );
}

/** Every indicator by first level (value, score, num/den) and the notice deduction; a computed figure taps through. */
export function IndicatorList(props: { score: Score; onOpen: (code: DrillCode) => void; onEnter?: (code: ManualIndicator) => void }) {
  const s = props.score;
  const c = s.counters;
  return (
    <View className="ind-list">
      <View className="ind-row ind-row--head">
        <Text className="ind-row__main">指标</Text>
        <Text className="ind-row__value">数值</Text>
        <Text className="ind-row__score">得分</Text>
        <Text className="ind-row__more" />
      </View>
      {LEVELS.map((l) => (
        <View key={l.level} className="ind-group">
          <View className="ind-group__head">
            <Text>{l.label}</Text>
            <Text className="ind-group__score">{formatScore(s.levels[l.level])}</Text>
          </View>
          {indicatorsOf(l.level).map((code) => (
            <IndicatorRow key={code} code={code} score={s} onOpen={props.onOpen} onEnter={props.onEnter} />
          ))}
        </View>
      ))}
      <View className="ind-row ind-row--open ind-row--deduction" data-code={NOTICE_DEDUCTION.code} onClick={() => props.onOpen('notices')}>
        <View className="ind-row__main">
          <Text className="ind-row__label">{NOTICE_DEDUCTION.label}</Text>
          <Text className="ind-row__sub">{`提醒 ${c.reminders} · 催办 ${c.urges} · 警告 ${c.warnings}`}</Text>
        </View>
        <Text className="ind-row__value">{s.deduction > 0 ? `−${formatScore(s.deduction)}` : '0'}</Text>
        <Text className="ind-row__score" />
        <Text className="ind-row__more">›</Text>
      </View>
    </View>
  );
}
