import * as z from 'zod/mini';
import { ValidationError, type FieldIssue } from './errors.js';

/** Turns zod issues into field issues: the field path and a message for people. */
export function fieldIssues(error: z.core.$ZodError, prefix?: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || (prefix ?? 'body');
    // zod's own English messages for unknown keys etc. are translated here for end users
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `不认识的字段：${issue.keys.join(', ')}`;
    else if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) message = '必填';
    else if (/^Invalid input|^Expected|^Too (big|small)|^Invalid/.test(issue.message)) message = `格式不正确（${issue.message}）`;
    return { field, message };
  });
}

/** Parses `input` or throws a ValidationError naming the field. */
export function parseOrThrow<T extends z.core.$ZodType>(schema: T, input: unknown, prefix?: string): z.infer<T> {
  const result = z.safeParse(schema, input);
  if (!result.success) throw new ValidationError(fieldIssues(result.error, prefix), result.error);
  return result.data;
}
