import { useState } from 'react';
import { ItemPicker } from './ItemPicker';
import { DueDateField } from './PlanItemFields';
import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

/** 调整事项时限 (supervisor): an open item's new due date and why; its ladder starts again. */
export function ItemDueForm(props: FormProps<'itemDue'>) {
  const { ticket, focusItemId } = props.ctx;
  const open = (ticket.plan?.items ?? []).filter((i) => i.status === 'open');
  const [itemId, setItemId] = useState<string | undefined>(open.find((i) => i.id === focusItemId)?.id ?? open[0]?.id);
  const [dueDate, setDueDate] = useState<string | undefined>(undefined);
  return (
    <TextCommandForm
      type="itemDue"
      label="调整理由"
      placeholder="说明为什么调整时限"
      toRequest={(reason) =>
        !itemId ? { error: '没有可调整的事项' } : !dueDate ? { error: '请选择新的完成时限' } : buildRequest('itemDue', { dueDate, reason }, { itemId })
      }
      submit={props.submit}
    >
      <ItemPicker items={open} value={itemId} onChange={setItemId} />
      <DueDateField value={dueDate} onChange={setDueDate} />
    </TextCommandForm>
  );
}
