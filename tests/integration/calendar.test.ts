import type { CalendarYearResponse, SupervisionOverviewResponse } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinClock } from '../../functions/src/adapters/time.js';
import { handler as adminHandler } from '../../functions/src/handlers/admin.js';
import { handler as supervisionHandler } from '../../functions/src/handlers/supervision.js';
import { runCommand, ticketDetail } from '../../functions/src/services/tickets.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { call, principal, raise, sh } from './clocks-support.js';

/**
 * A deadline in a year without calendar data is visible: flagged on the clock,
 * listed with a warning in the supervisor's overview; loading the year makes
 * new deadlines exact (and the old warning says so).
 */
let env: TestEnv;

beforeAll(async () => {
  env = await useIntegrationEnv();
});
afterAll(() => pinClock(undefined));

async function assignedOn30Dec(owner: string) {
  const t = await raise(env, owner, sh('2026-12-30T15:00:00'));
  pinClock(new Date(sh('2026-12-30T16:00:00')));
  return runCommand(env.deps, principal(env, 'supervisor'), t.id, { type: 'assign', unit: { id: 'jxw', name: '区经济和信息化委员会' } });
}

describe('a deadline in 2027 (no data shipped)', () => {
  it('is computed on the weekday rule and flagged on the clock', async () => {
    const t = await assignedOn30Dec('owner-01');
    // 3 working days from Wed 16:00: Dec 30 90 min, Dec 31 420, Jan 1 (a Friday, counted: no data) 420, Mon Jan 4 330 → 16:00
    expect(t.clocks.find((c) => c.id === 'resolve')).toMatchObject({ dueAt: sh('2027-01-04T16:00:00'), calendarMissing: true });
    const detail = await ticketDetail(env.deps, principal(env, 'officer-jxw'), t.id);
    expect(detail.clocks.find((c) => c.id === 'resolve')?.calendarMissing).toBe(true);
    expect(detail.clocks.find((c) => c.id === 'contact')?.calendarMissing).toBe(false);

    pinClock(new Date(sh('2026-12-30T16:30:00')));
    const res = await call<SupervisionOverviewResponse>(env, supervisionHandler, 'GET', '/api/supervision/overview', { user: 'supervisor' });
    expect(res.status).toBe(200);
    expect(res.body.calendarWarnings).toEqual([
      expect.objectContaining({ ticketId: t.id, clockId: 'resolve', kind: 'resolve', year: 2027, dueAt: sh('2027-01-04T16:00:00') }),
    ]);
    expect(res.body.calendarWarnings[0]?.message).toContain('尚未导入');
    expect(res.body.calendar.missingYears).toEqual([2027]);
    expect(res.body.calendar.messages[0]).toContain('管理后台「设置 › 办公时间与日历」录入 2027 年安排');
    expect(res.body.calendar.messages[0]).not.toContain('/api/');
  });

  it('after the admin loads 2027, new deadlines use it and the old warning says it was not recomputed', async () => {
    const put = await call<CalendarYearResponse>(env, adminHandler, 'PUT', '/api/admin/calendar/2027', {
      user: 'admin',
      body: { holidays: ['2027-01-01'], workdays: [], source: '测试：仅元旦' },
    });
    expect(put.status).toBe(200);
    const t2 = await assignedOn30Dec('owner-02');
    expect(t2.clocks.find((c) => c.id === 'resolve')?.dueAt).toBe(sh('2027-01-05T16:00:00'));
    expect(t2.clocks.find((c) => c.id === 'resolve')?.calendarMissing).toBeUndefined();

    pinClock(new Date(sh('2026-12-30T16:30:00')));
    const res = await call<SupervisionOverviewResponse>(env, supervisionHandler, 'GET', '/api/supervision/overview', { user: 'supervisor' });
    expect(res.body.calendarWarnings).toHaveLength(1);
    expect(res.body.calendarWarnings[0]?.message).toContain('现已导入');
    expect(res.body.calendar.missingYears).toEqual([]);
    expect(res.body.calendar.knownYears).toContain(2027);
  });

  it('a calendar loaded for one tenant is that tenant’s only', async () => {
    expect(Object.keys(await env.deps.settings.calendarYears(env.tenantId))).toEqual(['2027']);
    expect(await env.deps.settings.calendarYears(`${env.tenantId}x`)).toEqual({});
  });
});
