import { Text, Textarea, View } from '@tarojs/components';
import { DISPUTE_STATUS_LABELS, type Dispute, type DisputeBody } from '@whistle/shared';
import { useState } from 'react';
import { OptionList } from '../../components/Sheet';
import { Btn, Chip, Field } from '../../components/ui';
import { useFieldForm } from '../../lib/useFieldForm';
import { FormFooter } from '../../components/FormFooter';
import { drillFact, indicatorLabel, noticeLabel, type DrillCode } from '../lib/figures';

export interface DrillItem {
  ticketId: string;
  number: string;
  title: string;
  month: string;
  counters: Record<string, number>;
  noticeIds: string[];
}

/** The disputes already raised on a row's item (per notice for `notices`). */
export const disputesOf = (disputes: readonly Dispute[], code: DrillCode, item: DrillItem): Dispute[] =>
  disputes.filter((d) => d.ticketId === item.ticketId && d.indicator === code && (code !== 'notices' || item.noticeIds.includes(d.noticeId ?? '')));

/** The notices of a row not yet disputed (`notices`: each notice is disputed on its own). */
export const undisputedNotices = (mine: readonly Dispute[], item: DrillItem): string[] => item.noticeIds.filter((n) => !mine.some((d) => d.noticeId === n));

/** Whether something of the row is left to dispute (one dispute per item and unit). */
export const disputable = (mine: readonly Dispute[], code: DrillCode, item: DrillItem): boolean =>
  code === 'notices' ? undisputedNotices(mine, item).length > 0 : mine.length === 0;

/** A ticket behind a figure: number, title, its fact for the indicator; a tap opens it, 申诉 disputes it. */
export function DrillRow(props: { code: DrillCode; item: DrillItem; disputes: readonly Dispute[]; canDispute: boolean; onOpen: () => void; onDispute: () => void }) {
  const { item, code } = props;
  const fact = drillFact(code, item.counters);
  const mine = disputesOf(props.disputes, code, item);
  const open = disputable(mine, code, item);
  return (
    <View className="card drill-row" data-ticket={item.ticketId} onClick={props.onOpen}>
      <View className="drill-row__top">
        <Text className="drill-row__no">{item.number}</Text>
        <Chip tone={fact.tone === 'ok' ? 'ok' : fact.tone === 'danger' ? 'danger' : 'muted'} className="drill-row__fact">
          {fact.text}
        </Chip>
      </View>
      <Text className="drill-row__title">{item.title}</Text>
      {code === 'notices' && item.noticeIds.length ? <Text className="drill-row__notices">{item.noticeIds.map(noticeLabel).join('、')}</Text> : null}
      {mine.length || props.canDispute ? (
        <View className="card-actions" onClick={(e) => e.stopPropagation()}>
          {mine.map((d) => (
            <Chip key={d.id} tone={d.status === 'open' ? 'warn' : d.status === 'accepted' ? 'ok' : 'muted'} className="drill-row__disputed">
              {`已申诉${d.noticeId ? `（${noticeLabel(d.noticeId)}）` : ''} · ${DISPUTE_STATUS_LABELS[d.status]}`}
            </Chip>
          ))}
          {props.canDispute && open ? (
            <Btn size="small" kind="plain" className="dispute-btn" onClick={props.onDispute}>
              申诉
            </Btn>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

/** The dispute form: which notice (for `notices`), the reason; the API's messages shown at the field. */
export function DisputeForm(props: { code: DrillCode; item: DrillItem; noticeIds: readonly string[]; submit: (body: DisputeBody) => Promise<void> }) {
  const { code, item } = props;
  const [reason, setReason] = useState('');
  const [noticeId, setNoticeId] = useState<string | undefined>(props.noticeIds[0]);
  const { errors, clear, busy, send } = useFieldForm(['reason', 'noticeId'], '提交申诉');
  const onSubmit = () => send(() => props.submit({ ticketId: item.ticketId, indicator: code, ...(code === 'notices' && noticeId ? { noticeId } : {}), reason }));
  return (
    <View className="action-form dispute-form">
      <Text className="dispute-form__what">
        {item.number} · {indicatorLabel(code)} · {drillFact(code, item.counters).text}
      </Text>
      {code === 'notices' ? (
        <Field label="申诉的督办单" error={errors.fields.noticeId} required>
          <OptionList options={props.noticeIds.map((n) => ({ value: n, label: noticeLabel(n) }))} selected={noticeId ? [noticeId] : []} onToggle={setNoticeId} empty="该诉求的督办单都已申诉" />
        </Field>
      ) : null}
      <Field label="申诉理由" error={errors.fields.reason} required>
        <Textarea className="textarea dispute-reason" value={reason} placeholder="说明该事项不应计入本单位考核的理由，如企业原因、非本单位职责等" maxlength={500} autoHeight onInput={(e) => {
            setReason(e.detail.value);
            clear('reason');
          }} />
      </Field>
      <FormFooter error={errors.other} busy={busy} label="提交申诉" className="dispute-submit" onSubmit={() => void onSubmit()} />
    </View>
  );
}
