import { localDate } from '../calendar/index.js';
import { LABELS } from '../schemas/common.js';
import type { Enterprise } from '../schemas/reference.js';
import { POLICY_LABELS, type Policy, type PolicyConditions, type PolicyMatch } from './schemas.js';

/**
 * Matching a policy to an enterprise (我的政策), pure. A policy without
 * conditions is universal (普惠): every enterprise may apply. Otherwise the
 * enterprise matches (专属) when it meets every condition given, any one value
 * of a condition sufficing; each condition met is a reason, in Chinese. Only a
 * live policy matches: published, already valid, not expired (its `validTo`
 * before today, in Asia/Shanghai).
 */

/** A policy expiring within this many days is flagged (快到期). */
export const EXPIRING_SOON_DAYS = 30;

/** What matching reads of an enterprise: its profile, and the township its grid belongs to. */
export interface MatchSubject {
  enterprise: Pick<Enterprise, 'industry' | 'tier' | 'key' | 'tags' | 'headcountBand' | 'revenueBand'>;
  /** the township unit of the enterprise's grid */
  townUnitId?: string | undefined;
  /** that township's name, for the reason */
  townName?: string | undefined;
}

const given = <T>(values: readonly T[] | undefined): values is readonly T[] => values !== undefined && values.length > 0;

/** No condition given: every enterprise (普惠). */
export const isUniversal = (c: PolicyConditions): boolean =>
  !given(c.industries) && !given(c.tiers) && !given(c.tags) && !given(c.headcountBands) && !given(c.revenueBands) && !c.keyOnly && !given(c.townUnitIds);

/**
 * The reasons an enterprise meets every condition given (one per condition, in
 * the order of the conditions), or undefined when it misses one. Universal:
 * no reasons (the caller says 普惠).
 */
export function conditionReasons(c: PolicyConditions, s: MatchSubject): string[] | undefined {
  const e = s.enterprise;
  const reasons: string[] = [];
  if (given(c.industries)) {
    if (!c.industries.includes(e.industry)) return undefined;
    reasons.push(`行业：${LABELS.industry[e.industry]}`);
  }
  if (given(c.tiers)) {
    if (!c.tiers.includes(e.tier)) return undefined;
    reasons.push(`企业类型：${LABELS.tier[e.tier]}`);
  }
  if (given(c.tags)) {
    const held = c.tags.filter((t) => e.tags?.includes(t));
    if (held.length === 0) return undefined;
    reasons.push(`企业标签：${held.map((t) => POLICY_LABELS.tag[t]).join('、')}`);
  }
  if (given(c.headcountBands)) {
    if (!e.headcountBand || !c.headcountBands.includes(e.headcountBand)) return undefined;
    reasons.push(`从业人数：${POLICY_LABELS.headcount[e.headcountBand]}`);
  }
  if (given(c.revenueBands)) {
    if (!e.revenueBand || !c.revenueBands.includes(e.revenueBand)) return undefined;
    reasons.push(`营业收入：${POLICY_LABELS.revenue[e.revenueBand]}`);
  }
  if (c.keyOnly) {
    if (!e.key) return undefined;
    reasons.push('重点企业');
  }
  if (given(c.townUnitIds)) {
    if (!s.townUnitId || !c.townUnitIds.includes(s.townUnitId)) return undefined;
    reasons.push(`所在镇街：${s.townName ?? s.townUnitId}`);
  }
  return reasons;
}

/** Whether the enterprise meets the conditions (universal: always). The push's test, without the reasons' strings. */
export const meetsConditions = (c: PolicyConditions, s: MatchSubject): boolean => conditionReasons(c, s) !== undefined;

const dayNumber = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** Whole days from one local date to another (negative when `to` is before `from`). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** Today in Asia/Shanghai, the date validity windows are read in. */
export const policyToday = (now: Date | string | number): string => localDate(now);

export type PolicyState = 'live' | 'notPublished' | 'notYetValid' | 'expired';

/** Where a policy stands today: only a live one matches anyone. */
export function policyState(p: Pick<Policy, 'status' | 'validFrom' | 'validTo'>, today: string): PolicyState {
  if (p.status !== 'published') return 'notPublished';
  if (p.validTo !== undefined && p.validTo < today) return 'expired';
  if (p.validFrom > today) return 'notYetValid';
  return 'live';
}

/** Days left before `validTo` (inclusive of that day: 0 on its last day), and whether that is soon. */
export function expiry(p: Pick<Policy, 'validTo'>, today: string): Pick<PolicyMatch, 'daysLeft' | 'expiringSoon'> {
  if (p.validTo === undefined) return { expiringSoon: false };
  const daysLeft = daysBetween(today, p.validTo);
  return { daysLeft, expiringSoon: daysLeft >= 0 && daysLeft <= EXPIRING_SOON_DAYS };
}

/** The reason a universal policy gives. */
export const UNIVERSAL_REASON = '普惠政策：辖区企业均可申报';

/** How a policy stands for an enterprise today: universal or matched with its reasons, or undefined (not for it, or not live). */
export function matchPolicy(
  p: Pick<Policy, 'status' | 'validFrom' | 'validTo' | 'conditions'>,
  s: MatchSubject,
  today: string,
): PolicyMatch | undefined {
  if (policyState(p, today) !== 'live') return undefined;
  const timing = expiry(p, today);
  if (isUniversal(p.conditions)) return { kind: 'universal', reasons: [UNIVERSAL_REASON], ...timing };
  const reasons = conditionReasons(p.conditions, s);
  return reasons ? { kind: 'matched', reasons, ...timing } : undefined;
}

/**
 * 我的政策's order: the matched (专属) first, then the universal (普惠); within
 * each, the soonest to expire first (no end date last), then by title.
 */
export function compareMatches(a: { match: PolicyMatch; title: string }, b: { match: PolicyMatch; title: string }): number {
  if (a.match.kind !== b.match.kind) return a.match.kind === 'matched' ? -1 : 1;
  const da = a.match.daysLeft ?? Number.POSITIVE_INFINITY;
  const db = b.match.daysLeft ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return a.title.localeCompare(b.title, 'zh');
}
