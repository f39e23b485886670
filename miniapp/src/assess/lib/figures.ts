import {
  FIRST_LEVEL,
  FIRST_LEVEL_LABELS,
  INDICATOR_CODES,
  INDICATORS,
  LEVEL_LABELS,
  NOTICE_DEDUCTION,
  parseNoticeId,
  type FirstLevel,
  type IndicatorCode,
  type ManualIndicator,
} from '@whistle/shared';
import { clockLabel } from '../../lib/format';

/**
 * The index's figures in words: an indicator's value (rates in %, hours in
 * 小时), its numerator over denominator, and what one ticket contributes to it
 * (the drill-down's fact). Labels come from the shared catalogue.
 */
export type DrillCode = IndicatorCode | 'notices';
export type Tone = 'ok' | 'danger' | 'muted';

export const isIndicator = (code: string | undefined): code is IndicatorCode => !!code && (INDICATOR_CODES as readonly string[]).includes(code);
/** 政策宣传 / 供需对接 / 精准服务: scored by hand, not computed from tickets. */
export const isManualIndicator = (code: string | undefined): code is ManualIndicator => isIndicator(code) && INDICATORS[code].kind === 'manual';
export const isDrillCode = (code: string | undefined): code is DrillCode => code === NOTICE_DEDUCTION.code || isIndicator(code);

export const indicatorLabel = (code: string): string => (isIndicator(code) ? INDICATORS[code].label : code === NOTICE_DEDUCTION.code ? NOTICE_DEDUCTION.label : code);

/** The indicators of a first-level indicator, in the catalogue's order. */
export const indicatorsOf = (level: FirstLevel): IndicatorCode[] => INDICATOR_CODES.filter((c) => INDICATORS[c].level === level);
export const LEVELS: ReadonlyArray<{ level: FirstLevel; label: string }> = FIRST_LEVEL.map((level) => ({ level, label: FIRST_LEVEL_LABELS[level] }));

/** A number with at most two decimals, no trailing zeros. */
export const num = (n: number): string => String(Math.round(n * 100) / 100);
export const formatScore = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : num(n));

export function formatValue(code: IndicatorCode, value: number | null): string {
  if (value === null) return '—';
  switch (INDICATORS[code].kind) {
    case 'rate':
    case 'inverseRate':
      return `${num(value)}%`;
    case 'hours':
      return `${num(value)} 小时`;
    case 'manual':
      return `${num(value)} 分`;
  }
}

/** `3 / 4` (hours: `4 件共 9.5 小时`); nothing for entered indicators. */
export function ratioText(code: IndicatorCode, n?: number, d?: number): string | undefined {
  if (n === undefined || d === undefined || INDICATORS[code].kind === 'manual') return undefined;
  return INDICATORS[code].kind === 'hours' ? `${d} 件共 ${num(n / 60)} 小时` : `${n} / ${d}`;
}

/** Words for a ticket counted (numerator met) or not, per rate indicator. */
const YES_NO: Partial<Record<IndicatorCode, readonly [string, string]>> = {
  claimRate: ['按时认领', '超时认领'],
  contactRate: ['按时联系企业', '未按时联系企业'],
  replyRate: ['已答复', '未答复'],
  onTimeRate: ['按时办结', '超时办结'],
  resolveRate: ['已办结', '未办结'],
  reopenRate: ['被企业重开', '未重开'],
  leaderCadence: ['领办节点均按时', '领办节点被督办'],
  jointTasks: ['联办任务按时完成', '联办任务超时'],
  satisfactionRate: ['满意或基本满意', '不满意'],
};

export interface Fact {
  text: string;
  tone: Tone;
}

/** What one ticket adds to a figure of its unit (its counters for that unit and month). */
export function drillFact(code: DrillCode, counters: Readonly<Record<string, number>>): Fact {
  const c = (k: string) => counters[k] ?? 0;
  if (code === 'notices') {
    const parts = (['reminder', 'urge', 'warning'] as const)
      .map((l) => ({ l, n: c(`${l}s`) }))
      .filter((x) => x.n > 0)
      .map((x) => `${LEVEL_LABELS[x.l]} ${x.n} 次`);
    return { text: parts.length ? parts.join(' · ') : '无督办', tone: parts.length ? 'danger' : 'muted' };
  }
  const spec = INDICATORS[code];
  if (spec.kind === 'manual' || !('of' in spec)) return { text: '评估录入', tone: 'muted' };
  const n = c(spec.of.num);
  const d = c(spec.of.den);
  if (spec.kind === 'hours') return { text: d > 0 ? `用时 ${num(n / d / 60)} 小时` : '未计时', tone: 'muted' };
  const words = YES_NO[code] ?? [spec.label, spec.label];
  const met = d > 1 ? n >= d : n > 0;
  const good = spec.kind === 'inverseRate' ? n === 0 : met;
  const word = met ? words[0] : words[1];
  return { text: d > 1 ? `${word} ${n}/${d}` : word, tone: good ? 'ok' : 'danger' };
}

/** A notice counted, in words: `认领提醒`, `办结警告`. */
export function noticeLabel(id: string): string {
  const p = parseNoticeId(id);
  if (!p) return '督办单';
  return `${clockLabel(p.clockId.split(':')[0] ?? '')}${LEVEL_LABELS[p.level]}`;
}
