import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

/** 不属本单位: why the ticket is not this unit's, so another unit can claim it. */
export function DeclineForm(props: FormProps<'decline'>) {
  return (
    <TextCommandForm
      type="decline"
      label="原因"
      placeholder="说明为什么不属于本单位职责，便于其他单位认领"
      toRequest={(reason) => buildRequest('decline', { reason })}
      submit={props.submit}
    />
  );
}
