import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { FormFooter } from '../../components/FormFooter';
import { Btn } from '../../components/ui';
import { formErrors, type FormErrors } from '../../lib/form-errors';
import { currentOnConflict } from './conflict';
import { FieldInput } from './FieldInput';
import { getAt, setAt, specPathOf, type Draft, type FieldSpec } from './spec';

/** The server's field issues at the form's fields (`officer.phone`, `memberUnitIds.2` → its spec), the rest on one line. */
function errorsAtSpecs(e: unknown, doing: string, specs: readonly FieldSpec[]): FormErrors {
  const raw = formErrors(e, doing, []);
  const details = (e as { details?: unknown }).details;
  if (!Array.isArray(details)) return raw;
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const d of details as Array<{ field?: unknown; message?: unknown }>) {
    if (typeof d.message !== 'string') continue;
    const at = typeof d.field === 'string' ? specPathOf(d.field, specs) : undefined;
    if (at && !fields[at]) fields[at] = d.message;
    else rest.push(d.message);
  }
  return rest.length ? { fields, other: rest.join('；') } : { fields };
}

/**
 * A record's create/edit form: its fields by spec, saved with the `rev` it was
 * read at. A stale save (409) shows the record as it now stands, 已被他人修改,
 * and offers to go on from it; a refused delete shows the server's reason.
 */
export function RecordForm<R extends Draft>(props: {
  specs: readonly FieldSpec[];
  initial: R;
  isNew: boolean;
  what: string;
  save: (draft: R) => Promise<R>;
  /** false: not deleted after all (the confirmation declined) */
  remove?: (rec: R) => Promise<boolean>;
  describe: (rec: R) => string;
  onDone: (saved: R | undefined) => void;
}) {
  const [draft, setDraft] = useState<R>(props.initial);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState<'save' | 'delete' | undefined>(undefined);
  const [current, setCurrent] = useState<R | undefined>(undefined);
  const run = async (kind: 'save' | 'delete', doing: string, work: () => Promise<void>) => {
    if (busy) return;
    setBusy(kind);
    try {
      await work();
    } catch (e) {
      const now = currentOnConflict(e);
      setCurrent(now as R | undefined);
      setErrors(now ? { fields: {}, other: isApiError(e) && e.message ? e.message : `已被他人修改：${doing}未生效` } : errorsAtSpecs(e, doing, props.specs));
    } finally {
      setBusy(undefined);
    }
  };
  const what = props.isNew ? `新增${props.what}` : `保存${props.what}`;
  return (
    <View className="action-form record-form">
      {current ? (
        <View className="conflict">
          <Text className="conflict__title">已被他人修改</Text>
          <Text className="kv conflict__current">当前内容：{props.describe(current)}</Text>
          <Btn size="small" className="conflict-reload" onClick={() => (setDraft(current), setCurrent(undefined), setErrors({ fields: {} }))}>
            以最新内容继续编辑
          </Btn>
        </View>
      ) : null}
      {props.specs.map((s) => (
        <FieldInput
          key={s.path}
          spec={s}
          value={getAt(draft, s.path)}
          error={errors.fields[s.path]}
          editing={!props.isNew}
          onChange={(v) => {
            setDraft(setAt(draft, s.path, v) as R);
            if (errors.fields[s.path]) setErrors({ ...errors, fields: { ...errors.fields, [s.path]: '' } });
          }}
        />
      ))}
      <FormFooter error={errors.other} busy={busy === 'save'} label={what} className="record-submit" onSubmit={() => void run('save', what, async () => props.onDone(await props.save(draft)))} />
      {props.remove && !props.isNew ? (
        <View className="cpager">
          <Btn kind="warn" size="small" className="record-delete" loading={busy === 'delete'} onClick={() => void run('delete', `删除${props.what}`, async () => {
              if (await props.remove?.(draft)) props.onDone(undefined);
            })}>
            删除
          </Btn>
        </View>
      ) : null}
    </View>
  );
}
