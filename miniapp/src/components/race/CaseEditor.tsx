import { Text, View } from '@tarojs/components';
import type { RaceCaseInput, Unit } from '@whistle/shared';
import { useState } from 'react';
import { api } from '../../api';
import { useLoader } from '../../lib/hooks';
import { OptionList } from '../Sheet';
import { Btn, Field } from '../ui';
import { WriteUpForm } from './WriteUpForm';

/**
 * The candidate best-practice cases of a new race: resolved tickets picked
 * from the tenant's list, and write-ups added by hand.
 */
export function CaseEditor(props: { value: RaceCaseInput[]; units: readonly Unit[]; onChange: (v: RaceCaseInput[]) => void }) {
  const [adding, setAdding] = useState(false);
  const resolved = useLoader(() => api.tickets('supervision', { status: 'resolved', limit: 50 }), '加载已办结诉求', { reloadOnShow: false });
  const ticketIds = props.value.flatMap((c) => (c.kind === 'ticket' ? [c.ticketId] : []));
  const writeUps = props.value.flatMap((c, i) => (c.kind === 'writeUp' ? [{ c, i }] : []));

  const toggleTicket = (ticketId: string) =>
    props.onChange(
      ticketIds.includes(ticketId) ? props.value.filter((c) => c.kind !== 'ticket' || c.ticketId !== ticketId) : [...props.value, { kind: 'ticket', ticketId }],
    );

  return (
    <View className="case-editor">
      <Field label={`已办结的诉求（已选 ${ticketIds.length} 个）`}>
        <View className="form__scroll">
          <OptionList
            multi
            options={(resolved.data?.items ?? []).map((t) => ({ value: t.id, label: t.title, sub: `${t.number} · ${t.handlingUnitName ?? ''}` }))}
            selected={ticketIds}
            onToggle={toggleTicket}
            empty={resolved.loading ? '加载中…' : '暂无已办结的诉求'}
          />
        </View>
      </Field>
      <Field label={`案例材料（${writeUps.length} 个）`}>
        {writeUps.map(({ c, i }) =>
          c.kind === 'writeUp' ? (
            <View key={i} className="kv case-editor__item">
              <Text className="kv__v">
                {c.title} · {props.units.find((u) => u.id === c.unitId)?.name ?? c.unitId}
              </Text>
              <Text className="link" onClick={() => props.onChange(props.value.filter((_, j) => j !== i))}>
                删除
              </Text>
            </View>
          ) : null,
        )}
        {adding ? (
          <WriteUpForm units={props.units} onAdd={(c) => props.onChange([...props.value, c])} />
        ) : (
          <Btn size="small" kind="plain" onClick={() => setAdding(true)} className="case-editor__more">
            + 添加案例材料
          </Btn>
        )}
      </Field>
    </View>
  );
}
