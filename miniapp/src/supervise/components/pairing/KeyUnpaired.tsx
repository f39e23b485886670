import { Text, View } from '@tarojs/components';
import type { PairingsResponse } from '@whistle/shared';
import { Btn, Chip, Section } from '../../../components/ui';

type Ent = PairingsResponse['keyUnpaired'][number];

/** The key enterprises nobody serves yet: the supervisor's first task, at the top of the page. */
export function KeyUnpaired(props: { items: readonly Ent[]; onPair: (e: Ent) => void }) {
  if (!props.items.length) {
    return (
      <View className="pairing-ok">
        <Text>每家重点企业都已结对亲清特使</Text>
      </View>
    );
  }
  return (
    <Section title={`待结对的重点企业（${props.items.length}）`} className="key-unpaired">
      {props.items.map((e) => (
        <View key={e.id} className="card pairing-row" data-enterprise={e.id}>
          <View className="pairing-row__main">
            <Text className="pairing-row__name">{e.name}</Text>
            <Chip tone="danger">缺少亲清特使</Chip>
          </View>
          <Btn kind="primary" size="small" className="pair-enterprise" onClick={() => props.onPair(e)}>
            结对
          </Btn>
        </View>
      ))}
    </Section>
  );
}
