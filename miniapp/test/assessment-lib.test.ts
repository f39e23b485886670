import { matchRoute } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { assessApi } from '../src/api/assessment';
import { chartOptions, hasPoints } from '../src/assess/lib/chart';
import { formErrors } from '../src/lib/form-errors';
import { drillFact, formatValue, noticeLabel, ratioText } from '../src/assess/lib/figures';
import { currentPeriod, periodLabel, periodShort, recentPeriods, trendPeriods } from '../src/lib/periods';
import { rankingTrend, trendUnits, unitTrend } from '../src/assess/lib/trend';
import { ApiError } from '../src/api/client';
import { departments, dispute, ranking } from './assessment-fixtures';
import { TUESDAY_10 } from './fixtures';
import { setRequest, type RequestOptions } from './taro';

describe('assessment periods', () => {
  it('defaults to the current period of a kind in Shanghai and offers the ones before it', () => {
    expect(currentPeriod('quarter', TUESDAY_10)).toBe('2026-Q2');
    // 2026-06-30 20:00 UTC is already July 1st in Shanghai
    expect(currentPeriod('month', Date.parse('2026-06-30T20:00:00Z'))).toBe('2026-07');
    expect(recentPeriods('month', TUESDAY_10)).toEqual(['2026-06', '2026-05', '2026-04', '2026-03', '2026-02', '2026-01']);
    expect(recentPeriods('quarter', TUESDAY_10)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3']);
    expect(recentPeriods('year', TUESDAY_10)).toEqual(['2026', '2025', '2024']);
    expect(trendPeriods('2026-Q1')).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
  });

  it('names periods in Chinese', () => {
    expect(['2026-11', '2026-Q4', '2026'].map(periodLabel)).toEqual(['2026年11月', '2026年第四季度', '2026年度']);
    expect(['2026-11', '2026-Q4', '2026'].map(periodShort)).toEqual(['11月', '26Q4', '2026']);
  });
});

describe('assessment figures in words', () => {
  it('shows rates in %, hours in 小时, entered scores in 分, and num / den', () => {
    expect(formatValue('claimRate', 87.5)).toBe('87.5%');
    expect(formatValue('reopenRate', 0)).toBe('0%');
    expect(formatValue('avgClaimHours', 1.25)).toBe('1.25 小时');
    expect(formatValue('policyPromotion', 90)).toBe('90 分');
    expect(formatValue('satisfactionRate', null)).toBe('—');
    expect(ratioText('claimRate', 7, 8)).toBe('7 / 8');
    expect(ratioText('avgResolveHours', 570, 2)).toBe('2 件共 9.5 小时');
    expect(ratioText('policyPromotion', 1, 1)).toBeUndefined();
  });

  it('says what one ticket adds to a figure', () => {
    expect(drillFact('claimRate', { claimed: 1, claimOnTime: 1 })).toEqual({ text: '按时认领', tone: 'ok' });
    expect(drillFact('claimRate', { claimed: 1 })).toEqual({ text: '超时认领', tone: 'danger' });
    expect(drillFact('resolveRate', { handled: 1 })).toEqual({ text: '未办结', tone: 'danger' });
    expect(drillFact('reopenRate', { resolved: 1, reopened: 1 })).toEqual({ text: '被企业重开', tone: 'danger' });
    expect(drillFact('reopenRate', { resolved: 1 })).toEqual({ text: '未重开', tone: 'ok' });
    expect(drillFact('jointTasks', { tasks: 2, tasksOnTime: 1 })).toEqual({ text: '联办任务超时 1/2', tone: 'danger' });
    expect(drillFact('avgClaimHours', { claimed: 1, claimMinutes: 90 })).toEqual({ text: '用时 1.5 小时', tone: 'muted' });
    expect(drillFact('notices', { reminders: 1, warnings: 1 })).toEqual({ text: '提醒 1 次 · 警告 1 次', tone: 'danger' });
    expect(noticeLabel('t1~claim~0~reminder')).toBe('认领提醒');
    expect(noticeLabel('t1~task:rsj~1~warning')).toBe('协办任务警告');
  });

  it('puts the API’s validation messages at their fields and the rest in one line', () => {
    const e = new ApiError(400, 'VALIDATION', 'reason：请填写申诉理由', [
      { field: 'reason', message: '请填写申诉理由' },
      { field: 'ticketId', message: '该诉求未计入本单位考核' },
    ]);
    expect(formErrors(e, '提交申诉', ['reason'])).toEqual({ fields: { reason: '请填写申诉理由' }, other: '该诉求未计入本单位考核' });
    expect(formErrors(new ApiError(409, 'CONFLICT', '本单位已对该事项提出过申诉'), '提交申诉', ['reason'])).toEqual({
      fields: {},
      other: '提交申诉失败：本单位已对该事项提出过申诉',
    });
  });
});

describe('assessment trend and chart data', () => {
  it('draws the top three and the viewer’s own unit over the periods', () => {
    const now = ranking('2026-Q2');
    expect(trendUnits(now, 'department', 'ghzy')).toEqual(['jxw', 'fgw', 'rsj', 'ghzy']);
    expect(trendUnits(now, 'department', 'fgw')).toEqual(['jxw', 'fgw', 'rsj']);
    const before = { period: '2026-Q1', tracks: [{ ...departments, units: departments.units.filter((u) => u.unitId !== 'fgw') }] };
    const data = rankingTrend([before, now], 'department', ['jxw', 'fgw']);
    expect(data.categories).toEqual(['26Q1', '26Q2']);
    expect(data.series.map((s) => s.name)).toEqual(['区经信委', '区发改委']);
    expect(data.series[1]?.data[0]).toBeNull();
    expect(hasPoints(data)).toBe(true);
    expect(hasPoints(unitTrend([{ period: '2026-Q1', index: null, rank: null }]))).toBe(false);
  });

  it('gives uCharts a 0–100 axis, labels on a single line and a legend for several', () => {
    const one = chartOptions(unitTrend([{ period: '2026-05', index: 80, rank: 2 }]));
    expect([one.type, one.dataLabel, one.legend.show, one.yAxis.data[0]?.max, one.animation]).toEqual(['line', true, false, 100, false]);
    const many = chartOptions(rankingTrend([ranking('2026-Q2')], 'department', ['jxw', 'fgw']));
    expect([many.dataLabel, many.legend.show, many.series.map((s) => s.color)]).toEqual([false, true, ['#1f6feb', '#07c160']]);
  });
});

describe('assessment API client', () => {
  it('calls the route table’s routes and checks each answer against its schema', async () => {
    const seen: RequestOptions[] = [];
    const answers: Record<string, unknown> = {
      'GET /api/assessment': ranking('2026-Q2'),
      'GET /api/assessment/units/{unitId}/tickets': { items: [] },
      'GET /api/assessment/disputes': { items: [dispute()] },
      'POST /api/assessment/disputes': { dispute: dispute() },
      'POST /api/assessment/disputes/{disputeId}/decide': { dispute: dispute({ status: 'accepted', decision: '予以采纳' }) },
    };
    setRequest((o) => {
      seen.push(o);
      const route = matchRoute(o.method ?? 'GET', o.url.split('?')[0] ?? '');
      const key = route ? `${route.route.method} ${route.route.path}` : 'none';
      return Promise.resolve({ statusCode: key in answers ? 200 : 404, data: answers[key] });
    });
    expect((await assessApi.ranking('2026-Q2', 'department')).tracks[0]?.redList).toEqual(departments.redList);
    await assessApi.drill('jxw', '2026-Q2', 'notices');
    await assessApi.disputes('open');
    await assessApi.raiseDispute({ ticketId: 't1', indicator: 'claimRate', reason: '企业要求次日办理' });
    await assessApi.decideDispute('d1', { accept: true, reason: '予以采纳' });
    expect(seen.map((o) => `${o.method} ${o.url}`)).toEqual([
      'GET /api/assessment?period=2026-Q2&track=department',
      'GET /api/assessment/units/jxw/tickets?period=2026-Q2&indicator=notices',
      'GET /api/assessment/disputes?status=open',
      'POST /api/assessment/disputes',
      'POST /api/assessment/disputes/d1/decide',
    ]);
  });
});
