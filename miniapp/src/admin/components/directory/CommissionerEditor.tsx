import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import { OptionList } from '../../../components/Sheet';
import { Btn, Chip } from '../../../components/ui';
import { currentOnConflict } from '../../../console/form/conflict';
import { errorText } from '../../../lib/toast';

/** An official who may serve (工作人员、单位负责人、县领导), as the picker lists them. */
export interface Official {
  id: string;
  name: string;
  sub?: string;
  phone?: string;
}

/** The enterprise as the editor reads it: its commissioners at the revision read. */
export interface PairedRecord extends Record<string, unknown> {
  id: string;
  name: string;
  key: boolean;
  rev: number;
  commissionerUserIds?: string[];
}

const SHOWN = 20;

/**
 * An enterprise's resident commissioners (亲清特使) in the console: who serves
 * it, remove one, add officials found by name or phone, save with the revision
 * read. A stale save shows 已被他人修改 and goes on from the record as it now
 * stands; a key enterprise's last commissioner is refused with the server's reason.
 */
export function CommissionerEditor(props: {
  enterprise: PairedRecord;
  officials: readonly Official[];
  save: (ids: string[], rev: number) => Promise<PairedRecord>;
  onSaved: (saved: PairedRecord) => void;
}) {
  const [base, setBase] = useState<PairedRecord>(props.enterprise);
  const [ids, setIds] = useState<string[]>(props.enterprise.commissionerUserIds ?? []);
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const byId = new Map(props.officials.map((o) => [o.id, o]));
  const needle = q.trim();
  const found = props.officials.filter((o) => !ids.includes(o.id) && (!needle || o.name.includes(needle) || (o.phone ?? '').includes(needle))).slice(0, SHOWN);
  const changed = JSON.stringify(ids) !== JSON.stringify(base.commissionerUserIds ?? []);
  const save = async () => {
    if (busy || !changed) return;
    setBusy(true);
    setError('');
    try {
      const saved = await props.save(ids, base.rev);
      setBase(saved);
      props.onSaved(saved);
    } catch (e) {
      const current = currentOnConflict(e) as PairedRecord | undefined;
      if (current) {
        setBase(current);
        setIds(current.commissionerUserIds ?? []);
        setError('已被他人修改：已显示最新的结对，请确认后再保存');
      } else setError(isApiError(e) && e.status === 409 ? e.message : errorText(e, '保存结对'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="ccard commissioner-editor">
      <View className="invitation-card__head">
        <Text>亲清特使</Text>
        {base.key ? <Chip tone="warn">重点企业至少一名</Chip> : null}
      </View>
      <View className="commissioner-editor__chosen">
        {ids.length ? (
          ids.map((id) => (
            <View key={id} className="commissioner-chip" data-user={id}>
              <Text>{byId.get(id)?.name ?? id}</Text>
              <Text className="commissioner-chip__remove" onClick={() => setIds(ids.filter((x) => x !== id))}>
                ✕
              </Text>
            </View>
          ))
        ) : (
          <Text className="muted commissioner-editor__none">尚未结对亲清特使</Text>
        )}
      </View>
      <Input className="input commissioner-search" value={q} placeholder="搜索工作人员姓名、手机号" onInput={(e) => setQ(e.detail.value)} />
      <OptionList options={found.map((o) => ({ value: o.id, label: o.name, ...(o.sub ? { sub: o.sub } : {}) }))} selected={[]} onToggle={(v) => setIds([...ids, v])} empty="没有找到工作人员" />
      {error ? <Text className="form-error commissioner-error">{error}</Text> : null}
      <Btn kind="primary" size="small" className="commissioner-save" loading={busy} disabled={!changed} onClick={() => void save()}>
        保存结对
      </Btn>
    </View>
  );
}
