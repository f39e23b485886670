import { Input, View } from '@tarojs/components';
import type { Orders, Production, Situation, Staffing } from '@whistle/shared';
import { ChoiceChips, Field } from '../../components/ui';
import { ORDER_OPTIONS, PRODUCTION_OPTIONS, STAFFING_OPTIONS } from '../lib/visit';

/**
 * The enterprise's situation that week (周跟踪): production, orders, staffing
 * as three rows of chips, and a short note. Errors are the API's (or the
 * shared schema's) messages at their fields: `situation.production`…
 */
export function SituationForm(props: { value: Partial<Situation>; errors: Record<string, string>; onChange: (s: Partial<Situation>) => void }) {
  const v = props.value;
  const set = (patch: Partial<Situation>) => props.onChange({ ...v, ...patch });
  const error = (f: string) => {
    const e = props.errors[`situation.${f}`] ?? (f === 'production' ? props.errors.situation : undefined);
    return e ? { error: e } : {};
  };
  return (
    <View className="situation-form">
      <Field label="生产情况" required {...error('production')}>
        <ChoiceChips<Production> className="situation-production" options={PRODUCTION_OPTIONS} value={v.production} columns={3} onChange={(production) => set({ production })} />
      </Field>
      <Field label="订单情况" required {...error('orders')}>
        <ChoiceChips<Orders> className="situation-orders" options={ORDER_OPTIONS} value={v.orders} columns={3} onChange={(orders) => set({ orders })} />
      </Field>
      <Field label="用工情况" required {...error('staffing')}>
        <ChoiceChips<Staffing> className="situation-staffing" options={STAFFING_OPTIONS} value={v.staffing} columns={3} onChange={(staffing) => set({ staffing })} />
      </Field>
      <Field label="近况说明" {...error('note')}>
        <Input
          className="input situation-note"
          value={v.note ?? ''}
          maxlength={200}
          placeholder="选填，如：订单排到春节后"
          onInput={(e) => set({ note: e.detail.value })}
        />
      </Field>
    </View>
  );
}
