import { Text, View } from '@tarojs/components';
import { Btn } from './ui';

/** The end of a form: the one error line, and the submit button (提交中… while sending). */
export function FormFooter(props: { error?: string; busy: boolean; label: string; kind?: 'primary' | 'warn'; className: string; onSubmit: () => void }) {
  return (
    <>
      {props.error ? <Text className="field__error form-error">{props.error}</Text> : null}
      <View className="action-form__submit">
        <Btn kind={props.kind ?? 'primary'} size="large" block loading={props.busy} className={props.className} onClick={props.onSubmit}>
          {props.busy ? '提交中…' : props.label}
        </Btn>
      </View>
    </>
  );
}
