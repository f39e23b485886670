import chineseDays from 'chinese-days';
import { DEFAULT_CLOCK_POLICY, type CalendarYearResponse, type ClockPolicy } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinClock } from '../../functions/src/adapters/time.js';
import { handler as adminHandler } from '../../functions/src/handlers/admin.js';
import { keys } from '../../functions/src/store/keys.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { call, raise, sh } from './clocks-support.js';

/** Tenant settings over HTTP: the working calendar by year and the clock policy. */
let env: TestEnv;

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field: string; message: string }> };
}

beforeAll(async () => {
  env = await useIntegrationEnv();
});
afterAll(() => pinClock(undefined));

describe('GET /api/admin/calendar/{year}', () => {
  it('answers a shipped year with its days and working-day count', async () => {
    const res = await call<CalendarYearResponse>(env, adminHandler, 'GET', '/api/admin/calendar/2026', { user: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, known: true, origin: 'shipped', source: 'chinese-days 1.5.7' });
    expect(res.body.holidays).toContain('2026-10-01');
    expect(res.body.workdays).toContain('2026-10-10');
    let expected = 0;
    for (let d = new Date(Date.UTC(2026, 0, 1)); d.getUTCFullYear() === 2026; d.setUTCDate(d.getUTCDate() + 1)) {
      if (chineseDays.isWorkday(d.toISOString().slice(0, 10))) expected++;
    }
    expect(res.body.workingDays).toBe(expected);
    expect(res.body.officeHours).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
  });

  it('says when a year is unknown (the weekday rule applies)', async () => {
    const res = await call<CalendarYearResponse>(env, adminHandler, 'GET', '/api/admin/calendar/2028', { user: 'supervisor' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2028, known: false, origin: 'none', holidays: [], workdays: [] });
  });

  it('is for the admin and the supervisor; a bad year is a 400 naming the field', async () => {
    for (const user of ['officer-jxw', 'owner-01', 'agent-1', 'leader-zhang']) {
      expect((await call(env, adminHandler, 'GET', '/api/admin/calendar/2026', { user })).status, user).toBe(403);
    }
    for (const year of ['abcd', '1999', '20266']) {
      const res = await call<ErrorBody>(env, adminHandler, 'GET', `/api/admin/calendar/${year}`, { user: 'admin' });
      expect(res.status, year).toBe(400);
      expect(res.body.error.details[0]?.field).toBe('year');
    }
  });
});

describe('PUT /api/admin/calendar/{year}', () => {
  const y2028 = { holidays: ['2028-01-03', '2028-10-02', '2028-10-03'], workdays: ['2028-09-30'], source: '国办发明电〔2027〕×号（测试）' };

  it('loads a year an admin enters; GET then answers it as loaded', async () => {
    const put = await call<CalendarYearResponse>(env, adminHandler, 'PUT', '/api/admin/calendar/2028', { user: 'admin', body: y2028 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ year: 2028, known: true, origin: 'loaded', holidays: y2028.holidays, workdays: y2028.workdays, source: y2028.source });
    const get = await call<CalendarYearResponse>(env, adminHandler, 'GET', '/api/admin/calendar/2028', { user: 'supervisor' });
    expect(get.body).toMatchObject({ origin: 'loaded', holidays: y2028.holidays });
  });

  it('refuses bad input with a 400 naming each field, and writes nothing', async () => {
    const before = await env.deps.store.get(keys.calendarYear(env.tenantId, 2028), true);
    const res = await call<ErrorBody>(env, adminHandler, 'PUT', '/api/admin/calendar/2028', {
      user: 'admin',
      body: { holidays: ['2028-01-03', '2027-12-31', '2028-01-01'], workdays: ['2028-01-03', '2028-10-09'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    const fields = res.body.error.details.map((d) => d.field);
    // 2027-12-31 not in 2028; 2028-01-01 a Saturday; 2028-01-03 in both lists (and a Monday); 2028-10-09 a Monday
    expect(fields).toEqual(['holidays.1', 'holidays.2', 'workdays.0', 'workdays.0', 'workdays.1']);
    expect(res.body.error.message).toContain('holidays.1');
    expect(await env.deps.store.get(keys.calendarYear(env.tenantId, 2028), true)).toEqual(before);

    const shape = await call<ErrorBody>(env, adminHandler, 'PUT', '/api/admin/calendar/2028', { user: 'admin', body: { holidays: '2028-01-03', workdays: [] } });
    expect(shape.status).toBe(400);
    expect(shape.body.error.details[0]?.field).toBe('holidays');
    const format = await call<ErrorBody>(env, adminHandler, 'PUT', '/api/admin/calendar/2028', { user: 'admin', body: { holidays: ['2028/01/03'], workdays: [] } });
    expect(format.status).toBe(400);
    expect(format.body.error.details[0]?.field).toBe('holidays.0');
    const extra = await call<ErrorBody>(env, adminHandler, 'PUT', '/api/admin/calendar/2028', { user: 'admin', body: { ...y2028, officeHours: [] } });
    expect(extra.status).toBe(400);
    expect(await env.deps.store.get(keys.calendarYear(env.tenantId, 2028), true)).toEqual(before);
  });

  it('only the admin writes it', async () => {
    for (const user of ['supervisor', 'officer-jxw', 'agent-1']) {
      const res = await call(env, adminHandler, 'PUT', '/api/admin/calendar/2029', { user, body: { holidays: [], workdays: [] } });
      expect(res.status, user).toBe(403);
    }
    expect(await env.deps.store.get(keys.calendarYear(env.tenantId, 2029), true)).toBeUndefined();
  });
});

describe('clock policy', () => {
  it('GET answers the defaults until an admin sets a policy', async () => {
    const res = await call<{ policy: ClockPolicy; isDefault: boolean }>(env, adminHandler, 'GET', '/api/admin/clock-policy', { user: 'supervisor' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ policy: DEFAULT_CLOCK_POLICY, isDefault: true });
    expect((await call(env, adminHandler, 'GET', '/api/admin/clock-policy', { user: 'officer-jxw' })).status).toBe(403);
  });

  it('refuses an invalid policy naming the field, writing nothing; a non-admin is refused', async () => {
    const bad = structuredClone(DEFAULT_CLOCK_POLICY) as unknown as { urgent: { claim: { duration: number } } };
    bad.urgent.claim.duration = 0;
    const res = await call<ErrorBody>(env, adminHandler, 'PUT', '/api/admin/clock-policy', { user: 'admin', body: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({ field: 'urgent.claim.duration', message: '时长必须为正整数' });
    const missing = await call<ErrorBody>(env, adminHandler, 'PUT', '/api/admin/clock-policy', { user: 'admin', body: { normal: DEFAULT_CLOCK_POLICY.normal } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d) => d.field)).toContain('urgent');
    const basis = await call<ErrorBody>(env, adminHandler, 'PUT', '/api/admin/clock-policy', {
      user: 'admin',
      body: { ...DEFAULT_CLOCK_POLICY, escalationInterval: { duration: 1, unit: 'day', basis: 'lunar' } },
    });
    expect(basis.status).toBe(400);
    expect(basis.body.error.details[0]?.field).toBe('escalationInterval.basis');
    expect((await call(env, adminHandler, 'PUT', '/api/admin/clock-policy', { user: 'supervisor', body: DEFAULT_CLOCK_POLICY })).status).toBe(403);
    expect(await env.deps.store.get(keys.clockPolicy(env.tenantId), true)).toBeUndefined();
  });

  it('a new policy applies to new clocks: urgent claim in 15 minutes', async () => {
    const policy: ClockPolicy = { ...DEFAULT_CLOCK_POLICY, urgent: { ...DEFAULT_CLOCK_POLICY.urgent, claim: { duration: 15, unit: 'minute', basis: 'calendar' } } };
    const put = await call<{ policy: ClockPolicy; isDefault: boolean }>(env, adminHandler, 'PUT', '/api/admin/clock-policy', { user: 'admin', body: policy });
    expect(put.status).toBe(200);
    expect(put.body.isDefault).toBe(false);
    const get = await call<{ policy: ClockPolicy }>(env, adminHandler, 'GET', '/api/admin/clock-policy', { user: 'admin' });
    expect(get.body.policy.urgent.claim).toEqual({ duration: 15, unit: 'minute', basis: 'calendar' });
    const t = await raise(env, 'owner-01', sh('2026-03-10T10:00:00'), { priority: 'urgent' });
    expect(t.clocks.find((c) => c.id === 'claim')).toMatchObject({ basis: 'calendar', durationMinutes: 15, dueAt: sh('2026-03-10T10:15:00') });
  });
});
