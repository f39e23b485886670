import { Text, View } from '@tarojs/components';
import { LABELS, UNIT_TRACKS, type Ballot, type Race } from '@whistle/shared';
import { formatDateTime } from '../../lib/format';

/** The ballot the caller's enterprise or unit cast: whom it picked, and when. */
export function BallotSummary(props: { race: Race; ballot: Ballot }) {
  const { race, ballot } = props;
  const unitName = (id: string) => UNIT_TRACKS.flatMap((t) => race.tracks[t].units).find((u) => u.unitId === id)?.name ?? id;
  const caseTitle = (id: string) => race.cases.find((c) => c.id === id)?.title ?? id;
  const line = (items: string[]) => (items.length ? items.join('、') : '未选');
  return (
    <View className="ballot-summary">
      <Text className="ballot-summary__head">
        ✓ {ballot.voter.name} 已于 {formatDateTime(ballot.castAt)} 投票（{ballot.castBy.name}）
      </Text>
      {UNIT_TRACKS.map((t) => (
        <View key={t} className="kv">
          <Text className="kv__k ballot-summary__k">{LABELS.track[t]}</Text>
          <Text className="kv__v">{line(ballot.fiveStar[t].map(unitName))}</Text>
        </View>
      ))}
      {race.cases.length ? (
        <View className="kv">
          <Text className="kv__k ballot-summary__k">案例</Text>
          <Text className="kv__v">{line(ballot.cases.map(caseTitle))}</Text>
        </View>
      ) : null}
      {race.status === 'open' ? <Text className="muted">投票结束后公布结果</Text> : null}
    </View>
  );
}
