import { Text, View } from '@tarojs/components';
import { AUDIT_LABELS, type AuditEntry } from '@whistle/shared';
import { useState } from 'react';
import { formatDateTime } from '../../../lib/format';
import { DataTable, type Column } from '../../../console/Table';
import { Diff } from './Diff';

/** The audit trail: who, when, what (the summary), and on a row's tap its before/after. */
export function AuditList(props: { items: readonly AuditEntry[] }) {
  const [open, setOpen] = useState<string | undefined>(undefined);
  const columns: ReadonlyArray<Column<AuditEntry>> = [
    { key: 'at', title: '时间', width: '150px', render: (e) => <Text>{formatDateTime(e.at)}</Text> },
    { key: 'actor', title: '操作人', width: '110px', render: (e) => <Text>{e.actor.name}</Text> },
    { key: 'action', title: '操作', width: '90px', render: (e) => <Text>{AUDIT_LABELS[e.action]}</Text> },
    {
      key: 'summary',
      title: '内容',
      render: (e) => (
        <View>
          <Text className="audit-summary">{e.summary}</Text>
          {open === e.id ? <Diff before={e.before} after={e.after} /> : null}
        </View>
      ),
    },
  ];
  return <DataTable columns={columns} rows={props.items} rowKey={(e) => e.id} onRow={(e) => setOpen(open === e.id ? undefined : e.id)} empty="该月没有操作记录" className="audit-list" />;
}
