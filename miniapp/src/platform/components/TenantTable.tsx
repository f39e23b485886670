import { Text } from '@tarojs/components';
import type { TenantSummary } from '@whistle/shared';
import { formatDateTime } from '../../lib/format';
import { DataTable, type Column } from '../../console/Table';

const KIND = { district: '区县', province: '省级', platform: '平台' } as const;

/** The deployment's tenants with a few figures each (units, enterprises, users, this month's requests). */
export function TenantTable(props: { items: readonly TenantSummary[] }) {
  const names = new Map(props.items.map((t) => [t.tenant.id, t.tenant.name]));
  const columns: ReadonlyArray<Column<TenantSummary>> = [
    { key: 'name', title: '名称', render: (t) => <Text>{t.tenant.name}</Text> },
    { key: 'id', title: '编号', render: (t) => <Text className="mono">{t.tenant.id}</Text> },
    { key: 'kind', title: '类型', render: (t) => <Text>{KIND[t.tenant.kind ?? 'district']}</Text> },
    { key: 'province', title: '所属省级', render: (t) => <Text>{t.tenant.provinceId ? (names.get(t.tenant.provinceId) ?? t.tenant.provinceId) : '—'}</Text> },
    { key: 'units', title: '单位', render: (t) => <Text>{t.figures?.units ?? '—'}</Text> },
    { key: 'enterprises', title: '企业', render: (t) => <Text>{t.figures?.enterprises ?? '—'}</Text> },
    { key: 'users', title: '用户', render: (t) => <Text>{t.figures?.users ?? '—'}</Text> },
    { key: 'tickets', title: '本月诉求', render: (t) => <Text>{t.figures?.ticketsThisMonth ?? '—'}</Text> },
    { key: 'created', title: '开通时间', render: (t) => <Text>{t.createdAt ? formatDateTime(t.createdAt) : '—'}</Text> },
  ];
  return <DataTable columns={columns} rows={props.items} rowKey={(t) => t.tenant.id} empty="还没有租户" className="tenant-table" />;
}
