import { Text } from '@tarojs/components';
import { LABELS } from '@whistle/shared';
import type { DirRecord } from '../../../api/directory';
import type { Column } from '../../../console/Table';
import type { FieldSpec } from '../../../console/form/spec';
import { DirectoryPage } from '../../components/directory/DirectoryPage';
import { labelOptions } from '../../lib/useRefs';

type Unit = DirRecord<'UNIT'>;
const TRACKS = labelOptions(LABELS.track);

const COLUMNS: ReadonlyArray<Column<Unit>> = [
  { key: 'name', title: '名称', render: (u) => <Text className="unit-name">{u.name}</Text> },
  { key: 'id', title: '编号', render: (u) => <Text className="mono">{u.id}</Text> },
  { key: 'track', title: '类别（赛道）', render: (u) => <Text>{LABELS.track[u.track]}</Text> },
  { key: 'lead', title: '负责人账号', render: (u) => <Text>{u.leadUserId ?? '—'}</Text> },
];

const specs = (): FieldSpec[] => [
  { kind: 'text', path: 'id', label: '编号', required: true, placeholder: '如 swj（字母、数字、- 和 _）', readOnlyWhenEditing: true },
  { kind: 'text', path: 'name', label: '名称', required: true, placeholder: '如 区商务委' },
  { kind: 'choice', path: 'track', label: '类别（赛道）', required: true, options: TRACKS },
  { kind: 'text', path: 'leadUserId', label: '负责人账号', placeholder: '单位负责人的用户账号（可不填）' },
];

/** 单位: the departments and townships, with their track (赛道) and lead. */
export default function Units() {
  return (
    <DirectoryPage
      type="UNIT"
      page="adminUnits"
      title="单位"
      what="单位"
      columns={COLUMNS}
      specs={specs}
      blank={() => ({ id: '', name: '', track: 'department' })}
      describe={(u) => `${String(u.name)}（${LABELS.track[u.track as Unit['track']] ?? ''}）`}
      filter={{ param: 'track', label: '类别', options: TRACKS }}
    />
  );
}
