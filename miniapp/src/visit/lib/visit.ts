import {
  CATEGORIES,
  hasRole,
  LABELS,
  localDate,
  ORDER_TRENDS,
  PRODUCTION_STATES,
  STAFFING_STATES,
  VISIT_KINDS,
  VISIT_LABELS,
  type Category,
  type Enterprise,
  type LogVisitInput,
  type MeResponse,
  type Situation,
  type VisitKind,
} from '@whistle/shared';

/** The visit subpackage's plain helpers: choices with their labels, months, whose enterprises a caller visits. */
export const KIND_OPTIONS = VISIT_KINDS.map((v) => ({ value: v, label: VISIT_LABELS.kind[v] }));
export const PRODUCTION_OPTIONS = PRODUCTION_STATES.map((v) => ({ value: v, label: VISIT_LABELS.production[v] }));
export const ORDER_OPTIONS = ORDER_TRENDS.map((v) => ({ value: v, label: VISIT_LABELS.orders[v] }));
export const STAFFING_OPTIONS = STAFFING_STATES.map((v) => ({ value: v, label: VISIT_LABELS.staffing[v] }));
export const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c, label: LABELS.category[c] }));

/** A finding as the form edits it. */
export interface FindingDraft {
  text: string;
  category?: Category;
  resolvedOnSite: boolean;
}

/** The visit form's state. */
export interface VisitDraft {
  enterpriseId?: string;
  date: string;
  kind: VisitKind;
  situation: Partial<Situation>;
  findings: FindingDraft[];
}

export const newVisitDraft = (now: number = Date.now(), enterpriseId?: string): VisitDraft => ({
  ...(enterpriseId ? { enterpriseId } : {}),
  date: localDate(now),
  kind: 'onSite',
  situation: {},
  findings: [],
});

/** The situation in a few words: 减产 · 订单下滑 · 用工短缺 */
export const situationText = (s: Situation): string =>
  [VISIT_LABELS.production[s.production], VISIT_LABELS.orders[s.orders], VISIT_LABELS.staffing[s.staffing]].join(' · ');

/** Whether the situation names trouble (a chip's tone). */
export const troubled = (s: Situation): boolean => s.production !== 'normal' || s.orders === 'falling' || s.staffing === 'short';

/** This month and the `n - 1` before it: `2026-11`, `2026-10`… */
export function recentMonths(now: number = Date.now(), n = 6): string[] {
  const [y, m] = localDate(now).split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * The enterprises the caller may log a visit for: every one for the
 * supervisor; else those of the grids they look after (`gridIds`: their own
 * and their areas', as coverage lists them) and those they are commissioner of.
 */
export function visitableEnterprises(me: MeResponse | undefined, enterprises: readonly Enterprise[], gridIds: readonly string[]): Enterprise[] {
  if (!me) return [];
  if (hasRole(me.user, 'supervisor')) return [...enterprises];
  const grids = new Set([...(me.duties?.officerOf ?? []), ...(me.duties?.chiefOf ?? []), ...gridIds]);
  return enterprises.filter((e) => grids.has(e.gridId) || (e.commissionerUserIds ?? []).includes(me.user.id));
}

/** What the form must have before it is sent (the picks; the API checks the rest and names its fields). */
export function draftProblems(d: VisitDraft): Array<{ field: string; message: string }> {
  const issues: Array<{ field: string; message: string }> = [];
  if (!d.enterpriseId) issues.push({ field: 'enterpriseId', message: '请选择走访企业' });
  if (!d.situation.production) issues.push({ field: 'situation.production', message: '请选择生产情况' });
  if (!d.situation.orders) issues.push({ field: 'situation.orders', message: '请选择订单情况' });
  if (!d.situation.staffing) issues.push({ field: 'situation.staffing', message: '请选择用工情况' });
  d.findings.forEach((f, i) => {
    if (!f.text.trim()) issues.push({ field: `findings.${i}.text`, message: '请填写问题描述' });
    if (!f.category) issues.push({ field: `findings.${i}.category`, message: '请选择问题类别' });
  });
  return issues;
}

/** The fields the form shows messages at. */
export const formFields = (d: VisitDraft): string[] => [
  'enterpriseId',
  'date',
  'kind',
  'situation',
  'situation.production',
  'situation.orders',
  'situation.staffing',
  'situation.note',
  'findings',
  ...d.findings.flatMap((_, i) => [`findings.${i}.text`, `findings.${i}.category`]),
];

/** The request the draft makes (after `draftProblems` found nothing missing). */
export function visitBody(d: VisitDraft): LogVisitInput {
  const s = d.situation;
  return {
    enterpriseId: d.enterpriseId ?? '',
    date: d.date,
    kind: d.kind,
    situation: { production: s.production ?? 'normal', orders: s.orders ?? 'steady', staffing: s.staffing ?? 'sufficient', ...(s.note?.trim() ? { note: s.note.trim() } : {}) },
    findings: d.findings.map((f) => ({ text: f.text, category: f.category ?? 'other', ...(f.resolvedOnSite ? { resolvedOnSite: true } : {}) })),
  };
}
