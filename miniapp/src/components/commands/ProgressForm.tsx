import { useState } from 'react';
import { ChoiceChips, Field } from '../ui';
import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

type Cadence = 'progress' | 'onsite' | 'review';

const CADENCE_OPTIONS: ReadonlyArray<{ value: Cadence; label: string }> = [
  { value: 'progress', label: '月度进展' },
  { value: 'onsite', label: '现场办公' },
  { value: 'review', label: '季度评估' },
];

/** 报告进展: a progress report; for a leader-led matter, which cadence it meets. */
export function ProgressForm(props: FormProps<'progress'>) {
  const led = !!props.ctx.ticket.leader;
  const [cadence, setCadence] = useState<Cadence>('progress');
  return (
    <TextCommandForm
      type="progress"
      label="进展情况"
      placeholder="已做了什么、下一步计划、预计何时办结"
      toRequest={(text) => buildRequest('progress', led ? { text, cadence } : { text })}
      submit={props.submit}
    >
      {led ? (
        <Field label="本次报告对应">
          <ChoiceChips options={CADENCE_OPTIONS} value={cadence} onChange={setCadence} columns={3} />
        </Field>
      ) : null}
    </TextCommandForm>
  );
}
