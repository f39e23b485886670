import { Text, View } from '@tarojs/components';
import type { TicketCommonIssue } from '@whistle/shared';
import { formatDateTime } from '../../lib/format';
import { go } from '../../lib/nav';
import { Btn, Chip } from '../ui';

/**
 * A ticket linked to a common issue (已纳入共性问题统一解决): its title, lead unit and target date, and
 * 已解决 with the day once solved. Read from the ticket's own `commonIssue` field (an owner may not read
 * the record); staff get a link to the common issue's page.
 */
export function CommonIssueBanner(props: { link: TicketCommonIssue | undefined; canOpen: boolean }) {
  const ci = props.link;
  if (!ci) return null;
  return (
    <View className={`card ci-banner ${ci.solvedAt ? 'ci-banner--solved' : ''}`} data-issue={ci.id}>
      <View className="ci-banner__top">
        <Text className="ci-banner__head">已纳入共性问题统一解决</Text>
        {ci.solvedAt ? (
          <Chip tone="done" className="ci-banner__solved">
            {`已解决 · ${formatDateTime(ci.solvedAt).slice(0, 10)}`}
          </Chip>
        ) : null}
      </View>
      <Text className="ci-banner__title">{ci.title}</Text>
      <Text className="ci-banner__meta">{`牵头单位：${ci.leadUnitName} · 目标日期：${ci.targetDate}`}</Text>
      {ci.solvedAt ? null : <Text className="ci-banner__note">多家企业反映的同类问题由牵头单位统一解决，解决后将通知您并邀请评价。</Text>}
      {props.canOpen ? (
        <Btn size="small" kind="plain" className="ci-banner__open" onClick={() => go('commonIssue', { id: ci.id })}>
          查看共性问题
        </Btn>
      ) : null}
    </View>
  );
}
