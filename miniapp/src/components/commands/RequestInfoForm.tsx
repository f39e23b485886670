import { TextCommandForm } from './TextCommandForm';
import { buildRequest, type FormProps } from './types';

/** 请企业补充: what the enterprise should add (pauses the resolve clock). */
export function RequestInfoForm(props: FormProps<'requestInfo'>) {
  return (
    <TextCommandForm
      type="requestInfo"
      label="需要企业补充什么"
      placeholder="如：请上传用电增容申请表和厂房平面图"
      toRequest={(text) => buildRequest('requestInfo', { text })}
      submit={props.submit}
    />
  );
}
