import { Text, View } from '@tarojs/components';
import { INDICATORS, LEVEL_LABELS, type AssessmentScheme } from '@whistle/shared';
import type { ReactNode } from 'react';
import { Section } from '../../components/ui';
import { indicatorsOf, LEVELS, num } from '../lib/figures';
import { weightText } from '../lib/scheme';

/** One line of the scheme: what, and its figure. */
function Line(props: { label: string; value: string; sub?: string | undefined; code?: string }) {
  return (
    <View className="ind-row scheme-line" data-code={props.code}>
      <View className="ind-row__main">
        <Text className="ind-row__label">{props.label}</Text>
        {props.sub ? <Text className="ind-row__sub">{props.sub}</Text> : null}
      </View>
      <Text className="scheme-line__value">{props.value}</Text>
    </View>
  );
}

const Card = (props: { children: ReactNode }) => <View className="ind-list scheme-card">{props.children}</View>;

/**
 * One version of the scheme, read-only: the first-level weights with each
 * indicator's weight within its level, the notice deductions, the time
 * targets and the size of the red and black lists.
 */
export function SchemeView(props: { scheme: AssessmentScheme }) {
  const s = props.scheme;
  return (
    <View className="scheme">
      <Section title="指标权重" extra={<Text className="muted">二级权重为一级指标内的占比</Text>}>
        <Card>
          {LEVELS.map((l) => (
            <View key={l.level} className="ind-group scheme-level" data-level={l.level}>
              <View className="ind-group__head">
                <Text>{l.label}</Text>
                <Text className="ind-group__score">{`权重 ${weightText(s.levelWeights[l.level])}`}</Text>
              </View>
              {indicatorsOf(l.level).map((code) => (
                <Line key={code} code={code} label={INDICATORS[code].label} value={weightText(s.weights[code])} />
              ))}
            </View>
          ))}
        </Card>
      </Section>
      <Section title="督办扣分" extra={<Text className="muted">从指数中扣除</Text>}>
        <Card>
          {(['reminder', 'urge', 'warning'] as const).map((level) => (
            <Line key={level} code={level} label={`每张${LEVEL_LABELS[level]}单`} value={`−${num(s.deductions[level])} 分`} />
          ))}
          <Line code="cap" label="扣分上限" value={`${num(s.deductions.cap)} 分`} />
        </Card>
      </Section>
      <Section title="时限目标">
        <Card>
          <Line code="claimHours" label={INDICATORS.avgClaimHours.label} value={`${num(s.targets.claimHours)} 小时`} sub={`不超过目标得满分，${num(s.targets.claimHours * 3)} 小时及以上不得分`} />
          <Line code="resolveHours" label={INDICATORS.avgResolveHours.label} value={`${num(s.targets.resolveHours)} 小时`} sub={`不超过目标得满分，${num(s.targets.resolveHours * 3)} 小时及以上不得分`} />
        </Card>
      </Section>
      <Section title="红黑榜">
        <Card>
          <Line code="listSize" label="每个赛道各列" value={`${s.listSize} 个单位`} />
        </Card>
      </Section>
    </View>
  );
}
