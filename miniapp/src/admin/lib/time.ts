/** `2026-06-09 18:00` (Shanghai wall clock, as formatDateTime writes it) → `2026-06-09T10:00:00.000Z`; undefined when it is not such a time. */
export function fromLocalText(text: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const t = Date.parse(`${m[1]}T${m[2]}:00+08:00`);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
