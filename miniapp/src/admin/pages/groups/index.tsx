import { Text } from '@tarojs/components';
import { LABELS } from '@whistle/shared';
import type { DirRecord } from '../../../api/directory';
import type { Column } from '../../../console/Table';
import type { FieldSpec } from '../../../console/form/spec';
import { DirectoryPage } from '../../components/directory/DirectoryPage';
import { labelOptions, useRefs } from '../../lib/useRefs';

type Group = DirRecord<'GROUP'>;
const KINDS = labelOptions(LABELS.groupKind);
const INDUSTRIES = labelOptions(LABELS.industry);

/** 服务群: industry, township and key-enterprise groups, their member units and lead unit (牵头单位). */
export default function Groups() {
  const refs = useRefs();
  const columns: ReadonlyArray<Column<Group>> = [
    { key: 'name', title: '名称', render: (g) => <Text>{g.name}</Text> },
    { key: 'kind', title: '类型', render: (g) => <Text>{LABELS.groupKind[g.kind]}</Text> },
    { key: 'lead', title: '牵头单位', render: (g) => <Text>{refs.name(g.leadUnitId)}</Text> },
    { key: 'members', title: '成员单位', render: (g) => <Text>{g.memberUnitIds.map((id) => refs.name(id)).join('、')}</Text> },
  ];
  const specs = (): FieldSpec[] => [
    { kind: 'text', path: 'id', label: '编号', required: true, readOnlyWhenEditing: true },
    { kind: 'text', path: 'name', label: '名称', required: true },
    { kind: 'choice', path: 'kind', label: '类型', required: true, options: KINDS },
    { kind: 'choice', path: 'industry', label: '行业（行业群）', options: INDUSTRIES, optional: true },
    { kind: 'choice', path: 'townUnitId', label: '所属镇街（镇街群）', options: refs.townships, optional: true },
    { kind: 'multi', path: 'memberUnitIds', label: '成员单位', required: true, options: refs.units },
    { kind: 'choice', path: 'leadUnitId', label: '牵头单位', options: refs.units, optional: true },
  ];
  return (
    <DirectoryPage
      type="GROUP"
      page="adminGroups"
      title="服务群"
      what="服务群"
      columns={columns}
      specs={specs}
      blank={() => ({ id: '', name: '', kind: 'industry', memberUnitIds: [] })}
      describe={(g) => `${String(g.name)}（成员 ${Array.isArray(g.memberUnitIds) ? g.memberUnitIds.length : 0} 个单位）`}
      filter={{ param: 'kind', label: '类型', options: KINDS }}
    />
  );
}
