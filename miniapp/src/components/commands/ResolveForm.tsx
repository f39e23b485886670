import type { ResolutionKind } from '@whistle/shared';
import { useState } from 'react';
import { ChoiceChips, Field } from '../ui';
import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

const RESOLUTION_OPTIONS: ReadonlyArray<{ value: ResolutionKind; label: string; hint: string }> = [
  { value: 'answered', label: '直接解答', hint: '政策、流程已答复清楚' },
  { value: 'resolved', label: '协调解决', hint: '经协调办理，问题已解决' },
];

/** 办结: how it was resolved and what the enterprise is told. */
export function ResolveForm(props: FormProps<'resolve'>) {
  const [kind, setKind] = useState<ResolutionKind | undefined>(undefined);
  return (
    <TextCommandForm
      type="resolve"
      label="办理结果"
      placeholder="向企业说明办理结果，企业将据此评价"
      toRequest={(summary) => (kind ? buildRequest('resolve', { kind, summary }) : { error: '请选择办结方式' })}
      submit={props.submit}
    >
      <Field label="办结方式" required>
        <ChoiceChips options={RESOLUTION_OPTIONS} value={kind} onChange={setKind} columns={2} />
      </Field>
    </TextCommandForm>
  );
}
