import { Text, View } from '@tarojs/components';
import type { SimilarTicket } from '@whistle/shared';
import { go } from '../../lib/nav';
import { Chip, Section } from '../ui';

/**
 * 相似诉求 (issue 14): other enterprises' open and recent requests that say the same thing, as intake found
 * them. The API sends them only to the staff of the ticket's units, the supervisor and leaders (an owner's
 * ticket never carries them), so this shows whatever the ticket has. A match already linked to a common
 * issue (属于共性问题) opens that common issue, so the unit or the supervisor can link this one there too.
 */
export function TicketSimilar(props: { similar: readonly SimilarTicket[] | undefined }) {
  const list = props.similar ?? [];
  if (list.length === 0) return null;
  return (
    <Section title={`相似诉求（${list.length} 件）`} className="similar">
      <View className="card">
        {list.map((s) => (
          <View key={s.ticketId} className="similar__row" data-ticket={s.ticketId}>
            <View className="similar__head">
              <Text className="similar__number">{s.number}</Text>
              <Text className="similar__enterprise">{s.enterpriseName}</Text>
            </View>
            <Text className="similar__title">{s.title}</Text>
            {s.commonIssueId ? (
              <View className="similar__issue" onClick={() => go('commonIssue', { id: s.commonIssueId })}>
                <Chip tone="purple">属于共性问题</Chip>
                <Text className="similar__open">查看 ›</Text>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </Section>
  );
}
