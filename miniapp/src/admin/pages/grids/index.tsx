import { Text } from '@tarojs/components';
import { useState } from 'react';
import type { DirRecord } from '../../../api/directory';
import { Tabs } from '../../../components/ui';
import type { Column } from '../../../console/Table';
import type { FieldSpec } from '../../../console/form/spec';
import { DirectoryPage } from '../../components/directory/DirectoryPage';
import { useRefs } from '../../lib/useRefs';

type Grid = DirRecord<'GRID'>;
type Area = DirRecord<'AREA'>;
type Tab = 'GRID' | 'AREA';

const contact = (c: { name: string; phone: string }) => `${c.name} ${c.phone}`;
const contactSpecs = (path: string, label: string): FieldSpec[] => [
  { kind: 'text', path: `${path}.name`, label: `${label}姓名`, required: true },
  { kind: 'text', path: `${path}.phone`, label: `${label}电话`, required: true },
];

function Switch(props: { tab: Tab; onChange: (t: Tab) => void }) {
  return <Tabs<Tab> tabs={[{ value: 'GRID', label: '网格' }, { value: 'AREA', label: '片区' }]} value={props.tab} onChange={props.onChange} />;
}

/** 片区与网格: the areas (片区, with their lead) and the grids (网格: grid officer, area lead, grid chief; township). */
export default function Grids() {
  const [tab, setTab] = useState<Tab>('GRID');
  const refs = useRefs({ areas: true });
  if (tab === 'AREA') {
    const columns: ReadonlyArray<Column<Area>> = [
      { key: 'name', title: '片区', render: (a) => <Text>{a.name}</Text> },
      { key: 'id', title: '编号', render: (a) => <Text className="mono">{a.id}</Text> },
      { key: 'lead', title: '片区负责人', render: (a) => <Text>{contact(a.lead)}</Text> },
    ];
    return (
      <DirectoryPage
        key="AREA"
        type="AREA"
        page="adminGrids"
        title="片区与网格"
        what="片区"
        head={<Switch tab={tab} onChange={setTab} />}
        columns={columns}
        specs={() => [{ kind: 'text', path: 'id', label: '编号', required: true, readOnlyWhenEditing: true }, { kind: 'text', path: 'name', label: '名称', required: true }, ...contactSpecs('lead', '片区负责人')]}
        blank={() => ({ id: '', name: '', lead: { name: '', phone: '' } })}
        describe={(a) => String(a.name)}
      />
    );
  }
  const columns: ReadonlyArray<Column<Grid>> = [
    { key: 'name', title: '网格', render: (g) => <Text>{g.name}</Text> },
    { key: 'area', title: '片区', render: (g) => <Text>{refs.name(g.areaId)}</Text> },
    { key: 'town', title: '所属镇街', render: (g) => <Text>{refs.name(g.townUnitId)}</Text> },
    { key: 'officer', title: '网格员', render: (g) => <Text>{contact(g.officer)}</Text> },
    { key: 'areaLead', title: '片区负责人', render: (g) => <Text>{contact(g.areaLead)}</Text> },
    { key: 'chief', title: '网格总负责人', render: (g) => <Text>{contact(g.chief)}</Text> },
  ];
  const specs = (): FieldSpec[] => [
    { kind: 'text', path: 'id', label: '编号', required: true, readOnlyWhenEditing: true },
    { kind: 'text', path: 'name', label: '名称', required: true },
    { kind: 'choice', path: 'areaId', label: '片区', required: true, options: refs.areas },
    { kind: 'choice', path: 'townUnitId', label: '所属镇街', required: true, options: refs.townships },
    ...contactSpecs('officer', '网格员'),
    ...contactSpecs('areaLead', '片区负责人'),
    ...contactSpecs('chief', '网格总负责人'),
  ];
  return (
    <DirectoryPage
      key="GRID"
      type="GRID"
      page="adminGrids"
      title="片区与网格"
      what="网格"
      head={<Switch tab={tab} onChange={setTab} />}
      columns={columns}
      specs={specs}
      blank={() => ({ id: '', name: '', officer: { name: '', phone: '' }, areaLead: { name: '', phone: '' }, chief: { name: '', phone: '' } })}
      describe={(g) => String(g.name)}
      filter={{ param: 'areaId', label: '片区', options: refs.areas }}
    />
  );
}
