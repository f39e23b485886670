import type { PolicyField, PolicyForm } from '../../lib/form';

/** What every field group of the policy editor gets: the form, the messages by field, and a change (which clears its field's message). */
export interface FieldGroupProps {
  form: PolicyForm;
  errors: Readonly<Record<string, string>>;
  set: (patch: Partial<PolicyForm>, field: PolicyField) => void;
}
