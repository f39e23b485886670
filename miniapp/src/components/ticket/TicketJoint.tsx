import { Text, View } from '@tarojs/components';
import type { Ticket } from '@whistle/shared';
import { Chip, Section } from '../ui';

/** Joint handling (联办): the lead unit and each co-unit's task and result. */
export function TicketJoint(props: { joint: Ticket['joint'] }) {
  const joint = props.joint;
  if (!joint) return null;
  return (
    <Section title="联办">
      <View className="card joint">
        <View className="joint__row">
          <Chip tone="orange">牵头</Chip>
          <Text className="joint__unit">{joint.leadUnitName}</Text>
        </View>
        {joint.coUnits.map((c) => (
          <View key={c.unitId} className="joint__row">
            <Chip tone={c.doneAt ? 'done' : 'muted'}>{c.doneAt ? '已完成' : '协办'}</Chip>
            <View className="joint__main">
              <Text className="joint__unit">{c.unitName}</Text>
              <Text className="joint__task">{c.task}</Text>
              {c.note ? <Text className="joint__task">结果：{c.note}</Text> : null}
            </View>
          </View>
        ))}
      </View>
    </Section>
  );
}
