import type { AssessmentResponse, DevUser, Dispute, Ticket, Unit } from '@whistle/shared';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appErrors, field, isPlainOfficer, isRole, phone, shot, signIn, useStory, visible, WORKING_MORNING } from './support.js';

/**
 * Story: the assessment (助企服务指数). Four departments handle a request each,
 * well or badly; the running aggregates are kept by the stack's own outbox
 * consumer. The supervisor reads the ranking (bars, red and black lists, the
 * trend), opens a unit, taps an indicator down to its tickets and one ticket;
 * an officer of the weakest unit opens "本单位考核" and disputes an item (the
 * API's validation message shown at the field); the supervisor accepts it.
 */
const PERIOD = '2026-Q2'; // WORKING_MORNING is in June 2026

/** Reads until `ok` (test setup: expect.poll works only inside a test). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('story: the assessment pages', () => {
  const story = useStory({ at: WORKING_MORNING });
  const need = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`no ${what}`);
    return x;
  };
  // four departments: A resolves and pleases, B resolves and displeases, C only takes it, D only contacts
  const w = {} as { supervisor: DevUser; units: Unit[]; tickets: Ticket[]; officers: DevUser[] };

  const ranking = async () =>
    (await story.api.ok<AssessmentResponse>('GET', `/api/assessment?period=${PERIOD}&track=department`, { as: w.supervisor.userId })).tracks[0];

  beforeAll(async () => {
    const { api, people } = story;
    w.supervisor = need(people.find((p) => isRole(p, 'supervisor')), 'supervisor');
    const departments = (await api.ok<{ items: Unit[] }>('GET', '/api/units', { as: w.supervisor.userId })).items.filter((u) => u.track === 'department');
    w.units = departments.slice(0, 4);
    w.officers = w.units.map((u) => need(people.find((p) => isPlainOfficer(p) && p.unitId === u.id), `officer of ${u.id}`));
    const owners = people.filter((p) => isRole(p, 'owner') && p.enterpriseId);
    const titles = ['新厂房用电增容', '出口退税进度查询', '员工宿舍用地报批', '园区道路破损维修'];
    w.tickets = [];
    for (const [i, title] of titles.entries()) {
      const t = await api.createTicket(need(owners[i], 'owner').userId, { title, description: `${title}，请相关部门协助。`, category: 'other', priority: 'normal' });
      await api.ok('POST', `/api/tickets/${t.id}/assign`, { as: w.supervisor.userId, body: { unitId: need(w.units[i], 'unit').id } });
      w.tickets.push(t);
    }
    const [a, b, , d] = w.tickets.map((t, i) => ({ t, officer: need(w.officers[i], 'officer'), owner: need(owners[i], 'owner') }));
    for (const [x, score] of [[a, 'satisfied'], [b, 'unsatisfied']] as const) {
      if (!x) continue;
      await api.ok('POST', `/api/tickets/${x.t.id}/resolve`, { as: x.officer.userId, body: { kind: 'resolved', summary: '已协调有关单位办结' } });
      await api.ok('POST', `/api/tickets/${x.t.id}/rating`, { as: x.owner.userId, body: { score } });
    }
    if (d) await api.ok('POST', `/api/tickets/${d.t.id}/messages`, { as: d.officer.userId, body: { text: '已电话联系企业，明天上门' } });
    // the stack's outbox consumer keeps the aggregates: wait until every department's last fact counts
    await until(
      async () => {
        const units = (await ranking())?.units ?? [];
        const of = (i: number) => units.find((u) => u.unitId === w.units[i]?.id)?.counters;
        return [of(0)?.satisfied, of(1)?.rated, of(2)?.handled, of(3)?.replied];
      },
      (v) => v.every((n) => n === 1),
      'the assessment aggregates',
    );
  });

    interface CanvasEl {
    width: number;
    height: number;
    getContext: (kind: '2d') => { getImageData: (x: number, y: number, w: number, h: number) => { data: ArrayLike<number> } } | null;
  }
  /** Whether the chart's canvas has been drawn on (pixels other than the white background). */
  const chartDrawn = (page: Page) =>
    visible(page, '.chart--drawn canvas')
      .first()
      .evaluate((el) => {
        const c = el as unknown as CanvasEl;
        const ctx = c.getContext('2d');
        if (!ctx || !c.width) return false;
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < px.length; i += 4) if ((px[i] ?? 255) < 200 && px[i + 3] !== 0) return true;
        return false;
      });

  it('the supervisor reads the ranking, opens a unit, drills into an indicator and opens a ticket', async () => {
    const { stack, browser } = story;
    const track = need(await ranking(), 'department ranking');
    const S = await phone(browser, WORKING_MORNING);
    const sp = S.page;
    await signIn(sp, stack.url, w.supervisor.userId);
    await shot(sp, '59-assessment-supervisor-home');
    await sp.locator('.tile--ranking').click();
    await sp.waitForURL(/assess\/pages\/ranking/);
    await visible(sp, '.rank-bar').first().waitFor({ timeout: 20_000 });
    // the bars in the API's rank order, the red and black lists highlighted
    expect(await visible(sp, '.rank-bar__name').allTextContents()).toEqual(track.units.map((u) => u.unitName));
    const marked = (list: string) => visible(sp, `.rank-bar--${list}`).evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')));
    expect(await marked('red')).toEqual(track.redList);
    expect((await marked('black')).sort()).toEqual([...track.blackList].sort());
    expect(track.redList[0]).toBe(w.units[0]?.id);
    expect(track.blackList).toContain(w.units[2]?.id);
    const names = (ids: string[]) => ids.map((id) => track.units.find((u) => u.unitId === id)?.unitName).join('、');
    expect(await visible(sp, '.honor__names').allTextContents()).toEqual([names(track.redList), names(track.blackList)]);
    await shot(sp, '60-assessment-ranking');
    await expect.poll(() => chartDrawn(sp), { timeout: 15_000 }).toBe(true);
    await visible(sp, '.chart').scrollIntoViewIfNeeded();
    await shot(sp, '60b-assessment-trend');

    // unit A, its figures, an indicator's tickets, one ticket
    const [unitA, ticketA] = [need(w.units[0], 'unit A'), need(w.tickets[0], 'ticket A')];
    await visible(sp, `.rank-bar[data-unit="${unitA.id}"]`).click();
    await sp.waitForURL(/assess\/pages\/unit/);
    const scoreA = need(track.units.find((u) => u.unitId === unitA.id), 'score A');
    await expect.poll(() => visible(sp, '.unit-head__value').textContent(), { timeout: 20_000 }).toBe(String(scoreA.index));
    expect(await visible(sp, '.unit-head__rank-value').textContent()).toBe('第 1 名');
    await expect.poll(() => chartDrawn(sp), { timeout: 15_000 }).toBe(true);
    await shot(sp, '61-assessment-unit');
    await visible(sp, '.ind-row[data-code="satisfactionRate"]').click();
    await sp.waitForURL(/assess\/pages\/tickets/);
    const row = visible(sp, `.drill-row[data-ticket="${ticketA.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('.drill-row__fact').textContent()).toBe('满意或基本满意');
    await shot(sp, '62-assessment-drill');
    await row.locator('.drill-row__title').click();
    await sp.waitForURL(/pages\/ticket\/index/);
    await expect.poll(() => visible(sp, '.ticket-head__title').textContent(), { timeout: 20_000 }).toBe(ticketA.title);
    expect(appErrors(S.errors)).toEqual([]);
  });

  it('an officer of the weakest unit disputes an item, and the supervisor accepts it', async () => {
    const { stack, browser, api } = story;
    const [unitC, ticketC, officerC] = [need(w.units[2], 'unit C'), need(w.tickets[2], 'ticket C'), need(w.officers[2], 'officer C')];
    const O = await phone(browser, WORKING_MORNING);
    const op = O.page;
    await signIn(op, stack.url, officerC.userId);
    await op.locator('.tile--myunit').click();
    await op.waitForURL(/assess\/pages\/unit/);
    await expect.poll(() => visible(op, '.page-caption').first().textContent(), { timeout: 20_000 }).toContain(unitC.name);
    await visible(op, '.ind-row[data-code="resolveRate"]').click();
    await op.waitForURL(/assess\/pages\/tickets/);
    const row = visible(op, `.drill-row[data-ticket="${ticketC.id}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('.drill-row__fact').textContent()).toBe('未办结');
    await row.locator('.dispute-btn').click();
    const sheet = visible(op, '.sheet');
    await sheet.waitFor();
    // sent without a reason: the API's own message, at the field
    await sheet.locator('.dispute-submit').click();
    await expect.poll(() => sheet.locator('.field--error .field__error').textContent(), { timeout: 15_000 }).toBe('请填写申诉理由');
    await shot(op, '63-assessment-dispute-invalid');
    const reason = '企业要求暂缓办理，待其补齐材料后再办结';
    await field(sheet, 'dispute-reason', 'textarea').fill(reason);
    await sheet.locator('.dispute-submit').click();
    await expect.poll(() => visible(op, '.sheet').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => row.locator('.drill-row__disputed').textContent(), { timeout: 15_000 }).toBe('已申诉 · 待处理');
    await shot(op, '64-assessment-disputed');
    const raised = (await api.ok<{ items: Dispute[] }>('GET', '/api/assessment/disputes', { as: officerC.userId })).items;
    expect(raised.map((d) => [d.ticketId, d.indicator, d.reason, d.status])).toEqual([[ticketC.id, 'resolveRate', reason, 'open']]);
    const dispute = need(raised[0], 'dispute');

    // the supervisor decides on the disputes page
    const S = await phone(browser, WORKING_MORNING);
    const sp = S.page;
    await signIn(sp, stack.url, w.supervisor.userId);
    await sp.locator('.tile--disputes').click();
    await sp.waitForURL(/assess\/pages\/disputes/);
    const card = visible(sp, `.dispute[data-dispute="${dispute.id}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain(reason);
    await card.locator('.accept-btn').click();
    const decide = visible(sp, '.sheet');
    await decide.locator('.decide-submit').click();
    await expect.poll(() => decide.locator('.field__error').textContent(), { timeout: 15_000 }).toBe('请填写处理意见');
    await field(decide, 'decide-reason', 'textarea').fill('经核实，企业书面要求暂缓，予以采纳');
    await shot(sp, '65-assessment-decide');
    await decide.locator('.decide-submit').click();
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await ranking())?.units.find((u) => u.unitId === unitC.id)?.indicators.find((i) => i.code === 'resolveRate')?.den).toBe(0);
    expect(appErrors(O.errors)).toEqual([]);
    expect(appErrors(S.errors)).toEqual([]);
  });
});
