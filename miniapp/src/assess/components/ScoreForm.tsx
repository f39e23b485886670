import { Input, Text, Textarea, View } from '@tarojs/components';
import { fieldIssues, INDICATORS, ManualScoreBody, type ManualIndicator } from '@whistle/shared';
import { useState } from 'react';
import { Field } from '../../components/ui';
import { issueErrors } from '../../lib/form-errors';
import { useFieldForm } from '../../lib/useFieldForm';
import { FormFooter } from '../../components/FormFooter';
import { formatScore } from '../lib/figures';
import { periodLabel } from '../../lib/periods';

const FIELDS = ['score', 'evidence'] as const;

/** What the form scores: a unit's entered indicator in a period, and its score so far. */
export interface ScoreTarget {
  unitId: string;
  unitName: string;
  period: string;
  indicator: ManualIndicator;
  current: number | null;
}

/**
 * 录入评分: the score (0–100) and its evidence for one entered indicator,
 * checked with the API's own schema before sending; the API's messages are
 * shown at their fields.
 */
export function ScoreForm(props: { target: ScoreTarget; submit: (body: ManualScoreBody) => Promise<void> }) {
  const t = props.target;
  const [score, setScore] = useState('');
  const [evidence, setEvidence] = useState('');
  const { errors, setErrors, clear, busy, send } = useFieldForm(FIELDS, '录入评分');
  const onSubmit = async () => {
    if (busy) return;
    const parsed = ManualScoreBody.safeParse({
      period: t.period,
      unitId: t.unitId,
      indicator: t.indicator,
      score: score.trim() === '' ? undefined : Number(score),
      evidence,
    });
    if (!parsed.success) {
      setErrors(issueErrors(fieldIssues(parsed.error), FIELDS));
      return;
    }
    await send(() => props.submit(parsed.data));
  };
  return (
    <View className="action-form score-form">
      <Text className="dispute-form__what">
        {t.unitName} · {periodLabel(t.period)} · {INDICATORS[t.indicator].label}
      </Text>
      <Text className="muted">{t.current === null ? '本期尚未录入，录入后指数即时重算。' : `当前 ${formatScore(t.current)} 分，录入后以新分数计入，原分数留在记录中。`}</Text>
      <Field label="分数（0–100）" error={errors.fields.score} required>
        <Input
          className="input score-input"
          type="digit"
          value={score}
          placeholder="如：85"
          maxlength={6}
          onInput={(e) => {
            setScore(e.detail.value);
            clear('score');
          }}
        />
      </Field>
      <Field label="佐证材料说明" error={errors.fields.evidence} required>
        <Textarea
          className="textarea score-evidence"
          value={evidence}
          placeholder="如：本季度开展政策宣讲 3 场，覆盖企业 120 家（附签到表）"
          maxlength={1000}
          autoHeight
          onInput={(e) => {
            setEvidence(e.detail.value);
            clear('evidence');
          }}
        />
      </Field>
      <FormFooter error={errors.other} busy={busy} label="确认录入" className="score-submit" onSubmit={() => void onSubmit()} />
    </View>
  );
}
