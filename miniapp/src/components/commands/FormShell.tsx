import { Text, View } from '@tarojs/components';
import { COMMANDS } from '@whistle/shared';
import { useState, type ReactNode } from 'react';
import { Btn } from '../ui';
import type { Built, SheetCommand, Submit } from './types';

/**
 * The frame every command form shares: its fields, the one error line, and
 * the submit button (确认 + the command's label). `build` validates and makes
 * the request; nothing is sent while it answers an error or while busy.
 */
export function FormShell<K extends SheetCommand>(props: { type: K; build: () => Built<K>; submit: Submit<K>; children: ReactNode }) {
  const { type } = props;
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const onSubmit = async () => {
    if (busy) return;
    const built = props.build();
    if ('error' in built) {
      setError(built.error);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await props.submit(built.request);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={`action-form action-form--${type}`}>
      {props.children}
      {error ? <Text className="field__error form-error">{error}</Text> : null}
      <View className="action-form__submit">
        <Btn kind={type === 'decline' ? 'warn' : 'primary'} size="large" block loading={busy} onClick={() => void onSubmit()} className="action-submit">
          {busy ? '提交中…' : `确认${COMMANDS[type].label}`}
        </Btn>
      </View>
    </View>
  );
}
