import { Text, View } from '@tarojs/components';
import type { Policy } from '@whistle/shared';
import { useEffect, useRef } from 'react';
import { policyApi } from '../../api/policy';
import { useLoader } from '../../lib/hooks';
import { errorText } from '../../lib/toast';
import { PolicyContact } from './PolicyContact';

/**
 * On the new-request page in consultation mode (我要申报/咨询): the policy
 * asked about and its named contact, who answers the request (首问负责制).
 * `onLoaded` once the policy is there (the page names the request after it).
 */
export function ConsultHead(props: { policyId: string; onLoaded: (p: Policy) => void; onOpen: (policyId: string) => void }) {
  const loaded = useLoader(async () => (await policyApi.get(props.policyId)).policy, '加载政策', { reloadOnShow: false, deps: [props.policyId] });
  const onLoaded = useRef(props.onLoaded);
  onLoaded.current = props.onLoaded;
  const p = loaded.data;
  useEffect(() => {
    if (p) onLoaded.current(p);
  }, [p]);
  if (!p) {
    return (
      <View className="consult-head">
        <Text className="consult-head__label">政策咨询</Text>
        <Text className="muted">{loaded.loading ? '正在加载政策…' : `政策加载失败：${errorText(loaded.error)}`}</Text>
      </View>
    );
  }
  return (
    <View className="consult-head" data-policy={p.id}>
      <Text className="consult-head__label">咨询的政策</Text>
      <Text className="consult-head__title link" onClick={() => props.onOpen(p.id)}>
        {p.title}
      </Text>
      <PolicyContact contact={p.contact} unitName={p.unitName} compact />
    </View>
  );
}
