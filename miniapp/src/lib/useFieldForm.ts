import { useState } from 'react';
import { formErrors, type FormErrors } from './form-errors';

/**
 * The state every form keeps (the assessment's, the admin console's): its field errors (the API's messages
 * at their fields, the rest on one line), whether it is sending, and the send
 * itself: nothing is sent while busy, and a failure becomes the errors.
 */
export function useFieldForm<F extends string>(fields: readonly F[], doing: string) {
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  /** a field's message goes as soon as the field is edited */
  const clear = (field: F) => {
    if (errors.fields[field]) setErrors({ ...errors, fields: { ...errors.fields, [field]: '' } });
  };
  const send = async (request: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await request();
    } catch (e) {
      setErrors(formErrors(e, doing, fields));
    } finally {
      setBusy(false);
    }
  };
  return { errors, setErrors, clear, busy, send };
}
