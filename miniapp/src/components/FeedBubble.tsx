import { Text, View } from '@tarojs/components';
import { COMMANDS, LABELS, type FeedCard } from '@whistle/shared';
import type { ClaimOutcome } from '../lib/claim';
import { feedClock, formatTime } from '../lib/format';
import { ClockChip, StatusChip } from './TicketCard';
import { Avatar, Btn, Chip } from './ui';

export type ClaimState = { kind: 'pending' } | ClaimOutcome;

/**
 * A request as a chat bubble in a group: the enterprise "speaks", the card
 * shows category, time and the claim clock, and a 认领 button while it waits.
 */
export function FeedBubble(props: {
  card: FeedCard;
  now?: number;
  claim?: ClaimState;
  canClaim: boolean;
  myUnitId?: string;
  onClaim: (card: FeedCard) => void;
  onOpen: (card: FeedCard) => void;
}) {
  const { card, claim } = props;
  const now = props.now ?? Date.now();
  const clock = feedClock(card, now);
  const pending = claim?.kind === 'pending';
  const won = claim?.kind === 'won' || (!!props.myUnitId && card.handlingUnitId === props.myUnitId);
  const lost = claim?.kind === 'lost' ? claim : undefined;
  const waiting = card.status === 'published' && !won && !lost;

  return (
    <View className="bubble-row" data-ticket={card.ticketId}>
      <Avatar name={card.enterpriseName} tone={card.priority === 'urgent' ? 'orange' : 'blue'} />
      <View className="bubble-col">
        <View className="bubble-name">
          <Text>{card.enterpriseName}</Text>
          <Text className="bubble-time">{formatTime(card.publishedAt, now)}</Text>
        </View>
        <View className={`bubble feed-card ${waiting ? 'feed-card--open' : ''}`}>
          <View className="feed-card__tags" onClick={() => props.onOpen(card)}>
            <Chip tone="info" className="chip--outline">
              {LABELS.category[card.category]}
            </Chip>
            {card.priority === 'urgent' ? <Chip tone="danger">紧急</Chip> : null}
            <StatusChip status={card.status} />
            <Text className="feed-card__no">{card.number}</Text>
          </View>
          <View className="feed-card__title" onClick={() => props.onOpen(card)}>
            <Text>{card.title}</Text>
          </View>
          {clock && waiting ? (
            <View className="feed-card__clock">
              <ClockChip clock={clock} />
            </View>
          ) : null}
          <View className="feed-card__foot">
            {lost ? (
              <Text className="feed-card__result feed-card__result--lost">{lost.message}</Text>
            ) : won ? (
              <Text className="feed-card__result feed-card__result--won">
                {claim?.kind === 'won' ? '认领成功 · 本单位办理' : '本单位办理中'}
              </Text>
            ) : card.handlingUnitName ? (
              <Text className="feed-card__result">已由 {card.handlingUnitName} 认领</Text>
            ) : claim?.kind === 'error' ? (
              <Text className="feed-card__result feed-card__result--error">{claim.message}</Text>
            ) : (
              <Text className="feed-card__result muted">等待成员单位认领</Text>
            )}
            {waiting && props.canClaim ? (
              <Btn kind="primary" size="small" loading={pending} onClick={() => props.onClaim(card)} className="claim-btn">
                {pending ? '认领中' : COMMANDS.claim.label}
              </Btn>
            ) : (
              <Btn kind="plain" size="small" onClick={() => props.onOpen(card)}>
                {won ? '去办理' : '查看'}
              </Btn>
            )}
          </View>
        </View>
      </View>
    </View>
  );
}
