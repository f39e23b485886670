import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ItemPicker } from './ItemPicker';
import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

/**
 * 完成方案事项: the owner unit marks one of its open items done (the supervisor
 * any), with an optional note; the plan's button opens it on that item.
 */
export function ItemDoneForm(props: FormProps<'itemDone'>) {
  const { ticket, me, focusItemId } = props.ctx;
  const open = (ticket.plan?.items ?? []).filter((i) => i.status === 'open' && (me.isSupervisor || i.ownerUnitId === me.unitId));
  const [itemId, setItemId] = useState<string | undefined>(open.find((i) => i.id === focusItemId)?.id ?? open[0]?.id);
  const shown = open.find((i) => i.id === itemId);
  return (
    <TextCommandForm
      type="itemDone"
      label="完成情况（选填）"
      placeholder="事项办理结果"
      required={false}
      toRequest={(note) => (itemId ? buildRequest('itemDone', note.trim() ? { note } : {}, { itemId }) : { error: '没有待完成的方案事项' })}
      submit={props.submit}
    >
      <ItemPicker items={open} value={itemId} onChange={setItemId} />
      {shown ? (
        <View className="task-brief">
          <Text>事项：{shown.title}（{shown.dueDate} 前）</Text>
        </View>
      ) : null}
    </TextCommandForm>
  );
}
