import { Text, View } from '@tarojs/components';
import { POLICY_LABELS, type Policy, type PolicyMatch } from '@whistle/shared';
import { Chip } from '../../components/ui';
import { categoryLabel, expiryOf, expiryText, levelLabel, validityText } from '../lib/words';

/** The top of a policy's page: category, level, state, title, issuing body, unit, validity (即将到期 when close). */
export function PolicyHead(props: { policy: Policy; now: number; match?: PolicyMatch | undefined }) {
  const p = props.policy;
  const expiry = expiryText(expiryOf(p, props.now, props.match));
  return (
    <View className="policy-head">
      <View className="policy-card__tags">
        <Chip tone="info">{categoryLabel(p)}</Chip>
        <Chip tone="muted">{levelLabel(p)}</Chip>
        {p.status !== 'published' ? (
          <Chip tone={p.status === 'draft' ? 'warn' : 'done'} className="policy-head__status">
            {POLICY_LABELS.status[p.status]}
          </Chip>
        ) : null}
        {expiry ? (
          <Chip tone="orange" className="policy-head__expiry">
            {expiry}
          </Chip>
        ) : null}
      </View>
      <Text className="policy-head__title">{p.title}</Text>
      <View className="kv">
        <Text className="kv__k">发文</Text>
        <Text className="kv__v">{p.issuer}</Text>
      </View>
      <View className="kv">
        <Text className="kv__k">单位</Text>
        <Text className="kv__v">{p.unitName}（责任单位）</Text>
      </View>
      <View className="kv">
        <Text className="kv__k">有效</Text>
        <Text className="kv__v policy-head__validity">{validityText(p)}</Text>
      </View>
      {p.status === 'retired' ? (
        <Text className="policy-head__retired">已于 {p.retiredAt?.slice(0, 10) ?? ''} 下架{p.retiredReason ? `：${p.retiredReason}` : ''}</Text>
      ) : null}
    </View>
  );
}
