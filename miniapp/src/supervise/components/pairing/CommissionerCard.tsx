import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PairingsResponse } from '@whistle/shared';
import { Avatar, Btn, Chip } from '../../../components/ui';

type Pairing = PairingsResponse['commissioners'][number];

/** One commissioner (亲清特使) with the enterprises they serve: tap one to unpair it, or pair more. */
export function CommissionerCard(props: { pairing: Pairing; onMore: () => void; onUnpair: (enterpriseId: string, name: string) => void }) {
  const c = props.pairing;
  const unpair = async (id: string, name: string) => {
    const ok = await Taro.showModal({ title: '解除结对', content: `解除「${c.name}」与「${name}」的结对？` });
    if (ok.confirm) props.onUnpair(id, name);
  };
  return (
    <View className="card commissioner-card" data-user={c.userId}>
      <View className="commissioner-card__head">
        <Avatar name={c.name} tone="blue" small />
        <View className="commissioner-card__main">
          <Text className="commissioner-card__name">{c.name}</Text>
          <Text className="muted">{[c.unitName ?? c.title, c.phone].filter(Boolean).join(' · ')}</Text>
        </View>
        <Text className="commissioner-card__count">{c.enterprises.length} 家</Text>
      </View>
      <View className="commissioner-card__ents">
        {c.enterprises.map((e) => (
          <View key={e.id} className="commissioner-card__ent" onClick={() => void unpair(e.id, e.name)}>
            <Text>{e.name}</Text>
            {e.key ? <Chip tone="warn">重点</Chip> : null}
          </View>
        ))}
      </View>
      <Btn size="small" className="pair-more" onClick={props.onMore}>
        结对更多企业
      </Btn>
    </View>
  );
}
