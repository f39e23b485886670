import { ConfirmCommonIssueBody, fieldIssues, localDate, type CommonIssueSuggestion } from '@whistle/shared';
import * as z from 'zod/mini';
import { ApiError, isApiError } from '../../api/client';
import { issueErrors, type FormErrors } from '../../lib/form-errors';

/** The confirm form's fields, as the API names them (a step's `steps.0.title` is shown at `steps`). */
export const CONFIRM_FIELDS = ['title', 'category', 'summary', 'fix', 'leadUnitId', 'targetDate', 'ticketIds', 'steps'] as const;

/** The form as typed: strings, and what is not picked yet left out. */
export interface ConfirmDraft {
  suggestionId?: string;
  title: string;
  category: ConfirmCommonIssueBody['category'];
  summary: string;
  fix: string;
  leadUnitId?: string;
  targetDate?: string;
  ticketIds: string[];
  steps: ConfirmCommonIssueBody['steps'];
}

const PREFIX = /^可能的共性问题[：:]\s*/;

/** The target date offered at first: a month on (a standing fix takes longer than one request's 3 working days). */
export const DEFAULT_TARGET_DAYS = 30;

/** A suggestion's form: the title from its topic, the summary from its sentence, every ticket ticked, a target a month on. */
export function draftOf(s: CommonIssueSuggestion, now: number = Date.now()): ConfirmDraft {
  return {
    suggestionId: s.id,
    title: s.topic,
    category: s.category,
    summary: s.title.replace(PREFIX, ''),
    fix: '',
    targetDate: localDate(now + DEFAULT_TARGET_DAYS * 86_400_000),
    ticketIds: s.tickets.map((t) => t.ticketId),
    steps: [],
  };
}

/** A field path's head: `steps.0.title` → `steps` (the form shows a list's errors at the list). */
export const headOf = (field: string): string => field.split('.')[0] ?? field;

const headIssues = (issues: readonly unknown[]) =>
  issues.map((i) => {
    const f = (i ?? {}) as { field?: unknown };
    return typeof f.field === 'string' ? { ...(i as object), field: headOf(f.field) } : i;
  });

/** The body the API takes, checked as the API would (its messages at their fields), before anything is sent. */
export function confirmBody(d: ConfirmDraft): { body: ConfirmCommonIssueBody } | { errors: FormErrors } {
  const checked = z.safeParse(ConfirmCommonIssueBody, { ...d, leadUnitId: d.leadUnitId ?? '', targetDate: d.targetDate ?? '' });
  if (checked.success) return { body: checked.data };
  const issues = fieldIssues(checked.error).map((i) => {
    const field = headOf(i.field);
    if (field === 'leadUnitId' && !d.leadUnitId) return { field, message: '请选择牵头单位' };
    if (field === 'targetDate' && !d.targetDate) return { field, message: '请选择目标日期' };
    return { field, message: i.message };
  });
  return { errors: issueErrors(issues, CONFIRM_FIELDS) };
}

/** An API 400 whose fields name list items (`steps.1.dueDate`) made to name the list, for a form's `useFieldForm`. */
export function atListFields(e: unknown): unknown {
  if (!isApiError(e) || e.code !== 'VALIDATION' || !Array.isArray(e.details)) return e;
  return new ApiError(e.status, e.code, e.message, headIssues(e.details as unknown[]));
}
