import { Text, View } from '@tarojs/components';
import { RATING_LABELS, type Ticket } from '@whistle/shared';
import { formatDateTime } from '../../lib/format';
import { Chip, Section } from '../ui';

/** The result (办理结果) and, once given, the enterprise's rating. */
export function TicketResolution(props: { ticket: Ticket }) {
  const { resolution, rating } = props.ticket;
  if (!resolution) return null;
  return (
    <Section title="办理结果">
      <View className="card resolution">
        <Chip tone="done">{resolution.kind === 'answered' ? '直接解答' : '协调解决'}</Chip>
        <Text className="resolution__text">{resolution.summary}</Text>
        <Text className="muted">{formatDateTime(resolution.at)}</Text>
        {rating ? (
          <View className="rating-line">
            <Text>企业评价：</Text>
            <Chip tone={rating.score === 'unsatisfied' ? 'danger' : 'done'}>{RATING_LABELS[rating.score]}</Chip>
            {rating.comment ? <Text className="muted">{rating.comment}</Text> : null}
          </View>
        ) : null}
      </View>
    </Section>
  );
}
