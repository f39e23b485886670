import { Text, View } from '@tarojs/components';
import type { AssessmentScheme } from '@whistle/shared';
import { Chip } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { newestFirst, schemeSince, versionStatus } from '../lib/scheme';

/**
 * Every version of the scheme, newest first, with the month it applies from
 * and whether it is the one in force or still to come; a tap shows it.
 */
export function SchemeVersions(props: { versions: readonly AssessmentScheme[]; current: AssessmentScheme; selected: number; onSelect: (version: number) => void }) {
  return (
    <View className="records scheme-versions">
      {newestFirst(props.versions).map((v) => {
        const status = versionStatus(v, props.current);
        return (
          <View
            key={v.version}
            className={`record scheme-version ${v.version === props.selected ? 'scheme-version--on' : ''}`}
            data-version={String(v.version)}
            onClick={() => props.onSelect(v.version)}
          >
            <View className="record__top">
              <Text className="record__title">{`v${v.version} · ${schemeSince(v)}`}</Text>
              {status ? <Chip tone={status === '当前执行' ? 'ok' : 'info'}>{status}</Chip> : null}
            </View>
            <Text className="record__meta">{v.createdBy === 'system' ? '系统默认方案' : `设立于 ${formatDateTime(v.createdAt)}`}</Text>
          </View>
        );
      })}
    </View>
  );
}
