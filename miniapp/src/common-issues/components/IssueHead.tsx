import { Text, View } from '@tarojs/components';
import { COMMON_ISSUE_STATUS_LABELS, LABELS, type CommonIssue, type CommonIssueStatus } from '@whistle/shared';
import { ClockChip } from '../../components/TicketCard';
import { Chip, Kv } from '../../components/ui';
import { viewClocks } from '../../lib/format';

export const STATUS_TONE: Record<CommonIssueStatus, 'orange' | 'info' | 'done'> = { found: 'orange', inProgress: 'info', solved: 'done' };

/** Past its target date and not solved. */
export const isLate = (ci: Pick<CommonIssue, 'status' | 'targetAt'>, now: number): boolean => ci.status !== 'solved' && Date.parse(ci.targetAt) < now;

/** A common issue's head: title, status (已超期 when late), category, lead unit, target date and its clock, what is raised, the standing fix. */
export function IssueHead(props: { issue: CommonIssue; now: number }) {
  const ci = props.issue;
  const target = viewClocks(ci.clocks, props.now).find((c) => c.kind !== 'item');
  const enterprises = new Set(ci.tickets.map((t) => t.enterpriseId)).size;
  return (
    <View className="card ci-head">
      <View className="ci-head__top">
        <Chip tone={STATUS_TONE[ci.status]} className="ci-status">
          {COMMON_ISSUE_STATUS_LABELS[ci.status]}
        </Chip>
        {isLate(ci, props.now) ? (
          <Chip tone="danger" className="ci-late">
            已超期
          </Chip>
        ) : null}
        <Chip tone="info" className="chip--outline">
          {LABELS.category[ci.category]}
        </Chip>
      </View>
      <Text className="ci-head__title">{ci.title}</Text>
      <Text className="ci-head__summary">{ci.summary}</Text>
      <Kv k="牵头单位" className="ci-lead-unit">
        {ci.leadUnitName}
      </Kv>
      <Kv k="目标日期" className="ci-target-date">
        {ci.targetDate}
      </Kv>
      <Kv k="涉及企业">{`${enterprises} 家 · ${ci.tickets.length} 件诉求`}</Kv>
      {target && ci.status !== 'solved' ? (
        <View className="ci-head__clock">
          <ClockChip clock={target} />
        </View>
      ) : null}
      <View className="ci-fix">
        <Text className="ci-fix__label">长效机制</Text>
        <Text className="ci-fix__text">{ci.fix}</Text>
      </View>
    </View>
  );
}
