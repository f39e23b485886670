import type { MyPoliciesResponse } from '@whistle/shared';

export type MineItem = MyPoliciesResponse['items'][number];
export type MineTab = 'matched' | 'universal' | 'expiring';

/** 我的政策 in its three sections: 专属 and 普惠 (in the server's order: soonest to end first), and those about to end of either kind. */
export function sectionsOf(items: readonly MineItem[]): Record<MineTab, MineItem[]> {
  return {
    matched: items.filter((i) => i.match.kind === 'matched'),
    universal: items.filter((i) => i.match.kind === 'universal'),
    expiring: items.filter((i) => i.match.expiringSoon),
  };
}

export const MINE_TABS: ReadonlyArray<{ value: MineTab; label: string; empty: string; hint: string }> = [
  { value: 'matched', label: '专属', empty: '暂无专属政策', hint: '完善企业画像（资质、人数、营收）后，能匹配到更多专属政策' },
  { value: 'universal', label: '普惠', empty: '暂无普惠政策', hint: '面向全区企业的政策发布后会出现在这里' },
  { value: 'expiring', label: '即将到期', empty: '近期没有即将到期的政策', hint: '快到申报截止日的政策会出现在这里' },
];
