import type { ReactNode } from 'react';
import { Btn, Empty, Loading } from './ui';
import type { Loaded } from '../lib/hooks';
import { errorText } from '../lib/toast';

/**
 * What a loader shows: the spinner on the first load, the failure with a
 * retry (a reload keeps the data already shown), else the content. Data
 * that is not `fresh` (loaded for another period or unit) is not shown.
 */
export function LoadState<T>(props: { loaded: Loaded<T>; what: string; fresh?: (data: T) => boolean; children: (data: T) => ReactNode }) {
  const { data, loading, error, reload } = props.loaded;
  if (data !== undefined && (props.fresh?.(data) ?? true)) return <>{props.children(data)}</>;
  if (loading) return <Loading />;
  return (
    <Empty text={`${props.what}失败`} hint={error ? errorText(error) : undefined}>
      <Btn size="small" className="load-retry" onClick={() => void reload()}>
        重试
      </Btn>
    </Empty>
  );
}
