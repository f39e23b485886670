import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

/** 转交部门: the desk hands the request to the groups, with an optional hint. */
export function DeskForwardForm(props: FormProps<'deskForward'>) {
  return (
    <TextCommandForm
      type="deskForward"
      label="转交说明（选填）"
      placeholder="给认领单位的提示"
      required={false}
      toRequest={(text) => buildRequest('deskForward', text.trim() ? { text } : {})}
      submit={props.submit}
    />
  );
}
