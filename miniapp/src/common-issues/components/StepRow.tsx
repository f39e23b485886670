import { Input, Text, View } from '@tarojs/components';
import { isItemOverdue, type PlanItem } from '@whistle/shared';
import { useState } from 'react';
import { Btn, Chip } from '../../components/ui';
import { formatDateTime } from '../../lib/format';

/** A step of the standing fix: done, late (已超期) or under way, whose and by when; its owner unit marks it done with a note. */
export function StepRow(props: { item: PlanItem; now: number; done?: (note: string | undefined) => Promise<void> }) {
  const { item } = props;
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const overdue = isItemOverdue(item, new Date(props.now).toISOString());
  const finish = () => {
    setBusy(true);
    props
      .done?.(note.trim() || undefined)
      .then(() => setOpen(false))
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };
  return (
    <View className={`plan__item ci-step ${overdue ? 'plan__item--overdue' : ''}`} data-item={item.id}>
      <Chip tone={item.status === 'done' ? 'done' : overdue ? 'danger' : 'muted'}>{item.status === 'done' ? '已完成' : overdue ? '已超期' : '办理中'}</Chip>
      <View className="plan__main">
        <Text className="plan__title">{item.title}</Text>
        <Text className="plan__meta">{`${item.ownerUnitName} · ${item.dueDate} 前完成`}</Text>
        {item.doneAt ? <Text className="plan__meta">{`${formatDateTime(item.doneAt)} ${item.doneByName ?? ''} 完成${item.note ? `：${item.note}` : ''}`}</Text> : null}
        {open ? (
          <View className="ci-step__done">
            <Input className="input ci-step__note" value={note} maxlength={500} placeholder="完成情况（可选）" onInput={(e) => setNote(e.detail.value)} />
            <View className="ci-row-actions">
              <Btn size="small" kind="plain" onClick={() => setOpen(false)}>
                取消
              </Btn>
              <Btn size="small" kind="primary" className="ci-step__ok" loading={busy} onClick={finish}>
                确认完成
              </Btn>
            </View>
          </View>
        ) : null}
      </View>
      {props.done && !open ? (
        <Btn size="small" kind="primary" className="plan__done ci-step__finish" onClick={() => setOpen(true)}>
          完成
        </Btn>
      ) : null}
    </View>
  );
}
