import { Text } from '@tarojs/components';
import { LABELS, ROLES, ROLES_ADMIN_MAY_NOT_GRANT } from '@whistle/shared';
import type { DirRecord } from '../../../api/directory';
import { Chip } from '../../../components/ui';
import type { Column } from '../../../console/Table';
import type { FieldSpec } from '../../../console/form/spec';
import { BindingCard } from '../../components/directory/BindingCard';
import { DirectoryPage } from '../../components/directory/DirectoryPage';
import { useRefs } from '../../lib/useRefs';

type User = DirRecord<'USER'>;
const ROLE_OPTIONS = ROLES.filter((r) => !ROLES_ADMIN_MAY_NOT_GRANT.includes(r)).map((r) => ({ value: r, label: LABELS.role[r] }));

/** 用户与角色: everyone of the tenant, their roles, unit or enterprise, and whether their WeChat is bound. */
export default function Users() {
  const refs = useRefs();
  const columns: ReadonlyArray<Column<User>> = [
    { key: 'name', title: '姓名', render: (u) => <Text className="user-name">{u.name}</Text> },
    { key: 'id', title: '账号', render: (u) => <Text className="mono">{u.id}</Text> },
    { key: 'roles', title: '角色', render: (u) => <Text>{u.roles.map((r) => LABELS.role[r]).join('、')}</Text> },
    { key: 'where', title: '单位 / 企业', render: (u) => <Text>{u.unitId ? refs.name(u.unitId) : (u.enterpriseId ?? '—')}</Text> },
    { key: 'phone', title: '电话', render: (u) => <Text>{u.phone ?? '—'}</Text> },
    { key: 'wechat', title: '微信', render: (u) => <Chip tone={u.wechatBound ? 'ok' : 'muted'}>{u.wechatBound ? '已绑定' : '未绑定'}</Chip> },
  ];
  const specs = (): FieldSpec[] => [
    { kind: 'text', path: 'id', label: '账号', required: true, readOnlyWhenEditing: true, placeholder: '如 officer-swj-2' },
    { kind: 'text', path: 'name', label: '姓名', required: true },
    { kind: 'multi', path: 'roles', label: '角色', required: true, options: ROLE_OPTIONS },
    { kind: 'choice', path: 'unitId', label: '所属单位', options: refs.units, optional: true },
    { kind: 'text', path: 'enterpriseId', label: '所属企业（统一社会信用代码）' },
    { kind: 'text', path: 'phone', label: '手机号' },
    { kind: 'text', path: 'title', label: '职务' },
  ];
  return (
    <DirectoryPage
      type="USER"
      page="adminUsers"
      title="用户与角色"
      what="用户"
      columns={columns}
      specs={specs}
      blank={() => ({ id: '', name: '', roles: [] })}
      describe={(u) => `${String(u.name)}（${String(u.id)}）`}
      filter={{ param: 'role', label: '角色', options: ROLE_OPTIONS }}
      extra={(u) => <BindingCard key={u.id} userId={u.id} name={u.name} bound={u.wechatBound} />}
    />
  );
}
