import { RATING_LABELS, type RatingScore } from '@whistle/shared';
import { useState } from 'react';
import { ChoiceChips, Field } from '../ui';
import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

const RATING_OPTIONS: ReadonlyArray<{ value: RatingScore; label: string }> = (['satisfied', 'fair', 'unsatisfied'] as const).map(
  (s) => ({ value: s, label: RATING_LABELS[s] }),
);

/** 评价: the owner's score, with an optional comment. */
export function RateForm(props: FormProps<'rate'>) {
  const [score, setScore] = useState<RatingScore | undefined>(undefined);
  return (
    <TextCommandForm
      type="rate"
      label="说几句（选填）"
      placeholder="您的意见会转给承办单位和督办人员"
      required={false}
      toRequest={(comment) =>
        score ? buildRequest('rate', { score, ...(comment.trim() ? { comment } : {}) }) : { error: '请选择满意程度' }
      }
      submit={props.submit}
    >
      <Field label="对这次办理满意吗？" required>
        <ChoiceChips options={RATING_OPTIONS} value={score} onChange={setScore} columns={3} className="rating-choices" />
      </Field>
    </TextCommandForm>
  );
}
