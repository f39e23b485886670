import { View } from '@tarojs/components';
import { useState } from 'react';
import { Empty, Tabs } from '../../components/ui';
import { go } from '../../lib/nav';
import { MINE_TABS, sectionsOf, type MineItem, type MineTab } from '../lib/mine';
import { MatchView } from './MatchView';
import { PolicyCardView } from './PolicyCardView';

/** 我的政策's sections as tabs (专属 / 普惠 / 即将到期, with their counts); each policy says why it matches. */
export function MineList(props: { items: readonly MineItem[]; now: number }) {
  const sections = sectionsOf(props.items);
  const [chosen, setChosen] = useState<MineTab | undefined>(undefined);
  const tab = chosen ?? (sections.matched.length || !sections.universal.length ? 'matched' : 'universal');
  const shown = sections[tab];
  const spec = MINE_TABS.find((t) => t.value === tab) ?? MINE_TABS[0];
  return (
    <View className="mine-list">
      <Tabs tabs={MINE_TABS.map((t) => ({ value: t.value, label: `${t.label}（${sections[t.value].length}）` }))} value={tab} onChange={setChosen} />
      <View className="mine-list__items" data-tab={tab}>
        {shown.length ? (
          shown.map((i) => (
            <PolicyCardView key={i.policy.id} policy={i.policy} match={i.match} now={props.now} onTap={() => go('policyDetail', { id: i.policy.id })}>
              <MatchView match={i.match} compact />
            </PolicyCardView>
          ))
        ) : (
          <Empty text={spec?.empty ?? '暂无政策'} hint={spec?.hint} />
        )}
      </View>
    </View>
  );
}
