import { Text, View } from '@tarojs/components';
import type { PolicySuggestion } from '@whistle/shared';
import { Btn } from '../../components/ui';

/**
 * While the owner writes a request: the policies that may already answer it
 * ("相关政策，或许能直接解答"), each with the words it matched on, 查看, and
 * "已解决，不再提交" for the owner who found the answer there.
 */
export function SuggestionPanel(props: {
  items: readonly PolicySuggestion[];
  onOpen: (policyId: string) => void;
  onAnswered: (s: PolicySuggestion) => void;
  /** the policy whose "已解决" is being sent */
  busyId?: string | undefined;
}) {
  if (!props.items.length) return null;
  return (
    <View className="suggest" ariaLabel="相关政策推荐">
      <Text className="suggest__title">相关政策，或许能直接解答</Text>
      <Text className="suggest__hint">看看这些政策是否已说明您的问题；解决不了再提交诉求。</Text>
      {props.items.map((s) => (
        <View key={s.policy.id} className="suggest__item" data-policy={s.policy.id}>
          <Text className="suggest__name">{s.policy.title}</Text>
          <Text className="suggest__summary">{s.policy.summary}</Text>
          {s.words.length ? <Text className="suggest__words">匹配：{s.words.join('、')}</Text> : null}
          <Text className="suggest__contact">
            {s.policy.unitName} · 首问负责人 {s.contact.name} {s.contact.phone}
          </Text>
          <View className="suggest__actions">
            <Btn size="small" className="suggest-open" onClick={() => props.onOpen(s.policy.id)} a11yLabel={`查看政策：${s.policy.title}`}>
              查看
            </Btn>
            <Btn
              size="small"
              kind="primary"
              className="suggest-answered"
              loading={props.busyId === s.policy.id}
              disabled={!!props.busyId && props.busyId !== s.policy.id}
              onClick={() => props.onAnswered(s)}
              a11yLabel={`政策“${s.policy.title}”已解决我的问题，不再提交诉求`}
            >
              已解决，不再提交
            </Btn>
          </View>
        </View>
      ))}
    </View>
  );
}
