import { Text } from '@tarojs/components';
import { LABELS } from '@whistle/shared';
import { dirApi, type DirRecord } from '../../../api/directory';
import { Chip } from '../../../components/ui';
import type { Column } from '../../../console/Table';
import type { FieldSpec } from '../../../console/form/spec';
import { CommissionerEditor, type PairedRecord } from '../../components/directory/CommissionerEditor';
import { DirectoryPage } from '../../components/directory/DirectoryPage';
import { useOfficials } from '../../lib/useOfficials';
import { labelOptions, useRefs } from '../../lib/useRefs';

type Ent = DirRecord<'ENT'>;
const INDUSTRIES = labelOptions(LABELS.industry);
const TIERS = labelOptions(LABELS.tier);

/** 企业: the district's enterprises (by credit code), their industry, tier, grid, key flag, commissioners; filtered by industry, paged. */
export default function Enterprises() {
  const refs = useRefs({ grids: true });
  const officials = useOfficials();
  const nameOf = (id: string) => officials.find((o) => o.id === id)?.name ?? id;
  const columns: ReadonlyArray<Column<Ent>> = [
    { key: 'name', title: '企业名称', render: (e) => <Text className="ent-name">{e.name}</Text> },
    { key: 'id', title: '统一社会信用代码', render: (e) => <Text className="mono">{e.id}</Text> },
    { key: 'industry', title: '行业', render: (e) => <Text>{LABELS.industry[e.industry]}</Text> },
    { key: 'tier', title: '企业类型', render: (e) => <Text>{LABELS.tier[e.tier]}</Text> },
    { key: 'grid', title: '网格', render: (e) => <Text>{refs.name(e.gridId)}</Text> },
    { key: 'key', title: '重点', render: (e) => (e.key ? <Chip tone="warn">重点企业</Chip> : <Text className="muted">—</Text>) },
    {
      key: 'commissioners',
      title: '亲清特使',
      render: (e) =>
        e.commissionerUserIds?.length ? <Text>{e.commissionerUserIds.map(nameOf).join('、')}</Text> : e.key ? <Chip tone="danger">待结对</Chip> : <Text className="muted">—</Text>,
    },
  ];
  const specs = (): FieldSpec[] => [
    { kind: 'text', path: 'id', label: '统一社会信用代码', required: true, readOnlyWhenEditing: true },
    { kind: 'text', path: 'name', label: '企业名称', required: true },
    { kind: 'choice', path: 'industry', label: '行业', required: true, options: INDUSTRIES },
    { kind: 'choice', path: 'tier', label: '企业类型', required: true, options: TIERS },
    { kind: 'choice', path: 'gridId', label: '网格', required: true, options: refs.grids },
    { kind: 'bool', path: 'key', label: '重点企业' },
    { kind: 'text', path: 'address', label: '地址' },
  ];
  return (
    <DirectoryPage
      type="ENT"
      page="adminEnterprises"
      title="企业"
      what="企业"
      columns={columns}
      specs={specs}
      blank={() => ({ id: '', name: '', key: false, ownerUserIds: [] })}
      describe={(e) => `${String(e.name)}（${String(e.id)}）`}
      filter={{ param: 'industry', label: '行业', options: INDUSTRIES }}
      extra={(e, replace) => (
        <CommissionerEditor
          key={e.id}
          enterprise={e as PairedRecord}
          officials={officials}
          save={async (ids, rev) => (await dirApi.setCommissioners(e.id, ids, rev)) as PairedRecord}
          onSaved={(saved) => replace(saved as Ent)}
        />
      )}
    />
  );
}
