import { Text, View } from '@tarojs/components';
import { isItemOverdue, type PlanItem } from '@whistle/shared';
import { Btn, Chip } from '../../../components/ui';

/**
 * A rectification task (整改任务) of a retrospective: what, whose, by when, and its state (已完成,
 * 已超期 once past its due instant while open). Its owner unit (or the supervisor) marks it done
 * (`mayComplete`): that stops its 提醒 → 催办 → 警告.
 */
export function RetroTask(props: { item: PlanItem; now: string; mayComplete: boolean; busy: boolean; onDone: () => void }) {
  const i = props.item;
  const overdue = isItemOverdue(i, props.now);
  return (
    <View className="retro-task">
      <Text className="retro-card__task">{`整改：${i.title}（${i.ownerUnitName}，${i.dueDate} 前）`}</Text>
      {i.status === 'done' ? <Chip tone="done">已完成</Chip> : overdue ? <Chip tone="danger">已超期</Chip> : null}
      {i.status === 'open' && props.mayComplete ? (
        <Btn size="small" className="retro-task__done" loading={props.busy} onClick={props.onDone}>
          标记完成
        </Btn>
      ) : null}
    </View>
  );
}
