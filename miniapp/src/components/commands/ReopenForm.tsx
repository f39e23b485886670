import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

/** 重新打开: what is still not solved. */
export function ReopenForm(props: FormProps<'reopen'>) {
  return (
    <TextCommandForm
      type="reopen"
      label="重新打开的原因"
      placeholder="哪里还没有解决"
      toRequest={(reason) => buildRequest('reopen', { reason })}
      submit={props.submit}
    />
  );
}
