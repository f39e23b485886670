import * as z from 'zod/mini';
import { CALENDAR_YEAR_MAX, CALENDAR_YEAR_MIN } from '../calendar/index.js';
import { Category, Id, Instant } from '../schemas/common.js';

/**
 * The monthly analysis (月分析) as the API answers it and the store keeps it:
 * a month's requests by category, industry and township, the trend of the
 * months before, hot spots, the slowest units, satisfaction, open and overdue.
 * The figures' definitions are in ./monthly.ts.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = '应为月份，如 2026-11';

/** A month, `YYYY-MM`, in the calendar's years. */
export const AnalysisMonth = z.string({ error: MONTH_MESSAGE }).check(
  z.regex(MONTH, { error: MONTH_MESSAGE, abort: true }),
  z.refine((s) => {
    const year = Number(s.slice(0, 4));
    return year >= CALENDAR_YEAR_MIN && year <= CALENDAR_YEAR_MAX;
  }, { error: `年份应在 ${CALENDAR_YEAR_MIN}–${CALENDAR_YEAR_MAX} 之间` }),
);

export const MonthlyAnalysisQuery = z.strictObject({ month: AnalysisMonth });
export type MonthlyAnalysisQuery = z.infer<typeof MonthlyAnalysisQuery>;

/** a count and its share of the month's requests (0–1; null when the month has none) */
const Slice = { count: z.int(), share: z.nullable(z.number()) };
const CategoryCount = z.object({ category: Category, count: z.int() });
export type CategoryCount = z.infer<typeof CategoryCount>;

export const CategorySlice = z.object({ category: Category, label: z.string(), ...Slice });
export type CategorySlice = z.infer<typeof CategorySlice>;

/** `industry`: an industry code, or `unknown` (an enterprise the directory no longer has) */
export const IndustrySlice = z.object({ industry: z.string(), label: z.string(), ...Slice });
export type IndustrySlice = z.infer<typeof IndustrySlice>;

/** `unitId`: the township unit of the ticket's grid, or `unknown` (a grid the directory no longer has) */
export const TownshipSlice = z.object({
  unitId: z.string(),
  name: z.string(),
  ...Slice,
  byCategory: z.array(CategoryCount),
  /** the categories that are hot spots here this month */
  hot: z.array(Category),
});
export type TownshipSlice = z.infer<typeof TownshipSlice>;

export const TrendMonth = z.object({ month: z.string(), total: z.int(), byCategory: z.array(CategoryCount) });
export type TrendMonth = z.infer<typeof TrendMonth>;

export const HotSpot = z.object({
  category: Category,
  categoryLabel: z.string(),
  unitId: z.string(),
  townName: z.string(),
  count: z.int(),
  /** the cell's share of the month's requests */
  share: z.number(),
  /** its share over the previous months */
  usualShare: z.number(),
  /** share ÷ usual share; null when the cell had no request before */
  lift: z.nullable(z.number()),
});
export type HotSpot = z.infer<typeof HotSpot>;

export const SlowUnit = z.object({
  unitId: Id,
  name: z.string(),
  /** the month's requests it handles */
  tickets: z.int(),
  claimed: z.int(),
  resolved: z.int(),
  /** working hours on the tenant's calendar, one decimal */
  medianClaimHours: z.nullable(z.number()),
  medianResolveHours: z.nullable(z.number()),
});
export type SlowUnit = z.infer<typeof SlowUnit>;

export const Satisfaction = z.object({
  resolved: z.int(),
  rated: z.int(),
  /** rated ÷ resolved */
  ratedShare: z.nullable(z.number()),
  satisfied: z.int(),
  fair: z.int(),
  unsatisfied: z.int(),
  /** (satisfied + fair) ÷ rated: 满意度 */
  rate: z.nullable(z.number()),
});
export type Satisfaction = z.infer<typeof Satisfaction>;

/** The headline figures of a month, and what the trend and hot spots of the next months need of it. */
export const MonthFigures = z.object({
  month: z.string(),
  total: z.int(),
  resolved: z.int(),
  openAtEnd: z.int(),
  overdue: z.int(),
  rated: z.int(),
  /** satisfied + fair */
  satisfiedOrFair: z.int(),
  satisfactionRate: z.nullable(z.number()),
  byCategory: z.array(CategoryCount),
  /** the category × township cells with requests */
  cells: z.array(z.object({ category: Category, unitId: z.string(), count: z.int() })),
});
export type MonthFigures = z.infer<typeof MonthFigures>;

/** Common issues (共性问题) found or open in the month: filled once the common-issue ledger exists (issue 14). */
export const CommonIssuesOfMonth = z.object({
  /** confirmed in the month */
  new: z.int(),
  /** not solved at the month's end */
  open: z.int(),
});
export type CommonIssuesOfMonth = z.infer<typeof CommonIssuesOfMonth>;

/** The monthly analysis (the API's answer, and what the store keeps). */
export const MonthlyAnalysisResponse = z.object({
  month: z.string(),
  /** 2026年11月 */
  label: z.string(),
  /** the figures stand as of this instant: the month's end once it is over, else the moment computed */
  asOf: Instant,
  /** the month is over: computed once and kept */
  complete: z.boolean(),
  computedAt: Instant,
  figures: MonthFigures,
  /** the month before's figures, for the change (null before any history) */
  previous: z.nullable(MonthFigures),
  medianClaimHours: z.nullable(z.number()),
  medianResolveHours: z.nullable(z.number()),
  byCategory: z.array(CategorySlice),
  byIndustry: z.array(IndustrySlice),
  byTownship: z.array(TownshipSlice),
  /** the previous months and this one, oldest first */
  trend: z.array(TrendMonth),
  hotSpots: z.array(HotSpot),
  /** units with enough of the month's requests, slowest first */
  slowestUnits: z.array(SlowUnit),
  satisfaction: Satisfaction,
  /** null: not counted yet (the common-issue ledger is not in this version) */
  commonIssues: z.nullable(CommonIssuesOfMonth),
});
export type MonthlyAnalysis = z.infer<typeof MonthlyAnalysisResponse>;
