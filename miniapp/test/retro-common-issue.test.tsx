import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Role } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { retroQuery } from '../src/common-issues/components/RetroEntry';
import IssuePage from '../src/common-issues/pages/issue/index';
import { STORE_KEYS, writeStore } from '../src/lib/storage';
import { retroApi, retroFileName, retroPageOf } from '../src/supervise/lib/retro';
import RetroPage from '../src/supervise/pages/retro/index';
import { commonIssue, step, UNITS } from './common-issue-fixtures';
import { calls, setRequest, setRouterParams, type RequestOptions } from './taro';

/** 典型问题复盘 on a common issue: the retrospective page by subject, and the entry on the common issue's page. */
function signIn(roles: Role[], unitId?: string) {
  writeStore(STORE_KEYS.session, { token: 'tok', expiresAt: '2099-01-01T00:00:00Z', user: { id: `u-${roles[0] ?? 'x'}`, tenantId: 'demo', name: '周婷', roles, ...(unitId ? { unitId } : {}) } });
}
function serve(routes: Record<string, () => unknown>): RequestOptions[] {
  const sent: RequestOptions[] = [];
  setRequest((o) => {
    sent.push(o);
    const key = `${o.method ?? 'GET'} ${o.url.split('?')[0] ?? ''}`;
    const data = routes[key]?.();
    return Promise.resolve(data === undefined ? { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: `no ${key}` } } } : { statusCode: 200, data });
  });
  return sent;
}
const CI = 'ciabcdefgh01';
const opened = {
  id: 'rtabcdefghij',
  tenantId: 'demo',
  subject: { kind: 'commonIssue', commonIssueId: CI },
  title: '关于共性问题「园区周边就餐难」的典型问题复盘',
  units: [{ unitId: 'xcjd', unitName: '西城街道' }],
  happened: '三家企业反映就餐难',
  causes: [],
  findings: [],
  recommendations: [],
  plan: { ...commonIssue().plan, items: [] },
  clocks: [],
  status: 'draft',
  createdAt: '2026-06-20T02:00:00.000Z',
  createdBy: 'supervisor',
  createdByName: '周婷',
  updatedAt: '2026-06-20T02:00:00.000Z',
  rev: 1,
};

describe('the retrospective page’s subject', () => {
  it('is a ticket (`id`) or a common issue (`commonIssueId`), with its paths and its file name', () => {
    const ticket = retroPageOf({ id: 'tk1', number: '2026-000001', unit: 'ghzy' });
    expect(ticket).toEqual({ subject: { kind: 'ticket', id: 'tk1' }, label: '2026-000001', leadUnitId: 'ghzy', unitIds: ['ghzy'] });
    const ci = retroPageOf({ commonIssueId: CI, title: '园区周边就餐难', unit: 'xcjd', units: 'xcjd,jxw' });
    expect(ci).toEqual({ subject: { kind: 'commonIssue', id: CI }, label: '园区周边就餐难', leadUnitId: 'xcjd', unitIds: ['xcjd', 'jxw'] });
    expect(retroPageOf({})).toBeUndefined();
    if (!ci || !ticket) throw new Error('pages');
    expect(retroApi.documentPath(ci.subject, 'rt1')).toBe(`/api/common-issues/${CI}/retrospectives/rt1/document`);
    expect(retroFileName(ci)).toBe('典型问题复盘-共性问题-园区周边就餐难.docx');
    expect(retroFileName(ticket)).toBe('典型问题复盘-2026-000001.docx');
  });

  it('lists a common issue’s retrospectives, and the supervisor opens one there with its team chosen', async () => {
    signIn(['supervisor']);
    setRouterParams({ commonIssueId: CI, title: '园区周边就餐难', unit: 'xcjd', units: 'xcjd,jxw' });
    const sent = serve({
      [`GET /api/common-issues/${CI}/retrospectives`]: () => ({ items: [] }),
      'GET /api/units': () => ({ items: UNITS }),
      [`POST /api/common-issues/${CI}/retrospectives`]: () => ({ retrospective: opened }),
    });
    render(<RetroPage />);
    await screen.findByText('共性问题复盘 · 园区周边就餐难');
    fireEvent.click(document.querySelector('.retro-open') as Element);
    fireEvent.change(document.querySelector('.retro-happened') as Element, { target: { value: '三家企业反映就餐难' } });
    fireEvent.click(document.querySelector('.retro-submit') as Element);
    await waitFor(() => expect(sent.some((o) => o.method === 'POST')).toBe(true));
    expect(sent.find((o) => o.method === 'POST')?.data).toMatchObject({ unitIds: ['xcjd', 'jxw'], happened: '三家企业反映就餐难' });
  });
});

describe('the common issue’s 复盘 entry', () => {
  const page = () => {
    setRouterParams({ id: CI });
    serve({ [`GET /api/common-issues/${CI}`]: () => ({ commonIssue: commonIssue({ plan: { ...commonIssue().plan, items: [step()] } }) }), 'GET /api/units': () => ({ items: UNITS }) });
    render(<IssuePage />);
    return screen.findByText('协调园区引入职工食堂，开通周边餐饮配送');
  };

  it('is shown to the supervisor and the team’s staff, and opens the retrospective page with the common issue and its team', async () => {
    signIn(['supervisor']);
    await page();
    expect(document.querySelector('.ci-retro')).toBeTruthy();
    cleanup();
    signIn(['officer'], 'jxw');
    await page();
    fireEvent.click(document.querySelector('.ci-retro') as Element);
    expect(calls.navigations.at(-1)?.url).toBe(`/supervise/pages/retro/index?commonIssueId=${CI}&title=${encodeURIComponent('园区周边就餐难')}&unit=xcjd&units=${encodeURIComponent('xcjd,jxw')}`);
    expect(retroQuery(commonIssue())).toEqual({ commonIssueId: CI, title: '园区周边就餐难', unit: 'xcjd', units: 'xcjd,jxw' });
  });

  it('is not shown to a leader or another unit’s staff', async () => {
    for (const [roles, unit] of [[['leader'], undefined], [['officer'], 'rsj']] as Array<[Role[], string | undefined]>) {
      signIn(roles, unit);
      await page();
      expect(document.querySelector('.ci-retro'), roles[0]).toBeNull();
      cleanup();
    }
  });
});
