import { isApiError } from '../../api/client';
import { errorText } from '../../lib/toast';

/**
 * A failed submission split for a form: the API's Chinese validation
 * messages by field (shown at the field), and anything else in one line.
 */
export interface FormErrors {
  fields: Record<string, string>;
  other?: string;
}

export function formErrors(e: unknown, doing: string, known: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  const details = isApiError(e) && e.code === 'VALIDATION' && Array.isArray(e.details) ? (e.details as unknown[]) : [];
  for (const d of details) {
    const { field, message } = (d ?? {}) as { field?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    if (typeof field === 'string' && known.includes(field) && !fields[field]) fields[field] = message;
    else rest.push(message);
  }
  if (!details.length) return { fields, other: errorText(e, doing) };
  return rest.length ? { fields, other: rest.join('；') } : { fields };
}
