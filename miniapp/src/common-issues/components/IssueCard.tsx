import { Text, View } from '@tarojs/components';
import { COMMON_ISSUE_STATUS_LABELS, LABELS, type CommonIssue } from '@whistle/shared';
import { Chip } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { isLate, STATUS_TONE } from './IssueHead';

/** The enterprises behind a common issue, in words: up to three names, then how many more. */
export function enterprisesText(ci: Pick<CommonIssue, 'tickets'>): string {
  const names = [...new Set(ci.tickets.map((t) => t.enterpriseName))];
  return names.length > 3 ? `${names.slice(0, 3).join('、')} 等 ${names.length} 家企业` : names.join('、');
}

/** A common issue in the ledger: title, status (已超期 when late), category, lead unit, target date, the enterprises behind it. */
export function IssueCard(props: { issue: CommonIssue; now: number; onTap: () => void }) {
  const ci = props.issue;
  return (
    <View className="card ci-card" data-issue={ci.id} onClick={props.onTap}>
      <View className="ci-card__top">
        <Text className="ci-card__title">{ci.title}</Text>
        <Chip tone={STATUS_TONE[ci.status]}>{COMMON_ISSUE_STATUS_LABELS[ci.status]}</Chip>
      </View>
      <View className="ci-card__meta">
        <Chip tone="info" className="chip--outline">
          {LABELS.category[ci.category]}
        </Chip>
        {isLate(ci, props.now) ? <Chip tone="danger">已超期</Chip> : null}
        <Text className="muted">{`${ci.leadUnitName} 牵头 · ${ci.status === 'solved' && ci.solution ? `${formatDateTime(ci.solution.at).slice(0, 10)} 解决` : `目标 ${ci.targetDate}`}`}</Text>
      </View>
      <Text className="ci-card__ents">{enterprisesText(ci)}</Text>
    </View>
  );
}
