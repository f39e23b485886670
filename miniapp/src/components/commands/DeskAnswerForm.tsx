import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

/** 客服答复: the desk answers a consultation itself. */
export function DeskAnswerForm(props: FormProps<'deskAnswer'>) {
  return (
    <TextCommandForm
      type="deskAnswer"
      label="答复内容"
      placeholder="直接答复企业的咨询"
      toRequest={(text) => buildRequest('deskAnswer', { text })}
      submit={props.submit}
    />
  );
}
