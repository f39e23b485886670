/**
 * The service index's indicators (助企服务指数, 001/003): three first-level
 * indicators, their second-level ones computed from the tickets or entered by
 * the supervisor or the third-party assessor, and the notices as deductions.
 * Declared once: the scoring, the API, the Excel table and the mini-program's
 * labels all come from here.
 */

/** What the running aggregates add up, per unit and period: whole numbers, so sums are exact. */
export const COUNTERS = [
  'handled',
  'claimed',
  'claimOnTime',
  'claimMinutes',
  'contactDue',
  'contactOnTime',
  'replied',
  'resolved',
  'resolvedOnTime',
  'resolveMinutes',
  'reopened',
  'rated',
  'satisfied',
  'reminders',
  'urges',
  'warnings',
  'leaderLed',
  'leaderKept',
  'tasks',
  'tasksOnTime',
] as const;
export type CounterName = (typeof COUNTERS)[number];
export type Counters = Record<CounterName, number>;

export const zeroCounters = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

export function addCounters(into: Counters, more: Partial<Counters>, sign = 1): Counters {
  for (const c of COUNTERS) into[c] += sign * (more[c] ?? 0);
  return into;
}

export const FIRST_LEVEL = ['reply', 'resolution', 'satisfaction'] as const;
export type FirstLevel = (typeof FIRST_LEVEL)[number];
export const FIRST_LEVEL_LABELS: Record<FirstLevel, string> = { reply: '问题回复', resolution: '事项办结', satisfaction: '满意度' };

export type IndicatorKind =
  /** numerator ÷ denominator, higher is better */
  | 'rate'
  /** numerator ÷ denominator, lower is better (scored 1 − rate) */
  | 'inverseRate'
  /** average working hours (minutes ÷ count ÷ 60), scored against a target */
  | 'hours'
  /** entered per unit and period, 0–100 */
  | 'manual';

export interface IndicatorSpec {
  label: string;
  level: FirstLevel;
  kind: IndicatorKind;
  /** rate / hours: the counters it divides */
  of?: { num: CounterName; den: CounterName };
  /** for hours: which target of the scheme it is scored against */
  target?: 'claimHours' | 'resolveHours';
  /** how it is measured, for the assessor and the Excel table */
  rule: string;
}

export const INDICATORS = {
  claimRate: { label: '接哨率', level: 'reply', kind: 'rate', of: { num: 'claimOnTime', den: 'claimed' }, rule: '认领时限内认领的诉求 ÷ 认领的诉求' },
  contactRate: { label: '24小时联系率', level: 'reply', kind: 'rate', of: { num: 'contactOnTime', den: 'contactDue' }, rule: '联系时限内联系企业的诉求 ÷ 应联系的诉求' },
  replyRate: { label: '回复率', level: 'reply', kind: 'rate', of: { num: 'replied', den: 'handled' }, rule: '已联系或已答复的诉求 ÷ 承办的诉求' },
  avgClaimHours: { label: '平均认领用时', level: 'reply', kind: 'hours', of: { num: 'claimMinutes', den: 'claimed' }, target: 'claimHours', rule: '发布到认领的平均工作小时' },
  policyPromotion: { label: '政策宣传', level: 'reply', kind: 'manual', rule: '督办人员或第三方评估录入（0–100），附佐证' },
  onTimeRate: { label: '按时办结率', level: 'resolution', kind: 'rate', of: { num: 'resolvedOnTime', den: 'resolved' }, rule: '办结时限内办结的诉求 ÷ 办结的诉求' },
  resolveRate: { label: '办结率', level: 'resolution', kind: 'rate', of: { num: 'resolved', den: 'handled' }, rule: '已办结的诉求 ÷ 承办的诉求' },
  reopenRate: { label: '重开率', level: 'resolution', kind: 'inverseRate', of: { num: 'reopened', den: 'resolved' }, rule: '被企业重开的诉求 ÷ 办结的诉求（越低越好）' },
  avgResolveHours: { label: '平均办结用时', level: 'resolution', kind: 'hours', of: { num: 'resolveMinutes', den: 'resolved' }, target: 'resolveHours', rule: '认领到办结的平均工作小时' },
  leaderCadence: { label: '领导领办节点履行率', level: 'resolution', kind: 'rate', of: { num: 'leaderKept', den: 'leaderLed' }, rule: '无领办节点督办的领办事项 ÷ 领办事项' },
  jointTasks: { label: '联办任务按时率', level: 'resolution', kind: 'rate', of: { num: 'tasksOnTime', den: 'tasks' }, rule: '按时完成的联办任务 ÷ 已完成或已超时的联办任务' },
  supplyDemand: { label: '供需对接', level: 'resolution', kind: 'manual', rule: '督办人员或第三方评估录入（0–100），附佐证' },
  satisfactionRate: { label: '满意率', level: 'satisfaction', kind: 'rate', of: { num: 'satisfied', den: 'rated' }, rule: '评价满意或基本满意的诉求 ÷ 已评价的诉求' },
  preciseService: { label: '精准服务', level: 'satisfaction', kind: 'manual', rule: '督办人员或第三方评估录入（0–100），附佐证' },
} as const satisfies Record<string, IndicatorSpec>;

export type IndicatorCode = keyof typeof INDICATORS;
export const INDICATOR_CODES = Object.keys(INDICATORS) as IndicatorCode[];
export const MANUAL_INDICATORS = INDICATOR_CODES.filter((c) => INDICATORS[c].kind === 'manual');
export type ManualIndicator = 'policyPromotion' | 'supplyDemand' | 'preciseService';

/** The deduction for supervision notices: a thirteenth line of the table, subtracted from the index. */
export const NOTICE_DEDUCTION = { code: 'notices', label: '督办扣分', rule: '提醒、催办、警告各按方案扣分，设上限' } as const;

/** Which indicators a fact counts in: the drill-down's filter, and what a dispute of that indicator removes. */
export const INDICATOR_COUNTERS: Record<IndicatorCode | 'notices', readonly CounterName[]> = Object.fromEntries([
  ...INDICATOR_CODES.map((c) => {
    const spec: IndicatorSpec = INDICATORS[c];
    return [c, spec.of ? [spec.of.num, spec.of.den] : []];
  }),
  ['notices', ['reminders', 'urges', 'warnings']],
]) as Record<IndicatorCode | 'notices', readonly CounterName[]>;
