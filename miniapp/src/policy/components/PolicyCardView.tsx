import { Text, View } from '@tarojs/components';
import { POLICY_LABELS, type PolicyCard, type PolicyMatch } from '@whistle/shared';
import type { ReactNode } from 'react';
import { Chip } from '../../components/ui';
import { categoryLabel, expiryOf, expiryText, levelLabel, validityText } from '../lib/words';

/**
 * A policy in a list: its category and level, title, issuing body and
 * responsible unit, validity (即将到期 when close); for an enterprise, whether
 * it is 普惠 or 专属. `children` go under it (why it matches, actions).
 */
export function PolicyCardView(props: {
  policy: PolicyCard;
  now: number;
  match?: PolicyMatch;
  /** drafts and retired ones say so (a unit's own list) */
  showStatus?: boolean;
  onTap?: () => void;
  children?: ReactNode;
}) {
  const p = props.policy;
  const expiry = expiryText(expiryOf(p, props.now, props.match));
  return (
    <View className="card policy-card" data-policy={p.id} ariaRole="link" ariaLabel={`政策：${p.title}`} onClick={props.onTap}>
      <View className="policy-card__tags">
        <Chip tone="info">{categoryLabel(p)}</Chip>
        <Chip tone="muted">{levelLabel(p)}</Chip>
        {props.match ? (
          <Chip tone={props.match.kind === 'matched' ? 'purple' : 'ok'} className="policy-card__kind">
            {POLICY_LABELS.match[props.match.kind]}
          </Chip>
        ) : null}
        {props.showStatus && p.status !== 'published' ? <Chip tone={p.status === 'draft' ? 'warn' : 'done'}>{POLICY_LABELS.status[p.status]}</Chip> : null}
        {expiry ? (
          <Chip tone="orange" className="policy-card__expiry">
            {expiry}
          </Chip>
        ) : null}
      </View>
      <Text className="policy-card__title">{p.title}</Text>
      <Text className="policy-card__meta">
        {p.issuer} · 责任单位：{p.unitName}
      </Text>
      <Text className="policy-card__validity">有效期：{validityText(p)}</Text>
      {props.children}
    </View>
  );
}
