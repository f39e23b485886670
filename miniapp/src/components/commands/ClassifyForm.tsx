import { CLASS_LABELS, TICKET_CLASSES, type TicketClass } from '@whistle/shared';
import { useState } from 'react';
import { ChoiceChips, Field } from '../ui';
import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

const HINTS: Record<TicketClass, string> = {
  common: '多家企业反映的同类问题',
  individual: '本企业自身的具体问题',
  key: '需领导领办、多部门协同',
};
const OPTIONS = TICKET_CLASSES.map((value) => ({ value, label: CLASS_LABELS[value], hint: HINTS[value] }));

/** 问题分类: 共性 / 个性 / 重点, with the reason (shown on the timeline). */
export function ClassifyForm(props: FormProps<'classify'>) {
  const current = props.ctx.ticket.classification?.class;
  const [cls, setCls] = useState<TicketClass | undefined>(current);
  return (
    <TextCommandForm
      type="classify"
      label="分类理由"
      placeholder="说明为什么这样分类"
      toRequest={(reason) => (cls ? buildRequest('classify', { class: cls, reason }) : { error: '请选择分类' })}
      submit={props.submit}
    >
      <Field label="分类" required>
        <ChoiceChips options={OPTIONS} value={cls} onChange={setCls} columns={3} />
      </Field>
    </TextCommandForm>
  );
}
