import { Text, View } from '@tarojs/components';
import { AUDIT_TARGETS, DIRECTORY_LABELS, type AuditEntry } from '@whistle/shared';
import { useState } from 'react';
import { dirApi } from '../../../api/directory';
import { ChoiceChips } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { toastError } from '../../../lib/toast';
import { AdminPage } from '../../../console/AdminPage';
import { Pager } from '../../../console/Pager';
import { AuditList } from '../../components/audit/AuditList';

const OTHER: Record<string, string> = { TENANT: '租户', SETTINGS: '设置', INVITATION: '邀请码', BINDING: '微信绑定', IMPORT: '导入' };
const TARGETS = [{ value: '', label: '全部' }, ...AUDIT_TARGETS.map((t) => ({ value: t, label: (DIRECTORY_LABELS as Record<string, string>)[t] ?? OTHER[t] ?? t }))];

/** `YYYY-MM` of now and the five months before (Shanghai), newest first. */
export function recentMonths(now = Date.now(), n = 6): string[] {
  const d = new Date(now + 8 * 3600_000);
  return Array.from({ length: n }, (_, i) => {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
    return `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** 操作日志: a month's changes by administrators, newest first, by what was changed; each with its before and after. */
export default function Audit() {
  const months = recentMonths();
  const [month, setMonth] = useState(months[0] ?? '');
  const [target, setTarget] = useState('');
  const [more, setMore] = useState<{ items: AuditEntry[]; cursor?: string; busy: boolean }>({ items: [], busy: false });
  const first = useLoader(
    async () => {
      const r = await dirApi.audit({ month, target: target || undefined });
      setMore({ items: [], cursor: r.cursor, busy: false });
      return r;
    },
    '加载操作日志',
    { deps: [month, target] },
  );
  const loadMore = async () => {
    setMore((m) => ({ ...m, busy: true }));
    try {
      const r = await dirApi.audit({ month, target: target || undefined, cursor: more.cursor });
      setMore((m) => ({ items: [...m.items, ...r.items], cursor: r.cursor, busy: false }));
    } catch (e) {
      toastError(e, '加载操作日志');
      setMore((m) => ({ ...m, busy: false }));
    }
  };
  return (
    <AdminPage current="adminAudit" title="操作日志">
      <View className="cfilters">
        <ChoiceChips<string> options={months.map((m) => ({ value: m, label: m }))} value={month} onChange={setMonth} columns={3} className="audit-months" />
      </View>
      <View className="cfilters">
        <ChoiceChips<string> options={TARGETS} value={target} onChange={setTarget} className="audit-targets" />
      </View>
      {first.loading && !first.data ? <Text className="muted">加载中…</Text> : <AuditList items={[...(first.data?.items ?? []), ...more.items]} />}
      <Pager cursor={more.cursor} busy={more.busy} onMore={() => void loadMore()} />
    </AdminPage>
  );
}
