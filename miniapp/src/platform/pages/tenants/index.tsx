import { Text, View } from '@tarojs/components';
import type { TenantCreatedResponse } from '@whistle/shared';
import { useRef, useState } from 'react';
import { platformApi } from '../../../api/platform';
import { LoadState } from '../../../components/LoadState';
import { Btn } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { toastOk } from '../../../lib/toast';
import { PlatformPage } from '../../../console/AdminPage';
import { Panel } from '../../../console/Panel';
import { TenantForm } from '../../components/TenantForm';
import { TenantTable } from '../../components/TenantTable';

const newKey = () => `tenant-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** 租户管理 (平台运营): every tenant with its figures; 开通租户 creates a district or a province with its first admin. */
export default function Tenants() {
  const list = useLoader(() => platformApi.tenants(), '加载租户');
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<TenantCreatedResponse | undefined>(undefined);
  // one key per filled-in form: a retry after a lost answer finds the tenant it created
  const key = useRef(newKey());
  const provinces = (list.data?.items ?? []).filter((t) => t.tenant.kind === 'province').map((t) => ({ id: t.tenant.id, name: t.tenant.name }));
  return (
    <PlatformPage
      role="operator"
      current="platformTenants"
      title="租户管理"
      actions={
        <Btn kind="primary" size="small" className="tenant-new" onClick={() => (setCreated(undefined), setOpen(true))}>
          开通租户
        </Btn>
      }
    >
      {created ? (
        <View className="ccard tenant-created">
          <Text className="ccard__title">已开通：{created.tenant.name}（{created.tenant.id}）</Text>
          <Text className="kv">
            首位管理员：{created.admin.name}（账号 {created.admin.userId}，{created.admin.phone}）
          </Text>
          {created.invitation ? (
            <Text className="kv tenant-invitation">
              微信绑定邀请码：<Text className="tenant-invitation__code">{created.invitation.display}</Text>（{created.invitation.statusLabel}，有效至 {created.invitation.expiresAt.slice(0, 10)}；扫码页面 {created.invitation.path}）
            </Text>
          ) : null}
          <Text className="kv muted">{created.signIn}</Text>
        </View>
      ) : null}
      <LoadState loaded={list} what="加载租户">
        {(d) => <TenantTable items={d.items} />}
      </LoadState>
      <Panel open={open} title="开通租户" onClose={() => setOpen(false)}>
        <TenantForm
          provinces={provinces}
          create={(body) => platformApi.createTenant(body, key.current)}
          onCreated={(r) => {
            key.current = newKey();
            setCreated(r);
            setOpen(false);
            toastOk('已开通');
            void list.reload();
          }}
        />
      </Panel>
    </PlatformPage>
  );
}
