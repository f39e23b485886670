import { Text, View } from '@tarojs/components';
import { LABELS, UNIT_TRACKS, type UnitTrack } from '@whistle/shared';

/** 部门 / 镇街: the two tracks (赛道) units are ranked in. */
export function TrackSwitch(props: { value: UnitTrack; onChange: (t: UnitTrack) => void }) {
  return (
    <View className="seg track-switch">
      {UNIT_TRACKS.map((t) => (
        <View key={t} className={`seg__item ${t === props.value ? 'seg__item--on' : ''}`} data-track={t} onClick={() => props.onChange(t)}>
          <Text>{LABELS.track[t]}</Text>
        </View>
      ))}
    </View>
  );
}
