import { Text, View } from '@tarojs/components';
import { LABELS, UNIT_TRACKS, type BallotPicks, type Race, type Voter } from '@whistle/shared';
import { useState } from 'react';
import { ballotProblem, emptyPicks, maxOf, togglePick, type PickList } from '../../lib/race';
import { OptionList } from '../Sheet';
import { Btn, Field } from '../ui';

/**
 * The ballot of an enterprise or a unit: up to the race's count of five-star
 * units in each track, and of best-practice cases. A unit cannot pick itself
 * or its own case (shown, and refused by the same rules the server applies).
 */
export function BallotForm(props: { race: Race; voter: Voter; onCast: (picks: BallotPicks) => Promise<void> }) {
  const { race, voter } = props;
  const [picks, setPicks] = useState<BallotPicks>(emptyPicks);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const own = (unitId: string) => voter.kind === 'unit' && voter.id === unitId;

  const toggle = (list: PickList, id: string) => {
    const next = togglePick(race, picks, list, id);
    setPicks(next.picks);
    setError(next.error);
  };
  const submit = async () => {
    if (busy) return;
    const problem = ballotProblem(race, voter, picks);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await props.onCast(picks);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="ballot">
      <Text className="ballot__who">代表 {voter.name} 投票，每{voter.kind === 'enterprise' ? '家企业' : '个单位'}只能投一次</Text>
      {UNIT_TRACKS.map((track) => (
        <Field key={track} label={`${LABELS.track[track]}赛道 · 五星单位（最多 ${maxOf(race, track)} 个）`}>
          <OptionList
            multi
            options={race.tracks[track].units.map((u) => ({
              value: u.unitId,
              label: u.name,
              ...(own(u.unitId) ? { sub: '本单位，不能投给自己', disabled: true } : {}),
            }))}
            selected={picks.fiveStar[track]}
            onToggle={(id) => toggle(track, id)}
          />
        </Field>
      ))}
      {race.cases.length ? (
        <Field label={`最佳实践案例（最多 ${maxOf(race, 'cases')} 个）`}>
          <OptionList
            multi
            options={race.cases.map((c) => ({
              value: c.id,
              label: c.title,
              sub: own(c.unitId) ? '本单位的案例，不能投给自己' : `${c.unitName} · ${c.summary}`,
              ...(own(c.unitId) ? { disabled: true } : {}),
            }))}
            selected={picks.cases}
            onToggle={(id) => toggle('cases', id)}
          />
        </Field>
      ) : null}
      {error ? <Text className="field__error form-error">{error}</Text> : null}
      <Btn kind="primary" size="large" block loading={busy} onClick={() => void submit()} className="ballot-submit">
        {busy ? '提交中…' : '投出选票'}
      </Btn>
    </View>
  );
}
