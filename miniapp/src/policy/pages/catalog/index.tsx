import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { POLICY_CATEGORIES, POLICY_LEVELS } from '@whistle/shared';
import { useState } from 'react';
import { Btn, Empty } from '../../../components/ui';
import { useNow } from '../../../lib/hooks';
import { go } from '../../../lib/nav';
import { currentUser, hasRole } from '../../../lib/session';
import { PolicyFilters, type CatalogFilter } from '../../components/PolicyFilters';
import { PolicyList } from '../../components/PolicyList';
import { usePolicyPages } from '../../lib/paging';
import { oneOf } from '../../lib/words';
import '../../policy.scss';

/**
 * 政策超市: every published policy of the district, searched in Chinese and
 * filtered by category and level, a page at a time. Owners are pointed to
 * 我的政策 (the ones that fit their enterprise).
 */
export default function Catalog() {
  const now = useNow(60_000);
  const { params } = useRouter();
  const [filter, setFilter] = useState<CatalogFilter>(() => ({
    q: '',
    category: oneOf(POLICY_CATEGORIES, params.category) ? params.category : undefined,
    level: oneOf(POLICY_LEVELS, params.level) ? params.level : undefined,
  }));
  const pages = usePolicyPages({ ...(filter.q ? { q: filter.q } : {}), ...(filter.category ? { category: filter.category } : {}), ...(filter.level ? { level: filter.level } : {}) });
  const owner = hasRole(currentUser(), 'owner');
  const filtered = !!(filter.q || filter.category || filter.level);
  return (
    <View className="page policy-catalog">
      <View className="policy-hero">
        <Text className="policy-hero__title">政策超市</Text>
        <Text className="policy-hero__sub">全区惠企政策分门别类、一目了然；每项政策都有首问负责人答复咨询。</Text>
        {owner ? (
          <Text className="link policy-hero__link" onClick={() => go('policyMine')}>
            看看哪些政策适合我的企业 ›
          </Text>
        ) : null}
      </View>
      <PolicyFilters key={filter.q} value={filter} onChange={setFilter} />
      <PolicyList
        pages={pages}
        now={now}
        empty={
          <Empty text={filtered ? '没有找到符合条件的政策' : '政策超市暂无政策'} hint={filtered ? '换个说法试试，或清除筛选条件' : '各单位发布政策后会出现在这里'}>
            {filtered ? (
              <Btn size="small" className="clear-filter" onClick={() => setFilter({ q: '' })}>
                清除筛选
              </Btn>
            ) : null}
          </Empty>
        }
      />
    </View>
  );
}
