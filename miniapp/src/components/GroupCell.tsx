import { Text, View } from '@tarojs/components';
import { LABELS, type Group } from '@whistle/shared';
import { go } from '../lib/nav';

/** A group in a list, like a chat in WeChat's chat list. */
export function GroupCell(props: { group: Group; openCount?: number }) {
  const g = props.group;
  return (
    <View className="cell group-cell" onClick={() => go('officerGroup', { id: g.id, name: g.name })}>
      <View className={`group-icon group-icon--${g.kind}`}>
        <Text>{g.name.charAt(0)}</Text>
      </View>
      <View className="cell__main">
        <Text className="cell__title">{g.name}</Text>
        <Text className="cell__sub">
          {LABELS.groupKind[g.kind]} · {g.memberUnitIds.length} 个成员单位
        </Text>
      </View>
      <Text className="cell__arrow">›</Text>
    </View>
  );
}
