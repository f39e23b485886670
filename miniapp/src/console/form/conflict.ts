import { isApiError } from '../../api/client';

/**
 * A stale save's answer: 409 with the record as it now stands (the error's
 * details: `{ current }`, or the record itself). Undefined for any other
 * failure, and for a 409 without a record (a delete refused: its message says why).
 */
export function currentOnConflict(e: unknown): Record<string, unknown> | undefined {
  if (!isApiError(e) || e.status !== 409) return undefined;
  const d = e.details as Record<string, unknown> | undefined;
  if (!d || typeof d !== 'object') return undefined;
  const current = 'current' in d ? d.current : d;
  return current && typeof current === 'object' && !Array.isArray(current) && 'id' in current ? (current as Record<string, unknown>) : undefined;
}
