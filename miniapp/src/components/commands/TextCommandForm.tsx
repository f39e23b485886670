import { useState, type ReactNode } from 'react';
import { CommandText } from './fields';
import { FormShell } from './FormShell';
import type { Built, SheetCommand, Submit } from './types';

/**
 * A command form around one text box; `children` are any fields above it.
 * `toRequest` turns the text (and the caller's own fields) into the request.
 */
export function TextCommandForm<K extends SheetCommand>(props: {
  type: K;
  label: string;
  placeholder: string;
  required?: boolean;
  toRequest: (text: string) => Built<K>;
  submit: Submit<K>;
  children?: ReactNode;
}) {
  const [text, setText] = useState('');
  return (
    <FormShell type={props.type} build={() => props.toRequest(text)} submit={props.submit}>
      {props.children}
      <CommandText label={props.label} placeholder={props.placeholder} value={text} onChange={setText} required={props.required ?? true} />
    </FormShell>
  );
}

