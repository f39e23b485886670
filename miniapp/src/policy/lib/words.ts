import { LABELS, localDate, POLICY_LABELS, type PolicyCard, type PolicyConditions, type PolicyMatch } from '@whistle/shared';

/** A policy in plain words: its validity, its expiry, its conditions (who it is for). */

/** Within this many days of its end a policy is "即将到期" when the server has not said (its window decides in 我的政策). */
export const EXPIRING_DAYS = 30;
const DAY_MS = 86_400_000;

export const validityText = (p: Pick<PolicyCard, 'validFrom' | 'validTo'>): string =>
  p.validTo ? `${p.validFrom} 至 ${p.validTo}` : `${p.validFrom} 起长期有效`;

/** Days from today (in Shanghai) to a date: 0 on its last day, negative once past. */
export const daysUntil = (date: string, now: number): number => Math.round((Date.parse(date) - Date.parse(localDate(now))) / DAY_MS);

export type Expiry = { state: 'open' } | { state: 'soon' | 'running'; daysLeft: number } | { state: 'expired' };

/** Whether a policy is about to end: the match's own figures when the server gave them, else from its end date. */
export function expiryOf(p: Pick<PolicyCard, 'validTo'>, now: number, match?: Pick<PolicyMatch, 'daysLeft' | 'expiringSoon'>): Expiry {
  const daysLeft = match?.daysLeft ?? (p.validTo ? daysUntil(p.validTo, now) : undefined);
  if (daysLeft === undefined) return { state: 'open' };
  if (daysLeft < 0) return { state: 'expired' };
  const soon = match ? match.expiringSoon : daysLeft <= EXPIRING_DAYS;
  return { state: soon ? 'soon' : 'running', daysLeft };
}

export const expiryText = (e: Expiry): string | undefined =>
  e.state === 'soon' ? (e.daysLeft === 0 ? '今天到期' : `即将到期 · 还剩 ${e.daysLeft} 天`) : e.state === 'expired' ? '已过期' : undefined;

const join = (values: readonly string[]): string => values.join('、');

/**
 * Who a policy is for, one line per condition (an enterprise must meet every
 * line; within a line any value will do). No line: every enterprise (普惠).
 */
export function conditionLines(c: PolicyConditions, townNames: Readonly<Record<string, string>> = {}): string[] {
  const lines: string[] = [];
  if (c.industries?.length) lines.push(`行业：${join(c.industries.map((i) => LABELS.industry[i]))}`);
  if (c.tiers?.length) lines.push(`企业类型：${join(c.tiers.map((t) => LABELS.tier[t]))}`);
  if (c.tags?.length) lines.push(`企业资质：${join(c.tags.map((t) => POLICY_LABELS.tag[t]))}`);
  if (c.headcountBands?.length) lines.push(`从业人数：${join(c.headcountBands.map((b) => POLICY_LABELS.headcount[b]))}`);
  if (c.revenueBands?.length) lines.push(`年营业收入：${join(c.revenueBands.map((b) => POLICY_LABELS.revenue[b]))}`);
  if (c.keyOnly) lines.push('仅限重点企业');
  if (c.townUnitIds?.length) {
    // the units' names are known to staff (GET /api/units); an owner sees how many
    const names = c.townUnitIds.map((id) => townNames[id]);
    lines.push(names.every(Boolean) ? `所在镇街：${join(names as string[])}` : `所在镇街：限 ${c.townUnitIds.length} 个指定镇街`);
  }
  return lines;
}

export const isUniversal = (c: PolicyConditions): boolean => conditionLines(c).length === 0;

export const levelLabel = (p: Pick<PolicyCard, 'level'>): string => POLICY_LABELS.level[p.level];
export const categoryLabel = (p: Pick<PolicyCard, 'category'>): string => POLICY_LABELS.category[p.category];

/** "政策咨询：<title>", within the request title's 60 characters. */
export function consultTitle(policyTitle: string, max = 60): string {
  const full = `政策咨询：${policyTitle.trim()}`;
  return full.length <= max ? full : `${full.slice(0, max - 1)}…`;
}

/** Whether a page parameter is one of a list's codes. */
export const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
