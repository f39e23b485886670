import * as z from 'zod/mini';
import { Id, Instant } from '../schemas/common.js';
import { FIRST_LEVEL, INDICATOR_CODES, type FirstLevel, type IndicatorCode } from './indicators.js';

/**
 * The assessment scheme: weights, targets and deductions, data per tenant,
 * versioned. A version applies from its first month on; a new version may only
 * start in the current month or later, so changing the scheme never rewrites a
 * period already assessed: each period is scored by the latest version that
 * had started by the period's first month.
 */
const weight = z.number({ error: '权重必须是数字' }).check(z.minimum(0, { error: '权重不能为负' }), z.maximum(100, { error: '权重最多 100' }));
const points = z.number({ error: '扣分必须是数字' }).check(z.minimum(0, { error: '扣分不能为负' }), z.maximum(100, { error: '扣分最多 100' }));
const hours = z.number({ error: '目标时长必须是数字' }).check(z.gt(0, { error: '目标时长必须大于 0' }), z.maximum(2000, { error: '目标时长过长' }));

export const Month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 2026-11' }));

export const SchemeBody = z.strictObject({
  /** the first month the version applies to */
  effectiveFrom: Month,
  /** the three first-level indicators' weights: they add up to 100 */
  levelWeights: z.strictObject(Object.fromEntries(FIRST_LEVEL.map((l) => [l, weight])) as Record<FirstLevel, typeof weight>),
  /** each second-level indicator's weight within its first-level one (0 leaves it out) */
  weights: z.strictObject(Object.fromEntries(INDICATOR_CODES.map((c) => [c, weight])) as Record<IndicatorCode, typeof weight>),
  /** points off the index per notice, and at most this many in all */
  deductions: z.strictObject({ reminder: points, urge: points, warning: points, cap: points }),
  /** the average working hours scored full marks; three times as long scores nothing */
  targets: z.strictObject({ claimHours: hours, resolveHours: hours }),
  /** how many units the red list and the black list name, per track */
  listSize: z.int({ error: '红黑榜人数必须是整数' }).check(z.minimum(1, { error: '红黑榜至少 1 个' }), z.maximum(10, { error: '红黑榜最多 10 个' })),
}).check(
  z.refine((s) => Math.abs(FIRST_LEVEL.reduce((n, l) => n + s.levelWeights[l], 0) - 100) < 1e-9, {
    error: '一级指标权重之和必须为 100',
    path: ['levelWeights'],
  }),
);
export type SchemeBody = z.infer<typeof SchemeBody>;

export const AssessmentScheme = z.object({
  ...SchemeBody.shape,
  version: z.int().check(z.minimum(1)),
  createdAt: Instant,
  createdBy: Id,
});
export type AssessmentScheme = z.infer<typeof AssessmentScheme>;

/** The scheme a district starts with (奉节's shape: reply, resolution, satisfaction). */
export const DEFAULT_SCHEME: AssessmentScheme = {
  version: 1,
  effectiveFrom: '2000-01',
  createdAt: '2000-01-01T00:00:00.000Z',
  createdBy: 'system',
  levelWeights: { reply: 35, resolution: 40, satisfaction: 25 },
  weights: {
    claimRate: 30,
    contactRate: 20,
    replyRate: 20,
    avgClaimHours: 15,
    policyPromotion: 15,
    onTimeRate: 25,
    resolveRate: 20,
    reopenRate: 10,
    avgResolveHours: 10,
    leaderCadence: 10,
    jointTasks: 10,
    supplyDemand: 15,
    satisfactionRate: 80,
    preciseService: 20,
  },
  deductions: { reminder: 0.5, urge: 1, warning: 2, cap: 20 },
  targets: { claimHours: 2, resolveHours: 24 },
  listSize: 2,
};

/** The version that scores a period starting in `firstMonth`: the latest one started by then. */
export function schemeFor(versions: readonly AssessmentScheme[], firstMonth: string): AssessmentScheme {
  let best: AssessmentScheme | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > firstMonth) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best ?? DEFAULT_SCHEME;
}
