import type { FieldIssue } from '@whistle/shared';
import { isApiError } from '../api/client';
import { errorText } from './toast';

/**
 * A failed submission split for a form: the API's Chinese validation
 * messages by field (shown at the field), and anything else in one line.
 */
export interface FormErrors {
  fields: Record<string, string>;
  other?: string;
}

/** Field issues (the API's `details`, or the shared schema's own, checked before sending) split by the form's fields. */
export function issueErrors(issues: readonly unknown[], known: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const d of issues) {
    const { field, message } = (d ?? {}) as Partial<Record<keyof FieldIssue, unknown>>;
    if (typeof message !== 'string') continue;
    if (typeof field === 'string' && known.includes(field) && !fields[field]) fields[field] = message;
    else rest.push(message);
  }
  return rest.length ? { fields, other: rest.join('；') } : { fields };
}

export function formErrors(e: unknown, doing: string, known: readonly string[]): FormErrors {
  const details = isApiError(e) && e.code === 'VALIDATION' && Array.isArray(e.details) ? (e.details as unknown[]) : [];
  if (!details.length) return { fields: {}, other: errorText(e, doing) };
  return issueErrors(details, known);
}
