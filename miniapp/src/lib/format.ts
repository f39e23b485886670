import {
  defaultCalendar,
  isWorkingTime,
  LABELS,
  nextWorkingStart,
  RATING_LABELS,
  SHANGHAI_OFFSET_MS,
  STATUS_LABELS,
  viewClock,
  workingMinutesBetween,
  workingMinutesPerDay,
  type Clock,
  type ClockKind,
  type FeedCard,
  type Ticket,
} from '@whistle/shared';

/** The shipped working calendar (for display only; the server's clocks are the truth). */
const CALENDAR = defaultCalendar();
export const MINUTES_PER_WORKING_DAY = workingMinutesPerDay(CALENDAR);

export type Tone = 'ok' | 'warn' | 'danger' | 'muted' | 'done';

/** What the UI needs of a clock: the server's ClockView or one computed here. */
export interface ClockLike {
  id: string;
  kind: string;
  state: 'running' | 'paused' | 'met' | 'metLate' | 'missed';
  minutesLeft: number;
  basis: 'working' | 'calendar';
  calendarMissing?: boolean;
  /** a working-time clock outside working time: when it counts again */
  resumesAt?: string;
}

export const CLOCK_LABELS: Record<ClockKind, string> = {
  claim: '认领',
  contact: '联系企业',
  resolve: '办结',
  progress: '进展报告',
  leaderProgress: '月度进展',
  leaderOnsite: '现场办公',
  leaderReview: '季度评估',
  task: '协办任务',
  item: '方案事项',
};

export const clockLabel = (kind: string): string => CLOCK_LABELS[kind as ClockKind] ?? '时限';

/**
 * A duration in plain words: working clocks count working days (of the office
 * hours), calendar clocks count days. `2 个工作日`, `3 小时 20 分钟`, `45 分钟`.
 */
export function formatDuration(minutes: number, basis: 'working' | 'calendar'): string {
  const m = Math.max(0, Math.round(Math.abs(minutes)));
  const perDay = basis === 'working' ? MINUTES_PER_WORKING_DAY : 24 * 60;
  const dayWord = basis === 'working' ? '个工作日' : '天';
  const days = Math.floor(m / perDay);
  const rest = m - days * perDay;
  const hours = Math.floor(rest / 60);
  const mins = rest % 60;
  if (days >= 2) return `${days} ${dayWord}`;
  if (days === 1) return hours > 0 ? `1 ${dayWord} ${hours} 小时` : `1 ${dayWord}`;
  if (hours >= 3) return `${hours} 小时`;
  if (hours >= 1) return mins > 0 ? `${hours} 小时 ${mins} 分钟` : `${hours} 小时`;
  return m < 1 ? '不到 1 分钟' : `${mins} 分钟`;
}

export interface ClockText {
  text: string;
  tone: Tone;
}

/** A clock in plain words, e.g. `距办结时限 2 个工作日`, `认领已超时 35 分钟`. */
export function clockText(c: ClockLike): ClockText {
  const label = clockLabel(c.kind);
  const note = c.calendarMissing ? '（按周末规则估算）' : '';
  switch (c.state) {
    case 'met':
      return { text: `${label}已按时完成`, tone: 'done' };
    case 'metLate':
      return { text: `${label}超时后完成`, tone: 'warn' };
    case 'paused':
      return { text: `${label}计时暂停 · 等待企业补充`, tone: 'muted' };
    case 'missed':
      return { text: `${label}已超时 ${formatDuration(c.minutesLeft, c.basis)}${note}`, tone: 'danger' };
    case 'running': {
      const soon = c.minutesLeft <= (c.basis === 'working' ? 60 : 120);
      const resumes = c.resumesAt ? ` · ${formatTime(c.resumesAt)} 起计` : '';
      return { text: `距${label}时限 ${formatDuration(c.minutesLeft, c.basis)}${resumes}${note}`, tone: soon && !resumes ? 'warn' : 'ok' };
    }
  }
}

/**
 * Working-time clocks do not count out of office hours: a running one says
 * when it counts again (e.g. a Saturday-night request: `6月15日 09:00 起计`).
 */
export function withResume<C extends ClockLike>(c: C, now: number = Date.now()): C & { resumesAt?: string } {
  if (c.basis !== 'working' || c.state !== 'running' || isWorkingTime(CALENDAR, now)) return c;
  return { ...c, resumesAt: nextWorkingStart(CALENDAR, now).dueAt };
}

/** How a ticket's clocks stand now (computed on the shipped calendar). */
export const viewClocks = (clocks: readonly Clock[], now: number = Date.now()): ClockLike[] => {
  const at = new Date(now).toISOString();
  return clocks.map((c) => withResume<ClockLike>(viewClock(CALENDAR, c, at), now));
};

const OPEN_STATES = new Set<ClockLike['state']>(['running', 'missed', 'paused']);

/**
 * The one clock worth showing in a list: the most overdue missed clock, else the
 * resolve clock, else the nearest running one.
 */
export function headlineClock(clocks: readonly ClockLike[], prefer: readonly string[] = ['resolve']): ClockLike | undefined {
  const open = clocks.filter((c) => OPEN_STATES.has(c.state));
  const missed = open.filter((c) => c.state === 'missed').sort((a, b) => a.minutesLeft - b.minutesLeft);
  if (missed[0]) return missed[0];
  for (const kind of prefer) {
    const c = open.find((x) => x.kind === kind);
    if (c) return c;
  }
  return open.filter((c) => c.state === 'running').sort((a, b) => a.minutesLeft - b.minutesLeft)[0] ?? open[0];
}

export interface Summary {
  text: string;
  tone: Tone;
}

/**
 * A ticket in one line of plain words, e.g.
 * `已由 区经信委 认领 · 距办结时限 2 个工作日`.
 */
export function ticketSummary(t: Ticket, now: number = Date.now()): Summary {
  const views = viewClocks(t.clocks, now);
  const unit = t.handlingUnitName ?? '承办单位';
  const withClock = (head: string, prefer: readonly string[]): Summary => {
    const c = headlineClock(views, prefer);
    if (!c) return { text: head, tone: 'ok' };
    const ct = clockText(c);
    return { text: `${head} · ${ct.text}`, tone: ct.tone };
  };
  switch (t.status) {
    case 'published':
      if (t.desk?.state === 'waiting') return withClock('8小时外 · 在线客服值守中', ['claim']);
      return withClock('待认领', ['claim']);
    case 'claimed':
      if (t.joint) return withClock(`${t.joint.leadUnitName} 牵头联办`, ['resolve']);
      return withClock(`已由 ${unit} 认领`, ['resolve']);
    case 'waitingEnterprise':
      return { text: `${unit} 请企业补充材料 · 办结计时已暂停`, tone: 'muted' };
    case 'resolved':
    {
      const by = t.desk?.state === 'answered' && !t.handlingUnitName ? '在线客服' : unit;
      return { text: `${by} 已办结 · 待评价`, tone: 'done' };
    }
    case 'closed':
      return { text: t.rating ? `已销号 · 评价：${RATING_LABELS[t.rating.score]}` : '已销号', tone: 'muted' };
  }
}

/** The claim clock of a feed card, from its due time and basis (older cards without a basis: urgent ones count calendar time). */
export function feedClock(card: FeedCard, now: number = Date.now()): ClockLike | undefined {
  if (card.status !== 'published' || !card.claimDueAt) return undefined;
  const basis: 'working' | 'calendar' = card.claimBasis ?? (card.priority === 'urgent' ? 'calendar' : 'working');
  const due = Date.parse(card.claimDueAt);
  const left =
    basis === 'working'
      ? workingMinutesBetween(CALENDAR, now, due) - workingMinutesBetween(CALENDAR, due, now)
      : Math.round((due - now) / 60000);
  return withResume<ClockLike>({ id: 'claim', kind: 'claim', basis, minutesLeft: left, state: now > due ? 'missed' : 'running' }, now);
}

export const statusLabel = (s: Ticket['status']): string => STATUS_LABELS[s];
export const categoryLabel = (c: Ticket['category']): string => LABELS.category[c];

const pad = (n: number) => String(n).padStart(2, '0');

/** Shanghai wall time of an instant: `14:05`, `昨天 09:30`, `3月5日 10:00`, `2025年3月5日`. */
export function formatTime(iso: string | undefined, now: number = Date.now()): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const n = new Date(now + SHANGHAI_OFFSET_MS);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const dayIndex = (x: Date) => Math.floor(x.getTime() / 86_400_000);
  const diff = dayIndex(n) - dayIndex(d);
  if (diff === 0) return hm;
  if (diff === 1) return `昨天 ${hm}`;
  if (d.getUTCFullYear() === n.getUTCFullYear()) return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hm}`;
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Full Shanghai date-time: `2026-03-05 14:05`. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The first character of a name, for the round avatars. */
export const initial = (name: string | undefined): string => (name ?? '').trim().charAt(0) || '企';
