import { Text, View } from '@tarojs/components';
import { LABELS, UNIT_TRACKS, type RaceCaseResult, type RaceTally, type RaceTrackTally } from '@whistle/shared';
import { Chip } from '../ui';

/** One ranked row: place, name, votes, and the honour it won. */
function Row(props: { rank: number; name: string; sub?: string; votes: number; honour?: string }) {
  return (
    <View className={`tally__row ${props.honour ? 'tally__row--on' : ''}`}>
      <Text className="tally__rank">{props.rank}</Text>
      <View className="tally__name">
        <Text>{props.name}</Text>
        {props.sub ? <Text className="tally__sub">{props.sub}</Text> : null}
      </View>
      {props.honour ? <Chip tone="orange">{props.honour}</Chip> : null}
      <Text className="tally__votes">{props.votes} 票</Text>
    </View>
  );
}

function TrackTally(props: { title: string; tally: RaceTrackTally }) {
  return (
    <View className="tally__block">
      <Text className="tally__title">
        {props.title} · 五星单位 {props.tally.results.filter((r) => r.fiveStar).length} 个
      </Text>
      {props.tally.results.map((r) => (
        <Row key={r.unitId} rank={r.rank} name={r.name} votes={r.votes} {...(r.fiveStar ? { honour: '★ 五星单位' } : {})} />
      ))}
    </View>
  );
}

function CaseTally(props: { cases: RaceCaseResult[] }) {
  if (!props.cases.length) return null;
  return (
    <View className="tally__block">
      <Text className="tally__title">最佳实践案例</Text>
      {props.cases.map((c) => (
        <Row key={c.caseId} rank={c.rank} name={c.title} sub={c.unitName} votes={c.votes} {...(c.bestPractice ? { honour: '最佳实践' } : {})} />
      ))}
    </View>
  );
}

/** The tally of a closed race: each track's ranking with its five-star units, then the cases. */
export function TallyView(props: { tally: RaceTally }) {
  const t = props.tally;
  return (
    <View className="tally">
      <Text className="tally__summary">
        共 {t.ballots} 张选票：企业 {t.enterpriseBallots} 张，单位 {t.unitBallots} 张
      </Text>
      {UNIT_TRACKS.map((track) => (
        <TrackTally key={track} title={`${LABELS.track[track]}赛道`} tally={t.tracks[track]} />
      ))}
      <CaseTally cases={t.cases} />
    </View>
  );
}
