import { Text, Textarea, View } from '@tarojs/components';
import type { DecideDisputeBody, Dispute } from '@whistle/shared';
import { useState } from 'react';
import { Field } from '../../components/ui';
import { useFieldForm } from '../../lib/useFieldForm';
import { FormFooter } from '../../components/FormFooter';
import { indicatorLabel } from '../lib/figures';

/** The supervisor's decision on a dispute: 采纳 or 驳回, with the reason (the API's messages at the field). */
export function DecideForm(props: { dispute: Dispute; accept: boolean; submit: (body: DecideDisputeBody) => Promise<void> }) {
  const d = props.dispute;
  const [reason, setReason] = useState('');
  const { errors, clear, busy, send } = useFieldForm(['reason'], props.accept ? '采纳申诉' : '驳回申诉');
  return (
    <View className="action-form decide-form">
      <Text className="dispute-form__what">
        {d.unitName} · 诉求 {d.ticketNumber} · {indicatorLabel(d.indicator)}
      </Text>
      <Text className="muted">{props.accept ? '采纳后该事项不再计入该单位考核，指数即时重算。' : '驳回后该事项照常计入考核。'}</Text>
      <Field label="处理意见" error={errors.fields.reason} required>
        <Textarea
          className="textarea decide-reason"
          value={reason}
          placeholder={props.accept ? '如：经核实，企业确有要求，予以采纳' : '如：未提供联系记录，不予采纳'}
          maxlength={500}
          autoHeight
          onInput={(e) => {
            setReason(e.detail.value);
            clear('reason');
          }}
        />
      </Field>
      <FormFooter
        error={errors.other}
        busy={busy}
        label={props.accept ? '确认采纳' : '确认驳回'}
        kind={props.accept ? 'primary' : 'warn'}
        className="decide-submit"
        onSubmit={() => void send(() => props.submit({ accept: props.accept, reason }))}
      />
    </View>
  );
}
