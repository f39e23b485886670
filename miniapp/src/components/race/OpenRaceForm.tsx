import { Text, View } from '@tarojs/components';
import { DEFAULT_BEST_PRACTICE, DEFAULT_FIVE_STAR, previousQuarter, quarterLabel, quarterOf, type Race, type RaceCaseInput } from '@whistle/shared';
import { useState } from 'react';
import { api } from '../../api';
import { useLoader } from '../../lib/hooks';
import { errorText } from '../../lib/toast';
import { Btn, ChoiceChips, Field } from '../ui';
import { CaseEditor } from './CaseEditor';

const counts = (n: number) => Array.from({ length: n }, (_, i) => ({ value: String(i + 1), label: `${i + 1} 个` }));

/** The supervisor opens a quarter's vote: the quarter, how many five-star units per track and best-practice cases, the candidate cases. */
export function OpenRaceForm(props: { onOpened: (race: Race) => void }) {
  const now = quarterOf(Date.now());
  const [quarter, setQuarter] = useState(now);
  const [department, setDepartment] = useState(String(DEFAULT_FIVE_STAR.department));
  const [township, setTownship] = useState(String(DEFAULT_FIVE_STAR.township));
  const [best, setBest] = useState(String(DEFAULT_BEST_PRACTICE));
  const [cases, setCases] = useState<RaceCaseInput[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const units = useLoader(() => api.units(), '加载单位', { reloadOnShow: false });

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const { race } = await api.openRace({
        quarter,
        fiveStar: { department: Number(department), township: Number(township) },
        // a race names no more best-practice cases than it has candidates
        bestPractice: cases.length ? Math.min(Number(best), cases.length) : Number(best),
        cases,
      });
      props.onOpened(race);
    } catch (e) {
      setError(errorText(e, '发起'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="race-form">
      <Field label="季度" required>
        <ChoiceChips
          options={[previousQuarter(now), now].map((q) => ({ value: q, label: quarterLabel(q) }))}
          value={quarter}
          onChange={setQuarter}
          columns={2}
        />
      </Field>
      <Field label="部门赛道五星单位">
        <ChoiceChips options={counts(5)} value={department} onChange={setDepartment} />
      </Field>
      <Field label="镇街赛道五星单位">
        <ChoiceChips options={counts(3)} value={township} onChange={setTownship} columns={3} />
      </Field>
      <Field label="最佳实践案例">
        <ChoiceChips options={counts(4)} value={best} onChange={setBest} />
      </Field>
      <CaseEditor value={cases} units={units.data?.items ?? []} onChange={setCases} />
      <Text className="muted race-form__hint">每个企业由企业负责人、每个单位由单位负责人投一票；单位不能投给自己。</Text>
      {error ? <Text className="field__error form-error">{error}</Text> : null}
      <Btn kind="primary" size="large" block loading={busy} onClick={() => void submit()} className="race-open">
        {busy ? '发起中…' : `发起${quarterLabel(quarter)}投票`}
      </Btn>
    </View>
  );
}
