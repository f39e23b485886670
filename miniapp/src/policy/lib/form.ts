import { fieldIssues, PolicyInput, type Policy, type PolicyCategory, type PolicyConditions, type PolicyLevel } from '@whistle/shared';
import { isApiError } from '../../api/client';
import type { FormErrors } from '../../lib/form-errors';
import { errorText } from '../../lib/toast';

/** The policy editor's state: text as typed, turned into a PolicyInput (checked with the API's own schema) to send. */
export interface PolicyForm {
  title: string;
  issuer: string;
  level?: PolicyLevel;
  category?: PolicyCategory;
  summary: string;
  body: string;
  link: string;
  /** as typed: words split by commas, 、 or spaces */
  keywords: string;
  conditions: PolicyConditions;
  validFrom: string;
  validTo: string;
  howToApply: string;
  unitId?: string;
  contactName: string;
  contactPhone: string;
  contactUserId?: string;
}

/** The fields a message can be shown at (an API issue on `contact.phone` goes to the phone, `conditions.tags.0` to the conditions). */
export const POLICY_FIELDS = [
  'title',
  'issuer',
  'level',
  'category',
  'summary',
  'body',
  'link',
  'keywords',
  'conditions',
  'validFrom',
  'validTo',
  'howToApply',
  'unitId',
  'contact.name',
  'contact.phone',
  'contact',
] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

export const emptyPolicyForm = (): PolicyForm => ({
  title: '',
  issuer: '',
  summary: '',
  body: '',
  link: '',
  keywords: '',
  conditions: {},
  validFrom: '',
  validTo: '',
  howToApply: '',
  contactName: '',
  contactPhone: '',
});

export const formOfPolicy = (p: Policy): PolicyForm => ({
  title: p.title,
  issuer: p.issuer,
  level: p.level,
  category: p.category,
  summary: p.summary,
  body: p.body ?? '',
  link: p.link ?? '',
  keywords: (p.keywords ?? []).join('、'),
  conditions: p.conditions,
  validFrom: p.validFrom,
  validTo: p.validTo ?? '',
  howToApply: p.howToApply,
  unitId: p.unitId,
  contactName: p.contact.name,
  contactPhone: p.contact.phone,
  ...(p.contact.userId ? { contactUserId: p.contact.userId } : {}),
});

export const splitKeywords = (s: string): string[] => [...new Set(s.split(/[,，、;；\s]+/).map((w) => w.trim()).filter(Boolean))];

const text = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);

/** Drops the conditions nobody picked (an empty list is "no condition"). */
export function cleanConditions(c: PolicyConditions): PolicyConditions {
  const out: PolicyConditions = {};
  if (c.industries?.length) out.industries = c.industries;
  if (c.tiers?.length) out.tiers = c.tiers;
  if (c.tags?.length) out.tags = c.tags;
  if (c.headcountBands?.length) out.headcountBands = c.headcountBands;
  if (c.revenueBands?.length) out.revenueBands = c.revenueBands;
  if (c.keyOnly) out.keyOnly = true;
  if (c.townUnitIds?.length) out.townUnitIds = c.townUnitIds;
  return out;
}

/** What the form would send, before the schema checks it (empty optional texts left out). */
export function inputOfForm(f: PolicyForm): Record<string, unknown> {
  const keywords = splitKeywords(f.keywords);
  return {
    title: f.title,
    issuer: f.issuer,
    level: f.level,
    category: f.category,
    summary: f.summary,
    body: text(f.body),
    link: text(f.link),
    keywords: keywords.length ? keywords : undefined,
    conditions: cleanConditions(f.conditions),
    validFrom: f.validFrom.trim(),
    validTo: text(f.validTo),
    howToApply: f.howToApply,
    unitId: f.unitId,
    contact: { name: f.contactName.trim(), phone: f.contactPhone.trim(), ...(f.contactUserId ? { userId: f.contactUserId } : {}) },
  };
}

/** Missing choices in words (zod's "invalid value" names the codes, which mean nothing to a person). */
const MISSING: Partial<Record<PolicyField, string>> = { level: '请选择政策层级', category: '请选择政策类别', validFrom: '请填写生效日期，如 2026-01-01' };

/**
 * The API names an issue of the whole body `body` (an unknown key, not an
 * object), which is also the policy's full text field: only the text's own
 * messages go there.
 */
const ofBodyText = (message: string): boolean => message.startsWith('政策原文') || message === '包含无效字符';

/** The field a message belongs at: the longest known field the issue's path starts with. */
export function fieldOf(path: string, message = ''): PolicyField | undefined {
  if (path === 'body' && !ofBodyText(message)) return undefined;
  let best: PolicyField | undefined;
  for (const f of POLICY_FIELDS) if ((path === f || path.startsWith(`${f}.`)) && (!best || f.length > best.length)) best = f;
  return best;
}

/** Issues (the API's `details`, or the schema's own) by field; the rest on one line. */
export function policyIssues(issues: ReadonlyArray<{ field?: unknown; message?: unknown }>, form?: PolicyForm): FormErrors {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const i of issues) {
    if (typeof i.message !== 'string') continue;
    const f = typeof i.field === 'string' ? fieldOf(i.field, i.message) : undefined;
    if (!f) rest.push(i.message);
    else if (!fields[f]) fields[f] = (form && MISSING[f] && !form[f as keyof PolicyForm] ? MISSING[f] : undefined) ?? i.message;
  }
  return rest.length ? { fields, other: rest.join('；') } : { fields };
}

/** Checks the form with PolicyInput: the input to send, or the messages by field. */
export function checkPolicyForm(f: PolicyForm): { ok: true; input: PolicyInput } | { ok: false; errors: FormErrors } {
  const r = PolicyInput.safeParse(inputOfForm(f));
  return r.success ? { ok: true, input: r.data } : { ok: false, errors: policyIssues(fieldIssues(r.error), f) };
}

/** A refused save: the API's 400 details at their fields, anything else in one line. */
export function policyErrors(e: unknown, doing: string): FormErrors {
  const details = isApiError(e) && e.code === 'VALIDATION' && Array.isArray(e.details) ? (e.details as Array<{ field?: unknown; message?: unknown }>) : [];
  return details.length ? policyIssues(details) : { fields: {}, other: errorText(e, doing) };
}
