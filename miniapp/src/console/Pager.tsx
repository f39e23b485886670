import { View } from '@tarojs/components';
import { Btn } from '../components/ui';

/** 加载更多: the next page of a cursor-paged list, while there is one. */
export function Pager(props: { cursor?: string; busy: boolean; onMore: () => void }) {
  if (!props.cursor) return null;
  return (
    <View className="cpager">
      <Btn size="small" className="pager-more" loading={props.busy} onClick={props.onMore}>
        加载更多
      </Btn>
    </View>
  );
}
