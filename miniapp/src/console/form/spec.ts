/**
 * A record form described by its fields: what each field is (text, one of a
 * list, several of a list, yes/no) at a dotted path of the record
 * (`officer.phone`), so one form edits units, groups, grids, enterprises and
 * users alike.
 */
export interface Option {
  value: string;
  label: string;
  sub?: string;
}

export type FieldSpec =
  | { kind: 'text'; path: string; label: string; required?: boolean; placeholder?: string; readOnlyWhenEditing?: boolean }
  | { kind: 'choice'; path: string; label: string; required?: boolean; options: readonly Option[]; optional?: boolean }
  | { kind: 'multi'; path: string; label: string; required?: boolean; options: readonly Option[] }
  | { kind: 'bool'; path: string; label: string };

export type Draft = Record<string, unknown>;

export function getAt(rec: Draft, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), rec);
}

/** A copy of `rec` with `value` at `path` (objects on the way copied; `undefined` removes the key). */
export function setAt(rec: Draft, path: string, value: unknown): Draft {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const copy: Draft = { ...rec };
  if (!rest.length) {
    if (value === undefined || value === '') delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const inner = copy[head] && typeof copy[head] === 'object' ? (copy[head] as Draft) : {};
  copy[head] = setAt(inner, rest.join('.'), value);
  return copy;
}

/** The field a server's issue is about: its own path, or the nearest spec above it (`officer.phone` → `officer.phone`, `memberUnitIds.2` → `memberUnitIds`). */
export function specPathOf(field: string, specs: readonly FieldSpec[]): string | undefined {
  const paths = specs.map((s) => s.path);
  let f = field.replace(/^body\./, '');
  while (f) {
    if (paths.includes(f)) return f;
    const cut = f.lastIndexOf('.');
    if (cut < 0) return undefined;
    f = f.slice(0, cut);
  }
  return undefined;
}
