import { Text, View } from '@tarojs/components';
import { isPendingFinding, VISIT_LABELS, type Visit } from '@whistle/shared';
import { Chip } from '../../components/ui';
import { situationText, troubled } from '../lib/visit';

/** A visit in a list: the enterprise, the day and how, the week's situation, the findings and where they stand. */
export function VisitCard(props: { visit: Visit; onTap: () => void; showEnterprise?: boolean }) {
  const v = props.visit;
  const tickets = v.findings.filter((f) => f.ticket).length;
  const pending = v.findings.filter(isPendingFinding).length;
  return (
    <View className="card visit-card" data-visit={v.id} onClick={props.onTap}>
      <View className="visit-card__top">
        <Text className="visit-card__title">{props.showEnterprise === false ? VISIT_LABELS.kind[v.kind] : v.enterpriseName}</Text>
        <Text className="visit-card__date">{v.date}</Text>
      </View>
      <Text className="visit-card__meta">
        {props.showEnterprise === false ? '' : `${VISIT_LABELS.kind[v.kind]} · `}
        {v.visitors.map((x) => x.name).join('、')}
      </Text>
      <View className="visit-card__chips">
        <Chip tone={troubled(v.situation) ? 'warn' : 'ok'}>{situationText(v.situation)}</Chip>
        {v.findings.length ? <Chip tone="info">发现问题 {v.findings.length}</Chip> : <Chip>未发现问题</Chip>}
        {tickets ? <Chip tone="purple">转诉求 {tickets}</Chip> : null}
        {pending ? <Chip tone="orange">待解决 {pending}</Chip> : null}
      </View>
    </View>
  );
}
