import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { INVITATION_STATUS_LABELS, INVITATION_STATUSES, LABELS, type InvitationStatus, type InvitationView } from '@whistle/shared';
import { useState } from 'react';
import { adminApi } from '../../../api/admin';
import { dirApi } from '../../../api/directory';
import { LoadState } from '../../../components/LoadState';
import { Btn, Tabs } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { toastError, toastOk } from '../../../lib/toast';
import { AdminPage } from '../../../console/AdminPage';
import { Panel } from '../../../console/Panel';
import { InvitationCard } from '../../components/invite/InvitationCard';
import { InvitationTable } from '../../components/invite/InvitationTable';
import { IssueForm, type Invitee } from '../../components/invite/IssueForm';

type Filter = InvitationStatus | 'all';
const FILTERS: ReadonlyArray<{ value: Filter; label: string }> = [{ value: 'all', label: '全部' }, ...INVITATION_STATUSES.map((s) => ({ value: s, label: INVITATION_STATUS_LABELS[s] }))];

/** the server's search over the tenant's users (name, account, phone): the first 50 */
async function searchUsers(q: string): Promise<Invitee[]> {
  const page = await dirApi.list('USER', { q: q || undefined, limit: 50 });
  return page.items.map((u) => ({ id: u.id, name: u.name, bound: u.wechatBound, sub: u.roles.map((r) => LABELS.role[r]).join('、') }));
}

/** 邀请码: issue one-time expiring codes (with QR codes) to people to bind their WeChat; the list by status; revoke. */
export default function Invitations() {
  const { params } = useRouter();
  const [filter, setFilter] = useState<Filter>('all');
  const list = useLoader(() => adminApi.invitations(filter === 'all' ? {} : { status: filter }), '加载邀请码', { deps: [filter] });
  const [issuing, setIssuing] = useState(!!params.user);
  const [issued, setIssued] = useState<InvitationView[]>([]);
  const [open, setOpen] = useState<InvitationView | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const revoke = async (inv: InvitationView) => {
    setBusy(true);
    try {
      const r = await adminApi.revokeInvitation(inv.code);
      setOpen(r.invitation);
      setIssued((now) => now.map((x) => (x.code === inv.code ? r.invitation : x)));
      toastOk('已作废');
      void list.reload();
    } catch (e) {
      toastError(e, '作废邀请码');
    } finally {
      setBusy(false);
    }
  };
  return (
    <AdminPage
      current="adminInvitations"
      title="邀请码"
      actions={
        <Btn kind="primary" size="small" className="invite-new" onClick={() => setIssuing(true)}>
          发放邀请码
        </Btn>
      }
    >
      {issued.length ? (
        <View className="invitations-issued">
          {issued.map((i) => (
            <InvitationCard key={i.code} invitation={i} busy={busy} onRevoke={() => void revoke(i)} />
          ))}
        </View>
      ) : null}
      <Tabs<Filter> tabs={FILTERS} value={filter} onChange={setFilter} />
      <LoadState loaded={list} what="加载邀请码">
        {(d) => <InvitationTable items={d.items} onOpen={setOpen} />}
      </LoadState>
      <Panel open={issuing} title="发放邀请码" onClose={() => setIssuing(false)}>
        <IssueForm
          search={searchUsers}
          preselect={params.user ? [params.user] : []}
          issue={async (body) => (await adminApi.invite(body)).items}
          onIssued={(items) => {
            setIssued(items);
            setIssuing(false);
            toastOk(`已发放 ${items.length} 个`);
            void list.reload();
          }}
        />
      </Panel>
      <Panel open={!!open} title="邀请码" onClose={() => setOpen(undefined)}>
        {open ? <InvitationCard invitation={open} busy={busy} onRevoke={() => void revoke(open)} /> : null}
      </Panel>
    </AdminPage>
  );
}
