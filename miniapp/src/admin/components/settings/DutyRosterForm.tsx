import { Input, Text, View } from '@tarojs/components';
import type { DutyRosterResponse as RosterSchema } from '@whistle/shared';
import type * as z from 'zod/mini';
import { useState } from 'react';
import { adminApi } from '../../../api/admin';
import { Btn } from '../../../components/ui';
import { FormFooter } from '../../../components/FormFooter';
import { toastOk } from '../../../lib/toast';
import { useFieldForm } from '../../../lib/useFieldForm';
import { formatDateTime } from '../../../lib/format';
import { fromLocalText } from '../../lib/time';

type DutyRosterResponse = z.infer<typeof RosterSchema>;

interface Row {
  agentUserId: string;
  from: string;
  to: string;
}

const rowsOf = (r: DutyRosterResponse): Row[] => r.shifts.map((s) => ({ agentUserId: s.agentUserId, from: formatDateTime(s.from), to: formatDateTime(s.to) }));

/** 值班表: the after-hours desk's shifts (agent, from, to in Shanghai time), and who is on duty now. */
export function DutyRosterForm(props: { roster: DutyRosterResponse; onSaved: (r: DutyRosterResponse) => void }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(props.roster));
  const { errors, setErrors, busy, send } = useFieldForm(['shifts'], '保存值班表');
  const names = new Map(props.roster.shifts.map((s) => [s.agentUserId, s.name ?? s.agentUserId]));
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = () => {
    const shifts = rows.map((r) => ({ agentUserId: r.agentUserId.trim(), from: fromLocalText(r.from), to: fromLocalText(r.to) }));
    const bad = shifts.findIndex((s) => !s.agentUserId || !s.from || !s.to);
    if (bad >= 0) return setErrors({ fields: {}, other: `第 ${bad + 1} 班：请填写客服账号和起止时间（如 2026-06-09 18:00）` });
    return send(async () => {
      const r = await adminApi.putDutyRoster({ shifts: shifts as Array<{ agentUserId: string; from: string; to: string }> });
      setRows(rowsOf(r));
      props.onSaved(r);
      toastOk('已保存');
    });
  };
  return (
    <View className="ccard duty-roster-form">
      <Text className="ccard__title">值班表</Text>
      <Text className="kv muted">当前值班：{props.roster.onDuty.map((s) => s.name ?? s.agentUserId).join('、') || '无'}</Text>
      {rows.map((r, i) => (
        <View key={i} className="rule-row duty-row">
          <Input className="input duty-agent" value={r.agentUserId} placeholder="客服账号" onInput={(e) => set(i, { agentUserId: e.detail.value })} />
          <Text className="muted">{names.get(r.agentUserId) ?? ''}</Text>
          <Input className="input duty-from" value={r.from} placeholder="2026-06-09 18:00" onInput={(e) => set(i, { from: e.detail.value })} />
          <Text>至</Text>
          <Input className="input duty-to" value={r.to} placeholder="2026-06-10 08:30" onInput={(e) => set(i, { to: e.detail.value })} />
          <Btn size="small" kind="plain" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            删除
          </Btn>
        </View>
      ))}
      <View className="cpager">
        <Btn size="small" className="duty-add" onClick={() => setRows([...rows, { agentUserId: '', from: '', to: '' }])}>
          添加班次
        </Btn>
      </View>
      <FormFooter error={errors.fields.shifts || errors.other} busy={busy} label="保存值班表" className="duty-submit" onSubmit={() => void submit()} />
    </View>
  );
}
