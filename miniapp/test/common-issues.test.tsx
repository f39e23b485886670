import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CommonIssue, MeResponse, Role, TicketDetailResponse, TimelineEntry } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { CommonIssueBanner } from '../src/components/ticket/CommonIssueBanner';
import { eventText } from '../src/components/Timeline';
import { confirmBody, draftOf } from '../src/common-issues/lib/forms';
import IssuePage from '../src/common-issues/pages/issue/index';
import LedgerPage from '../src/common-issues/pages/ledger/index';
import SuggestionsPage from '../src/common-issues/pages/suggestions/index';
import { staffTiles } from '../src/lib/home-tiles';
import { STORE_KEYS, writeStore } from '../src/lib/storage';
import Inbox from '../src/pages/inbox/index';
import TicketPage from '../src/pages/ticket/index';
import { commonIssue, ENTERPRISES, linked, step, suggestion, UNITS } from './common-issue-fixtures';
import { ticket, TUESDAY_10 } from './fixtures';
import { calls, setModalAnswer, setRequest, setRouterParams, type RequestOptions } from './taro';

/** 共性问题 in the mini-program: the supervisor's suggestions and confirm form, a common issue's page, the ledger, the ticket's banner. */
const texts = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
const type = (selector: string, value: string, n = 0) => fireEvent.change(document.querySelectorAll(selector)[n] as Element, { target: { value } });
const click = (selector: string) => fireEvent.click(document.querySelector(selector) as Element);

function signIn(roles: Role[], unitId?: string) {
  writeStore(STORE_KEYS.session, {
    token: 'tok',
    expiresAt: '2099-01-01T00:00:00Z',
    user: { id: `u-${roles[0] ?? 'x'}`, tenantId: 'demo', name: '周婷', roles, ...(unitId ? { unitId } : {}) },
  });
}

type Handler = (o: RequestOptions) => { statusCode?: number; data: unknown } | undefined;
/** Answers by `METHOD path` (the query left out), records every request. */
function serve(routes: Record<string, Handler>): RequestOptions[] {
  const sent: RequestOptions[] = [];
  setRequest((o) => {
    sent.push(o);
    const key = `${o.method ?? 'GET'} ${o.url.split('?')[0] ?? ''}`;
    const a = routes[key]?.(o);
    if (!a) return Promise.resolve({ statusCode: 404, data: { error: { code: 'NOT_FOUND', message: `no ${key}` } } });
    return Promise.resolve({ statusCode: a.statusCode ?? 200, data: a.data });
  });
  return sent;
}
const bodyOf = (sent: RequestOptions[], method: string, path: string) => sent.find((o) => o.method === method && o.url.split('?')[0] === path)?.data;

describe('the confirm form’s body', () => {
  it('starts from the suggestion: the topic as the title, its sentence as the summary, every ticket ticked', () => {
    const d = draftOf(suggestion(), TUESDAY_10);
    expect(d).toMatchObject({ suggestionId: 'csabcdefgh01', title: '园区周边就餐难', summary: '4 家企业反映园区周边就餐难', category: 'other', targetDate: '2026-07-09', ticketIds: ['t1', 't2', 't3', 't4'], steps: [] });
    const checked = confirmBody({ ...d, targetDate: undefined });
    expect('errors' in checked && checked.errors.fields).toEqual({ fix: '长效机制不能为空', leadUnitId: '请选择牵头单位', targetDate: '请选择目标日期' });
    const ok = confirmBody({ ...d, fix: ' 引入职工食堂 ', leadUnitId: 'xcjd', targetDate: '2026-07-31' });
    expect('body' in ok && ok.body).toMatchObject({ fix: '引入职工食堂', leadUnitId: 'xcjd', targetDate: '2026-07-31', steps: [] });
  });
});

describe('可能的共性问题 (the supervisor)', () => {
  const base = (extra: Record<string, Handler> = {}) =>
    serve({
      'GET /api/common-issues/suggestions': () => ({ data: { items: [suggestion(), suggestion({ id: 'csabcdefgh02', title: '可能的共性问题：3 家企业反映货车限行', topic: '货车限行', dismissedBefore: ['t1,t2'] })] } }),
      'GET /api/units': () => ({ data: { items: UNITS } }),
      ...extra,
    });

  it('shows each suggestion’s enterprises, requests and terms, and 曾被忽略 on one that grew out of a dismissed one', async () => {
    signIn(['supervisor']);
    base();
    render(<SuggestionsPage />);
    await screen.findByText('可能的共性问题：4 家企业反映园区周边就餐难');
    const first = document.querySelector('[data-suggestion="csabcdefgh01"]') as Element;
    expect(first.textContent).toContain('4 家企业 · 4 件诉求');
    expect([...first.querySelectorAll('.ci-suggestion__ent')].map((e) => e.textContent)).toEqual(ENTERPRISES.map((e) => e.name));
    expect([...first.querySelectorAll('.ci-term')].map((e) => e.textContent)).toEqual(['园区', '就餐', '食堂']);
    expect(first.querySelector('.ci-dismissed-before')).toBeNull();
    expect(document.querySelector('[data-suggestion="csabcdefgh02"] .ci-dismissed-before')?.textContent).toBe('曾被忽略');
  });

  it('dismisses one with its reason, and 立即分析 runs the proposal', async () => {
    signIn(['supervisor']);
    const sent = base({
      'POST /api/common-issues/suggestions/csabcdefgh02/dismiss': () => ({ data: { suggestion: suggestion({ id: 'csabcdefgh02', status: 'dismissed' }) } }),
      'POST /api/common-issues/suggestions/run': () => ({ data: { proposed: 1, waiting: 2, scanned: 40 } }),
    });
    render(<SuggestionsPage />);
    await screen.findByText('可能的共性问题：3 家企业反映货车限行');
    fireEvent.click(document.querySelectorAll('.ci-dismiss-open')[1] as Element);
    type('.ci-dismiss__reason', '限行为交通管理政策，非共性问题');
    click('.ci-dismiss__ok');
    await waitFor(() => expect(screen.queryByText('可能的共性问题：3 家企业反映货车限行')).toBeNull());
    expect(bodyOf(sent, 'POST', '/api/common-issues/suggestions/csabcdefgh02/dismiss')).toEqual({ reason: '限行为交通管理政策，非共性问题' });
    click('.ci-run');
    await waitFor(() => expect(calls.toasts).toContain('新发现 1 条可能的共性问题'));
    expect(bodyOf(sent, 'POST', '/api/common-issues/suggestions/run')).toEqual({});
  });

  it('confirms one: prefilled, lead unit, fix, target date, a ticket left out and a step; then opens the common issue', async () => {
    signIn(['supervisor']);
    const sent = base({ 'POST /api/common-issues': () => ({ statusCode: 201, data: { commonIssue: commonIssue() } }) });
    render(<SuggestionsPage />);
    await screen.findByText('可能的共性问题：4 家企业反映园区周边就餐难');
    click('.ci-confirm-open');
    expect((document.querySelector('.ci-title') as HTMLInputElement).value).toBe('园区周边就餐难');
    expect((document.querySelector('.ci-summary') as HTMLTextAreaElement).value).toBe('4 家企业反映园区周边就餐难');
    await waitFor(() => expect(document.querySelectorAll('.ci-lead .option')).toHaveLength(2));
    fireEvent.click(document.querySelector('.ci-lead .option') as Element); // 区经信委 (departments first)
    fireEvent.click(screen.getByText('西城街道', { selector: '.ci-lead .option__label' }));
    type('.ci-fix', '协调园区引入职工食堂');
    type('.picker__input', '2026-07-31', 0);
    fireEvent.click(screen.getByText(`${ENTERPRISES[3].name} · 员工午餐难解决`));
    type('.plan-title', '园区食堂选址');
    fireEvent.click(document.querySelector('.steps-editor .option') as Element);
    type('.picker__input', '2026-06-30', 1);
    click('.steps-editor__add');
    expect(texts('.steps-editor__text')).toEqual(['1. 园区食堂选址（区经信委，2026-06-30 前）']);
    click('.ci-submit');
    await waitFor(() => expect(calls.navigations).toEqual([{ kind: 'redirectTo', url: '/common-issues/pages/issue/index?id=ciabcdefgh01' }]));
    expect(bodyOf(sent, 'POST', '/api/common-issues')).toEqual({
      suggestionId: 'csabcdefgh01',
      title: '园区周边就餐难',
      category: 'other',
      summary: '4 家企业反映园区周边就餐难',
      fix: '协调园区引入职工食堂',
      leadUnitId: 'xcjd',
      targetDate: '2026-07-31',
      ticketIds: ['t1', 't2', 't3'],
      steps: [{ title: '园区食堂选址', ownerUnitId: 'jxw', dueDate: '2026-06-30' }],
    });
  });

  it('shows the API’s 400 at the field it names (a step’s at the steps), and the rest below', async () => {
    signIn(['supervisor']);
    base({
      'POST /api/common-issues': () => ({
        statusCode: 400,
        data: {
          error: {
            code: 'VALIDATION',
            message: 'targetDate：目标日期不能早于今天',
            details: [
              { field: 'targetDate', message: '目标日期不能早于今天' },
              { field: 'steps.0.ownerUnitId', message: '责任单位不存在' },
              { field: 'ticketIds', message: '诉求 2026-000002 已纳入其他共性问题' },
              { field: 'body', message: '请稍后重试' },
            ],
          },
        },
      }),
    });
    render(<SuggestionsPage />);
    await screen.findByText('可能的共性问题：4 家企业反映园区周边就餐难');
    click('.ci-confirm-open');
    await waitFor(() => expect(document.querySelectorAll('.ci-lead .option')).toHaveLength(2));
    fireEvent.click(document.querySelector('.ci-lead .option') as Element);
    type('.ci-fix', '引入职工食堂');
    type('.picker__input', '2026-07-31', 0);
    click('.ci-submit');
    await waitFor(() => expect(texts('.field--error .field__error')).toEqual(['目标日期不能早于今天', '诉求 2026-000002 已纳入其他共性问题', '责任单位不存在']));
    expect(document.querySelector('.ci-confirm > .form__error')?.textContent).toBe('请稍后重试');
    expect(calls.navigations).toEqual([]);
  });

  it('is the supervisor’s only', () => {
    signIn(['officer'], 'jxw');
    render(<SuggestionsPage />);
    expect(screen.getByText('无权查看')).toBeTruthy();
  });
});

describe('a common issue’s page', () => {
  const issueRoutes = (ci: CommonIssue, extra: Record<string, Handler> = {}) => {
    setRouterParams({ id: ci.id });
    return serve({ 'GET /api/common-issues/ciabcdefgh01': () => ({ data: { commonIssue: ci } }), 'GET /api/units': () => ({ data: { items: UNITS } }), ...extra });
  };

  it('shows its status, lead unit, target date, 已超期 when late, the fix and the tickets; a ticket opens for staff', async () => {
    signIn(['supervisor']);
    issueRoutes(commonIssue({ targetDate: '2026-01-30', targetAt: '2026-01-30T09:30:00.000Z', status: 'inProgress' }));
    render(<IssuePage />);
    await screen.findByText('协调园区引入职工食堂，开通周边餐饮配送');
    expect(document.querySelector('.ci-status')?.textContent).toBe('推进中');
    expect(document.querySelector('.ci-late')?.textContent).toBe('已超期');
    expect(document.querySelector('.ci-lead-unit')?.textContent).toBe('西城街道');
    expect(document.querySelector('.ci-target-date')?.textContent).toBe('2026-01-30');
    expect(texts('.ci-ticket__head')).toEqual([`2026-000001 · ${ENTERPRISES[0].name}`, `2026-000002 · ${ENTERPRISES[1].name}`, `2026-000003 · ${ENTERPRISES[2].name}`]);
    fireEvent.click(screen.getByText('工业园附近就餐不便'));
    expect(calls.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages/ticket/index?id=t2' });
  });

  it('shows no 已超期 before the target date, nor once solved, and then the solution instead of the solve form', async () => {
    signIn(['supervisor']);
    issueRoutes(commonIssue({ status: 'solved', targetDate: '2026-01-30', targetAt: '2026-01-30T09:30:00.000Z', solution: { summary: '园区食堂已开业', at: '2026-01-20T06:00:00.000Z', by: 'supervisor', byName: '周婷' } }));
    render(<IssuePage />);
    await screen.findByText('园区食堂已开业');
    expect(document.querySelector('.ci-late')).toBeNull();
    expect(document.querySelector('.ci-solve')).toBeNull();
    expect(document.querySelector('.ci-add-tickets-open')).toBeNull();
    expect(document.querySelector('.ci-solution__by')?.textContent).toBe('周婷 · 2026-01-20 14:00 标记为已解决，已通知全部关联企业评价');
  });

  it('cannot be solved while a unit still owes a step: says how many, the button disabled', async () => {
    signIn(['supervisor']);
    const ci = commonIssue();
    const sent = issueRoutes(ci, {});
    render(<IssuePage />);
    await screen.findByText('协调园区引入职工食堂，开通周边餐饮配送');
    expect(document.querySelector('.ci-solve-pending')?.textContent).toBe('还有 1 项措施未完成，全部完成后才能标记为已解决。');
    type('.ci-solve-input', '食堂已开业');
    click('.ci-solve-submit');
    expect(sent.some((o) => o.url.endsWith('/solve'))).toBe(false);
  });

  it('the supervisor moves a ticket out, adds tickets, writes progress and solves, each with the rev it read', async () => {
    signIn(['supervisor']);
    const base = commonIssue();
    const done = step({ status: 'done', doneAt: '2026-06-12T02:00:00.000Z', doneBy: 'u-jxw', doneByName: '王敏' });
    const ci = commonIssue({ targetDate: '2099-12-31', targetAt: '2099-12-31T09:30:00.000Z', plan: { ...base.plan, items: [done] } });
    const after = (patch: Partial<CommonIssue>) => () => ({ data: { commonIssue: { ...ci, ...patch, rev: ci.rev + 1 } } });
    const sent = issueRoutes(ci, {
      'POST /api/common-issues/ciabcdefgh01/tickets': after({}),
      'POST /api/common-issues/ciabcdefgh01/progress': after({ status: 'inProgress', progress: [{ at: '2026-06-10T02:00:00.000Z', by: 'u', byName: '周婷', text: '已召开协调会' }] }),
      'POST /api/common-issues/ciabcdefgh01/solve': after({ status: 'solved', solution: { summary: '食堂已开业', at: '2026-06-20T02:00:00.000Z', by: 'u', byName: '周婷' } }),
      'GET /api/tickets': () => ({ data: { items: [ticket({ id: 't9', number: '2026-000009', title: '园区午餐难' }), ticket({ id: 't1' })] } }),
    });
    render(<IssuePage />);
    await screen.findByText('协调园区引入职工食堂，开通周边餐饮配送');
    expect(document.querySelector('.ci-late')).toBeNull();
    setModalAnswer({ confirm: true, cancel: false });
    fireEvent.click(document.querySelectorAll('.ci-ticket__remove')[1] as Element);
    await waitFor(() => expect(bodyOf(sent, 'POST', '/api/common-issues/ciabcdefgh01/tickets')).toEqual({ rev: 3, add: [], remove: ['t2'] }));
    expect(calls.modals.at(-1)?.content).toContain('2026-000002');

    click('.ci-add-tickets-open');
    await screen.findByText('清溪恒通机械有限公司 · 园区午餐难');
    expect(screen.queryByText('清溪恒通机械有限公司 · 新厂房用电增容')).toBeNull(); // t1: linked already
    fireEvent.click(screen.getByText('清溪恒通机械有限公司 · 园区午餐难'));
    click('.ci-add-tickets__ok');
    await waitFor(() => expect(sent.filter((o) => o.url.endsWith('/tickets') && o.method === 'POST').at(-1)?.data).toEqual({ rev: 4, add: ['t9'], remove: [] }));

    type('.ci-note-input', '已召开协调会');
    click('.ci-note-submit');
    await screen.findByText('已召开协调会', { selector: '.ci-note__text' });
    expect(bodyOf(sent, 'POST', '/api/common-issues/ciabcdefgh01/progress')).toEqual({ rev: 4, text: '已召开协调会' });

    expect(document.querySelector('.ci-solve')?.textContent).toContain('提交后将通知 3 家关联企业并邀请评价');
    type('.ci-solve-input', '食堂已开业');
    click('.ci-solve-submit');
    await screen.findByText('食堂已开业', { selector: '.ci-solution__text' });
    expect(bodyOf(sent, 'POST', '/api/common-issues/ciabcdefgh01/solve')).toEqual({ rev: 4, summary: '食堂已开业' });
  });

  it('shows the API’s 400 on a progress note at the note', async () => {
    signIn(['supervisor']);
    issueRoutes(commonIssue(), {
      'POST /api/common-issues/ciabcdefgh01/progress': () => ({ statusCode: 400, data: { error: { code: 'VALIDATION', message: 'text：进展过长', details: [{ field: 'text', message: '进展过长（最多 1000 字）' }] } } }),
    });
    render(<IssuePage />);
    await screen.findByText('协调园区引入职工食堂，开通周边餐饮配送');
    type('.ci-note-input', '很长的进展');
    click('.ci-note-submit');
    await waitFor(() => expect(texts('.ci-note-form .field__error')).toEqual(['进展过长（最多 1000 字）']));
  });

  it('a step’s owner unit finishes its step with a note; it cannot solve, add or move tickets out', async () => {
    signIn(['officer'], 'jxw');
    const ci = commonIssue({ plan: { ...commonIssue().plan, items: [step(), step({ id: 'pi0000000002', title: '开通餐饮配送', ownerUnitId: 'xcjd', ownerUnitName: '西城街道' })] } });
    const sent = issueRoutes(ci, {
      'POST /api/common-issues/ciabcdefgh01/steps/pi0000000001/done': () => ({
        data: { commonIssue: { ...ci, rev: 4, plan: { ...ci.plan, items: [step({ status: 'done', doneAt: '2026-06-12T02:00:00.000Z', doneByName: '刘伟', note: '食堂已选址' }), ci.plan.items[1]] } } },
      }),
    });
    render(<IssuePage />);
    await screen.findByText('开通餐饮配送');
    expect(document.querySelectorAll('.ci-step__finish')).toHaveLength(1);
    for (const gone of ['.ci-solve', '.ci-add-tickets-open', '.ci-ticket__remove', '.ci-steps__open', '.ci-note-form']) expect(document.querySelector(gone), gone).toBeNull();
    click('.ci-step__finish');
    type('.ci-step__note', '食堂已选址');
    click('.ci-step__ok');
    await screen.findByText(/刘伟 完成：食堂已选址/);
    expect(bodyOf(sent, 'POST', '/api/common-issues/ciabcdefgh01/steps/pi0000000001/done')).toEqual({ note: '食堂已选址' });
  });

  it('the lead unit’s staff write progress, add steps and solve, but link no tickets', async () => {
    signIn(['unitLead'], 'xcjd');
    const ci = commonIssue();
    const sent = issueRoutes(ci, { 'POST /api/common-issues/ciabcdefgh01/steps': () => ({ data: { commonIssue: { ...ci, rev: 4, plan: { ...ci.plan, items: [step(), step({ id: 'pi0000000003', title: '开通餐饮配送', ownerUnitId: 'xcjd', ownerUnitName: '西城街道' })] } } } }) });
    render(<IssuePage />);
    await screen.findByText('协调园区引入职工食堂，开通周边餐饮配送');
    for (const shown of ['.ci-note-form', '.ci-solve', '.ci-steps__open']) expect(document.querySelector(shown), shown).toBeTruthy();
    for (const gone of ['.ci-add-tickets-open', '.ci-ticket__remove', '.ci-step__finish']) expect(document.querySelector(gone), gone).toBeNull();
    click('.ci-steps__open');
    await waitFor(() => expect(document.querySelectorAll('.steps-editor .option')).toHaveLength(2));
    click('.ci-steps__save');
    expect(screen.getByText('请先添加至少一项措施')).toBeTruthy();
    type('.plan-title', '开通餐饮配送');
    fireEvent.click(screen.getByText('西城街道', { selector: '.steps-editor .option__label' }));
    type('.picker__input', '2026-07-15');
    click('.steps-editor__add');
    click('.ci-steps__save');
    await screen.findByText('开通餐饮配送', { selector: '.plan__title' });
    expect(bodyOf(sent, 'POST', '/api/common-issues/ciabcdefgh01/steps')).toEqual({ rev: 3, steps: [{ title: '开通餐饮配送', ownerUnitId: 'xcjd', dueDate: '2026-07-15' }] });
  });

  it('is not for owners', () => {
    signIn(['owner']);
    const sent = issueRoutes(commonIssue());
    render(<IssuePage />);
    expect(screen.getByText('无权查看共性问题')).toBeTruthy();
    expect(sent).toEqual([]);
  });
});

describe('共性问题台账', () => {
  it('counts by category with a total, filters by status, and opens a common issue', async () => {
    signIn(['leader']);
    const solved = commonIssue({ id: 'ciabcdefgh02', title: '企业融资担保难', category: 'finance', status: 'solved', tickets: [0, 1, 2, 3].map((n) => linked(n)), solution: { summary: '设立转贷基金', at: '2026-05-20T02:00:00.000Z', by: 's', byName: '周婷' } });
    const sent = serve({
      'GET /api/common-issues': () => ({
        data: {
          items: [commonIssue({ targetDate: '2099-12-31', targetAt: '2099-12-31T09:30:00.000Z' }), solved],
          byCategory: [
            { category: 'finance', found: 0, inProgress: 0, solved: 1, enterprises: 4 },
            { category: 'other', found: 1, inProgress: 0, solved: 0, enterprises: 3 },
          ],
        },
      }),
    });
    render(<LedgerPage />);
    await screen.findByText('企业融资担保难');
    expect(sent.map((o) => o.url)).toEqual(['/api/common-issues']);
    expect(texts('[data-category="finance"] .ci-ledger-row__n')).toEqual(['0', '0', '1', '4']);
    expect(texts('.ci-ledger-row--total .ci-ledger-row__n')).toEqual(['1', '0', '1', '7']);
    expect(document.querySelector('.ci-suggestions-link')).toBeNull(); // a leader: no suggestions
    expect(texts('.tab')).toEqual(['全部 2', '已发现 1', '推进中 0', '已解决 1']);
    expect(document.querySelector('[data-issue="ciabcdefgh02"] .ci-card__ents')?.textContent).toBe(`${ENTERPRISES[0].name}、${ENTERPRISES[1].name}、${ENTERPRISES[2].name} 等 4 家企业`);
    expect(document.querySelector('[data-issue="ciabcdefgh02"]')?.textContent).toContain('西城街道 牵头 · 2026-05-20 解决');
    fireEvent.click(screen.getByText('已解决 1'));
    expect(texts('.ci-card__title')).toEqual(['企业融资担保难']);
    fireEvent.click(screen.getByText('推进中 0'));
    expect(screen.getByText('暂无推进中的共性问题')).toBeTruthy();
    fireEvent.click(screen.getByText('全部 2'));
    fireEvent.click(screen.getByText('园区周边就餐难'));
    expect(calls.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/common-issues/pages/issue/index?id=ciabcdefgh01' });
  });

  it('is on the home page of the supervisor (with the suggestions), overseers and unit staff; not an agent’s', () => {
    const keys = (roles: Role[]) => staffTiles({ user: { id: 'u', tenantId: 't', name: '周婷', roles, unitId: 'jxw' } } as MeResponse, 0).map((t) => t.key);
    expect(keys(['supervisor'])).toEqual(expect.arrayContaining(['commonSuggest', 'commonLedger']));
    for (const r of ['leader', 'admin', 'officer', 'unitLead'] as Role[]) {
      expect(keys([r]), r).toContain('commonLedger');
      expect(keys([r]), r).not.toContain('commonSuggest');
    }
    expect(keys(['agent'])).not.toContain('commonLedger');
  });
});

describe('已纳入共性问题统一解决 on a ticket', () => {
  const link = { id: 'ciabcdefgh01', title: '园区周边就餐难', leadUnitName: '西城街道', targetDate: '2026-07-31', linkedAt: '2026-06-09T02:00:00.000Z' };

  it('tells the owner its title, lead unit and target date, and 已解决 with the day once solved; staff get a link', () => {
    const { unmount } = render(<CommonIssueBanner link={link} canOpen={false} />);
    expect(document.querySelector('.ci-banner__head')?.textContent).toBe('已纳入共性问题统一解决');
    expect(document.querySelector('.ci-banner__title')?.textContent).toBe('园区周边就餐难');
    expect(document.querySelector('.ci-banner__meta')?.textContent).toBe('牵头单位：西城街道 · 目标日期：2026-07-31');
    expect(document.querySelector('.ci-banner__open')).toBeNull();
    expect(document.querySelector('.ci-banner__solved')).toBeNull();
    unmount();
    render(<CommonIssueBanner link={{ ...link, solvedAt: '2026-07-20T08:00:00.000Z' }} canOpen />);
    expect(document.querySelector('.ci-banner__solved')?.textContent).toBe('已解决 · 2026-07-20');
    click('.ci-banner__open');
    expect(calls.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/common-issues/pages/issue/index?id=ciabcdefgh01' });
  });

  it('on the owner’s ticket page, from the ticket alone: the common issue itself is never read', async () => {
    signIn(['owner']);
    setRouterParams({ id: 't1' });
    const detail: TicketDetailResponse = { ticket: ticket({ status: 'claimed', handlingUnitId: 'xcjd', handlingUnitName: '西城街道', commonIssue: link }), clocks: [], timeline: [], actions: [] };
    const sent = serve({ 'GET /api/tickets/t1': () => ({ data: detail }) });
    render(<TicketPage />);
    await screen.findByText('已纳入共性问题统一解决');
    expect(document.querySelector('.ci-banner__open')).toBeNull();
    expect(sent.every((o) => !o.url.startsWith('/api/common-issues'))).toBe(true);
  });
});

describe('a linked ticket’s timeline', () => {
  const entry = (kind: TimelineEntry['kind'], data: Record<string, unknown>, text?: string): TimelineEntry => ({
    ticketId: 't1',
    seq: 5,
    at: '2026-06-09T02:00:00.000Z',
    actor: { userId: 'supervisor', name: '周婷', role: 'supervisor' },
    kind,
    ...(text ? { text } : {}),
    data,
  });
  it('says it was linked, unlinked and solved with its common issue', () => {
    const ci = { commonIssueId: 'ciabcdefgh01', title: '园区周边就餐难', leadUnitName: '西城街道' };
    expect(eventText(entry('commonIssueLinked', { ...ci, targetDate: '2026-07-31', pausedClockIds: ['resolve'] }))).toBe('已纳入共性问题「园区周边就餐难」统一解决，牵头单位 西城街道，目标日期 2026-07-31');
    expect(eventText(entry('commonIssueUnlinked', { ...ci, resumedClockIds: ['resolve'] }))).toBe('不再纳入共性问题「园区周边就餐难」，恢复单独办理');
    // the solution itself is the `resolved` entry beside it: not said twice
    expect(eventText(entry('commonIssueSolved', ci, '园区食堂已开业'))).toBe('共性问题「园区周边就餐难」已由 西城街道 统一解决');
  });
});

describe('a common issue’s notice in the inbox', () => {
  it('opens the common issue, not a ticket', async () => {
    signIn(['officer'], 'xcjd');
    serve({
      'GET /api/inbox': () => ({
        data: { unread: 1, items: [{ id: 'n1:u-officer', userId: 'u-officer', at: '2026-06-09T02:00:00.000Z', kind: 'supervision', title: '督办提醒：园区周边就餐难', body: '目标日期将到', ticketId: 't1', commonIssueId: 'ciabcdefgh01' }] },
      }),
      'POST /api/inbox/n1%3Au-officer/read': () => ({ data: { ok: true } }),
    });
    render(<Inbox />);
    fireEvent.click(await screen.findByText('督办提醒：园区周边就餐难'));
    expect(calls.navigations).toEqual([{ kind: 'navigateTo', url: '/common-issues/pages/issue/index?id=ciabcdefgh01' }]);
  });
});
