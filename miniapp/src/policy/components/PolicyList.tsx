import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Btn, Empty, Loading } from '../../components/ui';
import { errorText } from '../../lib/toast';
import { go } from '../../lib/nav';
import type { PolicyPages } from '../lib/paging';
import { PolicyCardView } from './PolicyCardView';

/**
 * A page of policies and the next ones: the first load's spinner, its failure
 * with 重试, the empty state (`empty`), then the cards and 加载更多.
 */
export function PolicyList(props: { pages: PolicyPages; now: number; empty: ReactNode; showStatus?: boolean }) {
  const { first, items, cursor, loadingMore, loadMore } = props.pages;
  if (!items.length) {
    if (first.loading) return <Loading />;
    if (first.error) {
      return (
        <Empty text="政策加载失败" hint={errorText(first.error)}>
          <Btn size="small" className="load-retry" onClick={() => void first.reload()}>
            重试
          </Btn>
        </Empty>
      );
    }
    return <>{props.empty}</>;
  }
  return (
    <View className="policy-list">
      {items.map((p) => (
        <PolicyCardView key={p.id} policy={p} now={props.now} showStatus={props.showStatus} onTap={() => go('policyDetail', { id: p.id })} />
      ))}
      {cursor ? (
        <View className="list-more">
          <Btn size="small" loading={loadingMore} className="load-more" onClick={loadMore}>
            加载更多
          </Btn>
        </View>
      ) : (
        <Text className="list-end">没有更多了</Text>
      )}
    </View>
  );
}
