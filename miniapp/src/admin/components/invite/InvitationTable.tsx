import { Text } from '@tarojs/components';
import type { InvitationView } from '@whistle/shared';
import { Chip } from '../../../components/ui';
import { formatDateTime } from '../../../lib/format';
import { DataTable, type Column } from '../../../console/Table';
import { STATUS_TONE } from './InvitationCard';

const COLUMNS: ReadonlyArray<Column<InvitationView>> = [
  { key: 'user', title: '用户', render: (i) => <Text>{i.userName}</Text> },
  { key: 'code', title: '邀请码', render: (i) => <Text className="mono">{i.display}</Text> },
  { key: 'status', title: '状态', render: (i) => <Chip tone={STATUS_TONE[i.status]}>{i.statusLabel}</Chip> },
  { key: 'issued', title: '发放时间', render: (i) => <Text>{formatDateTime(i.issuedAt)}</Text> },
  { key: 'expires', title: '有效期至', render: (i) => <Text>{formatDateTime(i.expiresAt)}</Text> },
  { key: 'used', title: '使用/作废', render: (i) => <Text>{formatDateTime(i.usedAt ?? i.revokedAt)}</Text> },
];

/** The tenant's invitations, newest first; a row opens its QR code. */
export function InvitationTable(props: { items: readonly InvitationView[]; onOpen: (i: InvitationView) => void }) {
  return <DataTable columns={COLUMNS} rows={props.items} rowKey={(i) => i.code} onRow={props.onOpen} empty="还没有发放邀请码" className="invitation-table" />;
}
