import { Text, View } from '@tarojs/components';
import { Badge } from './ui';

export interface Tile {
  key: string;
  icon: string;
  label: string;
  tone: 'green' | 'blue' | 'orange' | 'purple' | 'red' | 'gray';
  badge?: number;
  onTap: () => void;
}

/** A row of round-icon shortcuts. */
export function Tiles(props: { tiles: readonly Tile[] }) {
  return (
    <View className="tiles">
      {props.tiles.map((t) => (
        <View key={t.key} className={`tile tile--${t.key}`} onClick={t.onTap}>
          <View className={`tile__icon tone-${t.tone}`}>
            <Text>{t.icon}</Text>
            {t.badge ? (
              <View className="tile__badge">
                <Badge count={t.badge} />
              </View>
            ) : null}
          </View>
          <Text className="tile__label">{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
