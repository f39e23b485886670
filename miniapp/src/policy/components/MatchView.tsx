import { Text, View } from '@tarojs/components';
import { POLICY_LABELS, type PolicyMatch } from '@whistle/shared';
import { Chip } from '../../components/ui';

const LEAD = {
  matched: '本企业符合这项政策的条件（专属政策）',
  universal: '面向全区企业的普惠政策，本企业可以申报',
} as const;

/** When the policy ends, for the enterprise: the server's own count of days. */
function expiryLine(m: PolicyMatch): string | undefined {
  if (m.daysLeft === undefined) return undefined;
  if (m.daysLeft < 0) return '已过期';
  if (!m.expiringSoon) return undefined;
  return m.daysLeft === 0 ? '今天到期，请尽快申报' : `即将到期：还剩 ${m.daysLeft} 天，请尽快申报`;
}

/**
 * How a policy stands for one enterprise: 普惠 or 专属, and why (one reason per
 * condition met, in the server's words). `compact`: one line under a card.
 */
export function MatchView(props: { match: PolicyMatch; compact?: boolean }) {
  const m = props.match;
  const expiry = expiryLine(m);
  if (props.compact) {
    const why = m.reasons.length ? `符合：${m.reasons.join('；')}` : '普惠政策：全区企业均可申报';
    return (
      <View className={`match match--compact match--${m.kind}`}>
        <Text className="match__why">{why}</Text>
      </View>
    );
  }
  return (
    <View className={`match match--${m.kind}`} ariaLabel={`${POLICY_LABELS.match[m.kind]}政策`}>
      <View className="match__head">
        <Chip tone={m.kind === 'matched' ? 'purple' : 'ok'} className="match__kind">
          {POLICY_LABELS.match[m.kind]}
        </Chip>
        <Text className="match__lead">{LEAD[m.kind]}</Text>
      </View>
      {m.reasons.length ? (
        <View className="match__reasons">
          <Text className="match__label">匹配原因</Text>
          {m.reasons.map((r) => (
            <Text key={r} className="match__reason">
              ✓ {r}
            </Text>
          ))}
        </View>
      ) : null}
      {expiry ? <Text className="match__expiry">{expiry}</Text> : null}
    </View>
  );
}
