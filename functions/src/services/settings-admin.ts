import {
  hasRole,
  ClockPolicy,
  dayInfo,
  DEFAULT_CLOCK_POLICY,
  DutyRosterBody,
  ForbiddenError,
  parseOrThrow,
  RateLimits,
  SHIPPED_YEARS,
  validateCalendarYear,
  ValidationError,
  type CalendarYearResponse,
  type FieldIssue,
  type Principal,
  type RateLimitsResponse,
} from '@whistle/shared';
import type { Ports } from '../ports.js';
import { recordSettingChange } from './audit-trail.js';
import { onDuty, withNames, type ShiftView } from './desk.js';

/**
 * Tenant settings an admin keeps: the working calendar by year, the clock
 * policy, the after-hours duty roster, the rate limits. Admins write; the supervisor (and for
 * the roster, the agents) may read.
 */

const mayRead = (p: Principal) => {
  if (!hasRole(p, 'admin', 'supervisor')) throw new ForbiddenError('只有管理员和督办人员可以查看此设置');
};
const mayWrite = (p: Principal) => {
  if (!hasRole(p, 'admin')) throw new ForbiddenError('只有管理员可以修改此设置');
};

export async function calendarYear(deps: Ports, p: Principal, year: number): Promise<CalendarYearResponse> {
  mayRead(p);
  const [loaded, calendar] = await Promise.all([deps.settings.calendarYears(p.tenantId), deps.settings.calendar(p.tenantId)]);
  const own = loaded[year];
  const shipped = SHIPPED_YEARS[year];
  const data = own ?? shipped;
  let workingDays = 0;
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    if (dayInfo(calendar, d.toISOString().slice(0, 10)).working) workingDays++;
  }
  return {
    year,
    known: data !== undefined,
    origin: own ? 'loaded' : shipped ? 'shipped' : 'none',
    holidays: data ? [...data.holidays].sort() : [],
    workdays: data ? [...data.workdays].sort() : [],
    ...(data?.source ? { source: data.source } : {}),
    officeHours: calendar.officeHours,
    workingDays,
  };
}

export async function putCalendarYear(
  deps: Ports,
  p: Principal,
  year: number,
  body: { holidays: string[]; workdays: string[]; source?: string },
): Promise<CalendarYearResponse> {
  mayWrite(p);
  const issues = validateCalendarYear(year, body);
  if (issues.length > 0) throw new ValidationError(issues);
  const at = deps.clock.now().toISOString();
  const before = (await deps.settings.calendarYears(p.tenantId))[year];
  const holidays = [...body.holidays].sort();
  const workdays = [...body.workdays].sort();
  // the same days loaded again keep their source: a retry changes nothing (and records nothing)
  const same = before !== undefined && JSON.stringify([holidays, workdays]) === JSON.stringify([[...before.holidays].sort(), [...before.workdays].sort()]);
  const data = { holidays, workdays, source: body.source ?? (same && before.source ? before.source : `由 ${p.name} 于 ${at.slice(0, 10)} 导入`) };
  await deps.settings.putCalendarYear(p.tenantId, year, data);
  await recordSettingChange(deps, p, { targetId: `CALENDAR-${year}`, label: `${year} 年节假日安排`, before, after: data });
  return calendarYear(deps, p, year);
}

export async function clockPolicy(deps: Ports, p: Principal): Promise<{ policy: ClockPolicy; isDefault: boolean }> {
  mayRead(p);
  const policy = await deps.settings.policy(p.tenantId);
  return { policy, isDefault: policy === DEFAULT_CLOCK_POLICY };
}

/** Sets the policy. Clocks already running keep their deadlines; new clocks use the new policy. */
export async function putClockPolicy(deps: Ports, p: Principal, body: unknown): Promise<{ policy: ClockPolicy; isDefault: boolean }> {
  mayWrite(p);
  const policy = parseOrThrow(ClockPolicy, body);
  const before = await deps.settings.policy(p.tenantId);
  await deps.settings.putPolicy(p.tenantId, policy);
  await recordSettingChange(deps, p, { targetId: 'CLOCK_POLICY', label: '时限规则', before, after: policy });
  return { policy, isDefault: false };
}

/** The tenant's intake and claim limits, with the deployment's sign-in limits (configuration, read-only here). */
export async function rateLimits(deps: Ports, p: Principal): Promise<RateLimitsResponse> {
  mayRead(p);
  const { limits, isDefault } = await deps.settings.rateLimits(p.tenantId);
  return { limits, isDefault, login: deps.loginLimits };
}

/** Sets the tenant's limits; they apply to the next request (counts already taken in a window stay). */
export async function putRateLimits(deps: Ports, p: Principal, body: unknown): Promise<RateLimitsResponse> {
  mayWrite(p);
  const limits = parseOrThrow(RateLimits, body);
  const before = await deps.settings.rateLimits(p.tenantId);
  await deps.settings.putRateLimits(p.tenantId, limits);
  await recordSettingChange(deps, p, { targetId: 'RATE_LIMITS', label: '频率限制', before: before.limits, after: limits });
  return { limits, isDefault: false, login: deps.loginLimits };
}

export async function dutyRoster(deps: Ports, p: Principal): Promise<{ shifts: ShiftView[]; onDuty: ShiftView[] }> {
  if (!hasRole(p, 'admin', 'supervisor', 'agent')) throw new ForbiddenError('只有管理员、督办人员和在线客服可以查看值班表');
  const now = deps.clock.now().toISOString();
  const shifts = await deps.settings.dutyRoster(p.tenantId);
  return { shifts: await withNames(deps, p.tenantId, shifts), onDuty: await onDuty(deps, p.tenantId, now, shifts) };
}

export async function putDutyRoster(deps: Ports, p: Principal, body: unknown): Promise<{ shifts: ShiftView[]; onDuty: ShiftView[] }> {
  mayWrite(p);
  const { shifts } = parseOrThrow(DutyRosterBody, body);
  const users = await deps.refs.list('USER', p.tenantId);
  const agents = new Set(users.filter((u) => u.roles.includes('agent')).map((u) => u.id));
  const issues: FieldIssue[] = [];
  shifts.forEach((s, i) => {
    if (!agents.has(s.agentUserId)) issues.push({ field: `shifts.${i}.agentUserId`, message: `${s.agentUserId} 不是本区的在线客服账号` });
    if (Date.parse(s.to) <= Date.parse(s.from)) issues.push({ field: `shifts.${i}.to`, message: '下班时间应晚于上班时间' });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const before = await deps.settings.dutyRoster(p.tenantId);
  await deps.settings.putDutyRoster(p.tenantId, shifts);
  await recordSettingChange(deps, p, { targetId: 'DUTY_ROSTER', label: '在线客服值班表', before, after: shifts });
  return dutyRoster(deps, p);
}
