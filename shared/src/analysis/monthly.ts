import { workingMinutesBetween, type WorkingCalendar } from '../calendar/index.js';
import { periodRange } from '../exports/period.js';
import { CATEGORIES, INDUSTRIES, LABELS, type Category } from '../schemas/common.js';
import type { Enterprise, Grid, Unit } from '../schemas/reference.js';
import type { Ticket } from '../schemas/ticket.js';
import type {
  CategoryCount,
  CommonIssuesOfMonth,
  HotSpot,
  IndustrySlice,
  MonthFigures,
  MonthlyAnalysis,
  Satisfaction,
  SlowUnit,
  TownshipSlice,
  TrendMonth,
} from './schemas.js';

/**
 * The monthly analysis (月分析), pure. The month's requests are those raised
 * in it (Asia/Shanghai); what became of them is read as of `asOf`: the month's
 * end once it is over (月末口径: the same figures whenever it is computed),
 * else the moment it is computed.
 *
 * - volume by category, by industry (the enterprise's, from the directory) and
 *   by township (the township unit of the ticket's grid);
 * - resolved: resolved or closed, its resolution before `asOf`; open at month
 *   end: the others;
 * - overdue (办结超期): the resolve clock's deadline passed before `asOf` and it
 *   was not met by then (a clock paused before its deadline, waiting for the
 *   enterprise, is not overdue);
 * - claim time: the claim clock's start to its being met; resolve time: the
 *   claim to the resolution; both in working minutes on the tenant's calendar,
 *   shown as hours (one decimal); medians;
 * - slowest units: units handling at least MIN_RANKED_TICKETS of the month's
 *   requests, by median resolve time (none resolved: last), then median claim
 *   time, slowest first, SLOWEST_SHOWN of them;
 * - satisfaction: ratings given before `asOf` of the requests resolved;
 *   rated share = rated ÷ resolved, rate (满意度) = (satisfied + fair) ÷ rated;
 * - trend: the months before (as kept) and this one;
 * - hot spots: see HOT_MIN_COUNT and HOT_LIFT.
 */

/** a unit is ranked among the slowest when it handles at least this many of the month's requests */
export const MIN_RANKED_TICKETS = 5;
/** how many of the slowest units the analysis names */
export const SLOWEST_SHOWN = 5;
/** months of trend before the month itself */
export const TREND_MONTHS = 6;
/**
 * A category × township cell is a hot spot (热点) when it holds at least
 * HOT_MIN_COUNT of the month's requests and its share of the month's requests
 * is at least HOT_LIFT times its share over the previous months (a cell with
 * none before: any share is above). No history (no request in the previous
 * months): no hot spots.
 */
export const HOT_MIN_COUNT = 3;
export const HOT_LIFT = 2;

export const UNKNOWN = 'unknown';

export interface AnalysisDirectory {
  grids: ReadonlyArray<Pick<Grid, 'id' | 'townUnitId'>>;
  units: ReadonlyArray<Pick<Unit, 'id' | 'name' | 'track'>>;
  enterprises: ReadonlyArray<Pick<Enterprise, 'id' | 'industry'>>;
}

export interface MonthlyInput {
  /** YYYY-MM */
  month: string;
  /** the requests raised in the month (others are ignored) */
  tickets: readonly Ticket[];
  /** the figures of the months before, oldest first (the last TREND_MONTHS are used) */
  history: readonly MonthFigures[];
  directory: AnalysisDirectory;
  calendar: WorkingCalendar;
  /** UTC ISO: when it is computed */
  now: string;
  /** common issues new and open in the month, once the common-issue ledger counts them; absent: null in the answer */
  commonIssues?: CommonIssuesOfMonth;
}

const round = (n: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
const ratio = (num: number, den: number): number | null => (den > 0 ? round(num / den, 4) : null);
const hours = (minutes: number | null): number | null => (minutes === null ? null : round(minutes / 60, 1));

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** What became of one request as of `asOf`. */
interface Fate {
  ticket: Ticket;
  category: Category;
  townId: string;
  industry: string;
  resolved: boolean;
  overdue: boolean;
  claimMinutes: number | null;
  resolveMinutes: number | null;
  rating: 'satisfied' | 'fair' | 'unsatisfied' | null;
}

function fateOf(t: Ticket, asOf: string, cal: WorkingCalendar, townOfGrid: Map<string, string>, industryOf: Map<string, string>): Fate {
  const resolved = (t.status === 'resolved' || t.status === 'closed') && t.resolution !== undefined && t.resolution.at < asOf;
  const claim = t.clocks.find((c) => c.kind === 'claim');
  const claimedAt = claim?.metAt && claim.metAt < asOf ? claim.metAt : undefined;
  const claimMinutes = claim && claimedAt ? workingMinutesBetween(cal, claim.startedAt, claimedAt) : null;
  const from = t.claimedAt ?? claim?.metAt;
  const resolveMinutes = resolved && from && t.resolution ? workingMinutesBetween(cal, from, t.resolution.at) : null;
  const resolve = t.clocks.find((c) => c.kind === 'resolve');
  const metInTime = resolve?.metAt !== undefined && resolve.metAt <= resolve.dueAt;
  const pausedInTime = resolve?.pausedAt !== undefined && resolve.pausedAt <= resolve.dueAt && !resolve.metAt;
  const overdue = resolve !== undefined && resolve.dueAt < asOf && !metInTime && !pausedInTime;
  return {
    ticket: t,
    category: t.category,
    townId: townOfGrid.get(t.gridId) ?? UNKNOWN,
    industry: industryOf.get(t.enterpriseId) ?? UNKNOWN,
    resolved,
    overdue,
    claimMinutes,
    resolveMinutes,
    rating: resolved && t.rating && t.rating.at < asOf ? t.rating.score : null,
  };
}

const byCategoryOf = (fates: readonly Fate[]): CategoryCount[] => CATEGORIES.map((category) => ({ category, count: fates.filter((f) => f.category === category).length }));

function satisfactionOf(fates: readonly Fate[]): Satisfaction {
  const resolved = fates.filter((f) => f.resolved).length;
  const count = (s: Fate['rating']) => fates.filter((f) => f.rating === s).length;
  const satisfied = count('satisfied');
  const fair = count('fair');
  const unsatisfied = count('unsatisfied');
  const rated = satisfied + fair + unsatisfied;
  return { resolved, rated, ratedShare: ratio(rated, resolved), satisfied, fair, unsatisfied, rate: ratio(satisfied + fair, rated) };
}

function slowestUnits(fates: readonly Fate[], unitName: Map<string, string>): SlowUnit[] {
  const byUnit = new Map<string, Fate[]>();
  for (const f of fates) {
    const u = f.ticket.handlingUnitId;
    if (u) byUnit.set(u, [...(byUnit.get(u) ?? []), f]);
  }
  const rows: SlowUnit[] = [];
  for (const [unitId, own] of byUnit) {
    if (own.length < MIN_RANKED_TICKETS) continue;
    const claims = own.flatMap((f) => (f.claimMinutes === null ? [] : [f.claimMinutes]));
    const resolves = own.flatMap((f) => (f.resolveMinutes === null ? [] : [f.resolveMinutes]));
    rows.push({
      unitId,
      name: unitName.get(unitId) ?? own[0]?.ticket.handlingUnitName ?? unitId,
      tickets: own.length,
      claimed: claims.length,
      resolved: resolves.length,
      medianClaimHours: hours(median(claims)),
      medianResolveHours: hours(median(resolves)),
    });
  }
  const desc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);
  return rows
    .sort((a, b) => desc(a.medianResolveHours, b.medianResolveHours) || desc(a.medianClaimHours, b.medianClaimHours) || a.name.localeCompare(b.name, 'zh'))
    .slice(0, SLOWEST_SHOWN);
}

function hotSpotsOf(figures: MonthFigures, history: readonly MonthFigures[], townName: (id: string) => string): HotSpot[] {
  const before = history.reduce((n, m) => n + m.total, 0);
  if (before === 0 || figures.total === 0) return [];
  const usual = new Map<string, number>();
  for (const m of history) for (const c of m.cells) usual.set(`${c.category}|${c.unitId}`, (usual.get(`${c.category}|${c.unitId}`) ?? 0) + c.count);
  const out: HotSpot[] = [];
  for (const c of figures.cells) {
    if (c.count < HOT_MIN_COUNT) continue;
    const share = c.count / figures.total;
    const usualShare = (usual.get(`${c.category}|${c.unitId}`) ?? 0) / before;
    if (share < HOT_LIFT * usualShare) continue;
    out.push({
      category: c.category,
      categoryLabel: LABELS.category[c.category],
      unitId: c.unitId,
      townName: townName(c.unitId),
      count: c.count,
      share: round(share, 4),
      usualShare: round(usualShare, 4),
      lift: usualShare > 0 ? round(share / usualShare, 2) : null,
    });
  }
  return out.sort((a, b) => b.count - a.count || (b.lift ?? Infinity) - (a.lift ?? Infinity) || a.unitId.localeCompare(b.unitId));
}

/** A month's range; throws on what is not a month (the edge parsed it). */
export function monthRange(month: string): { from: string; to: string; label: string } {
  const r = periodRange(month);
  if (r?.kind !== 'month') throw new Error(`not a month: ${month}`);
  return r;
}

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The TREND_MONTHS months before `month`, oldest first. */
export function monthsBefore(month: string, count = TREND_MONTHS): string[] {
  const out: string[] = [];
  let cur = month;
  for (let i = 0; i < count; i++) out.unshift((cur = previousMonth(cur)));
  return out;
}


export function monthlyAnalysis(input: MonthlyInput): MonthlyAnalysis {
  const range = monthRange(input.month);
  const complete = range.to <= input.now;
  const asOf = complete ? range.to : input.now;
  const townOfGrid = new Map(input.directory.grids.map((g) => [g.id, g.townUnitId]));
  const industryOf = new Map<string, string>(input.directory.enterprises.map((e) => [e.id, e.industry]));
  const unitName = new Map(input.directory.units.map((u) => [u.id, u.name]));
  const townName = (id: string) => (id === UNKNOWN ? '未知镇街' : (unitName.get(id) ?? id));
  const fates = input.tickets
    .filter((t) => t.createdAt >= range.from && t.createdAt < range.to)
    .map((t) => fateOf(t, asOf, input.calendar, townOfGrid, industryOf));
  const total = fates.length;
  const satisfaction = satisfactionOf(fates);

  const cells = new Map<string, { category: Category; unitId: string; count: number }>();
  for (const f of fates) {
    const key = `${f.category}|${f.townId}`;
    const cell = cells.get(key) ?? { category: f.category, unitId: f.townId, count: 0 };
    cell.count += 1;
    cells.set(key, cell);
  }
  const byCategory = byCategoryOf(fates);
  const figures: MonthFigures = {
    month: input.month,
    total,
    resolved: satisfaction.resolved,
    openAtEnd: total - satisfaction.resolved,
    overdue: fates.filter((f) => f.overdue).length,
    rated: satisfaction.rated,
    satisfiedOrFair: satisfaction.satisfied + satisfaction.fair,
    satisfactionRate: satisfaction.rate,
    byCategory,
    cells: [...cells.values()].sort((a, b) => a.category.localeCompare(b.category) || a.unitId.localeCompare(b.unitId)),
  };
  const history = input.history.filter((m) => m.month < input.month).slice(-TREND_MONTHS);
  const hotSpots = hotSpotsOf(figures, history, townName);

  const townships = [...input.directory.units.filter((u) => u.track === 'township').map((u) => u.id)];
  for (const f of fates) if (!townships.includes(f.townId)) townships.push(f.townId);
  const byTownship: TownshipSlice[] = townships
    .map((unitId) => {
      const own = fates.filter((f) => f.townId === unitId);
      return {
        unitId,
        name: townName(unitId),
        count: own.length,
        share: ratio(own.length, total),
        byCategory: byCategoryOf(own).filter((c) => c.count > 0),
        hot: hotSpots.filter((h) => h.unitId === unitId).map((h) => h.category),
      };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));

  const industries = [...INDUSTRIES, UNKNOWN];
  const byIndustry: IndustrySlice[] = industries
    .map((industry) => {
      const count = fates.filter((f) => f.industry === industry).length;
      const label = industry === UNKNOWN ? '未登记行业' : LABELS.industry[industry as keyof typeof LABELS.industry];
      return { industry, label, count, share: ratio(count, total) };
    })
    .filter((s) => s.industry !== UNKNOWN || s.count > 0);

  const trend: TrendMonth[] = [...history, figures].map((m) => ({ month: m.month, total: m.total, byCategory: m.byCategory }));
  const prev = history.at(-1);
  return {
    month: input.month,
    label: range.label,
    asOf,
    complete,
    computedAt: input.now,
    figures,
    previous: prev && prev.month === previousMonth(input.month) ? prev : null,
    medianClaimHours: hours(median(fates.flatMap((f) => (f.claimMinutes === null ? [] : [f.claimMinutes])))),
    medianResolveHours: hours(median(fates.flatMap((f) => (f.resolveMinutes === null ? [] : [f.resolveMinutes])))),
    byCategory: byCategory.map((c) => ({ category: c.category, label: LABELS.category[c.category], count: c.count, share: ratio(c.count, total) })),
    byIndustry,
    byTownship,
    trend,
    hotSpots,
    slowestUnits: slowestUnits(fates, unitName),
    satisfaction,
    commonIssues: input.commonIssues ?? null,
  };
}
