import * as z from 'zod/mini';
import { ValidationError, type FieldIssue } from './errors.js';

/** A message written for people (every schema's own `error` is Chinese); zod's defaults are English. */
const CJK = /[\u3400-\u9fff]/;

/** zod's type names, in Chinese. */
const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值（true 或 false）',
  array: '数组',
  object: '对象',
  date: '日期',
  null: '空值',
};

const bound = (n: unknown): string => (typeof n === 'bigint' || typeof n === 'number' ? String(n) : '');

/**
 * A Chinese message for an issue zod described in English (a schema without
 * its own `error`), from the issue's code and parameters; only field names,
 * enum values and the caller's unknown keys are quoted as they are.
 */
function chinese(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // issues carry no input: zod's message says what was received
      return /received undefined/.test(issue.message) ? '必填' : `应为${TYPE_NAMES[issue.expected] ?? '正确的类型'}`;
    case 'too_small': {
      const min = bound(issue.minimum);
      if (issue.origin === 'string') return issue.inclusive === false ? `长度应大于 ${min} 个字符` : Number(min) <= 1 ? '不能为空' : `至少 ${min} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${min} 项`;
      return issue.inclusive === false ? `应大于 ${min}` : `不能小于 ${min}`;
    }
    case 'too_big': {
      const max = bound(issue.maximum);
      if (issue.origin === 'string') return `过长（最多 ${max} 个字符）`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${max} 项`;
      return issue.inclusive === false ? `应小于 ${max}` : `不能大于 ${max}`;
    }
    case 'invalid_format':
      return issue.format === 'datetime' ? '必须是 ISO 8601 UTC 时间' : '格式不正确';
    case 'not_multiple_of':
      return `应为 ${bound(issue.divisor)} 的倍数`;
    case 'invalid_value':
      return issue.values.length === 1 ? `只能是 ${String(issue.values[0])}` : `只能是 ${issue.values.map(String).join('、')} 之一`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join(', ')}`;
    default:
      return '格式不正确';
  }
}

/**
 * Turns zod issues into field issues: the field path and a message for people,
 * in Chinese. An issue of the whole input (an unknown key, not an object) is
 * named `root`: `body` unless the input is the query or the path.
 */
export function fieldIssues(error: z.core.$ZodError, prefix?: string, root = 'body'): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter(Boolean).join('.') || (prefix ?? root);
    // the schemas' own messages are Chinese; zod's English defaults are rewritten from the issue's code
    let message = issue.message;
    if (issue.code === 'unrecognized_keys' || !CJK.test(message)) message = chinese(issue);
    return { field, message };
  });
}

/** Parses `input` or throws a ValidationError naming the field. */
export function parseOrThrow<T extends z.core.$ZodType>(schema: T, input: unknown, prefix?: string, root?: string): z.infer<T> {
  const result = z.safeParse(schema, input);
  if (!result.success) throw new ValidationError(fieldIssues(result.error, prefix, root), result.error);
  return result.data;
}
