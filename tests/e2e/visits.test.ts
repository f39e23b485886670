import type { CoverageResponse, DevUser, Ticket, VisitResponse, VisitsResponse } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { appErrors, field, phone, shot, signIn, useStory, visible, WORKING_MORNING } from './support.js';

/**
 * Story: grid visits (走访). A grid officer opens 走访记录 (empty), logs a
 * visit of an enterprise of their grid — the week's situation, two problems
 * found — and on the visit's page turns one problem into a request with one
 * tap; the enterprise's ledger then shows the visit and the request, newest
 * first, and so does its owner's. The area lead reads the month's coverage of
 * the area's grids (the bar, visited of total, open problems).
 */
const LATER = new Date(Date.parse(WORKING_MORNING) + 20 * 60_000).toISOString();

describe('story: a grid visit, its finding turned into a request, the ledger and coverage', () => {
  const story = useStory({ at: WORKING_MORNING });
  const need = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`no ${what}`);
    return x;
  };
  const w = {} as { officer: DevUser; owner: DevUser; visitId: string; ticket: Ticket };

  it('the grid officer logs a visit and turns a finding into a request; the ledger shows both', async () => {
    const { stack, browser, api, people } = story;
    w.officer = need(people.find((p) => p.userId === 'grid-g01'), 'grid officer of g01');
    w.owner = need(people.find((p) => p.userId === 'owner-01'), 'owner of an enterprise in g01');
    const O = await phone(browser, WORKING_MORNING);
    const op = O.page;
    await signIn(op, stack.url, w.officer.userId);
    await op.locator('.tile--visits').click();
    await op.waitForURL(/visit\/pages\/log/);
    await visible(op, '.empty__text', { hasText: '还没有走访记录' }).waitFor({ timeout: 20_000 });
    await shot(op, '70-visits-empty-log');

    // 新增走访: the enterprise, the week's situation, two problems found
    await visible(op, '.visit-new').click();
    await op.waitForURL(/visit\/pages\/new/);
    await visible(op, '.enterprise-picker .option', { hasText: need(w.owner.enterpriseName, 'enterprise name') }).click();
    for (const pick of ['减产', '订单下滑', '用工短缺']) await visible(op, '.situation-form .choice', { hasText: pick }).click();
    await field(visible(op, '.situation-form'), 'situation-note').fill('四季度订单下滑约三成');
    await visible(op, '.finding-add').click();
    await visible(op, '.finding-add').click();
    const problems: Array<[string, string]> = [
      ['新产线需用电增容 800 千伏安，申请已提交供电所一个月', '水电气网'],
      ['物流运费上涨约 15%，希望纳入园区集中配送', '市场与供应链'],
    ];
    for (const [i, [text, category]] of problems.entries()) {
      const card = visible(op, `.finding-edit[data-index="${i}"]`);
      await field(card, 'finding-text', 'textarea').fill(text);
      await card.locator('.choice', { hasText: category }).click();
    }
    await shot(op, '71-visits-new');
    await visible(op, '.visit-submit').click();
    await op.waitForURL(/visit\/pages\/detail/, { timeout: 20_000 });
    const finding = visible(op, '.finding[data-finding="0"]');
    await finding.locator('.finding-raise').waitFor({ timeout: 20_000 });
    const mine = await api.ok<VisitsResponse>('GET', '/api/visits', { as: w.officer.userId });
    const visit = need(mine.items[0], 'the visit logged');
    w.visitId = visit.id;
    expect(visit).toMatchObject({ enterpriseId: w.owner.enterpriseId, date: '2026-06-09', kind: 'onSite', situation: { production: 'reduced', orders: 'falling', staffing: 'short', note: '四季度订单下滑约三成' } });
    expect(visit.findings.map((f) => [f.text, f.category])).toEqual([
      [problems[0]?.[0], 'utilities'],
      [problems[1]?.[0], 'market'],
    ]);
    await shot(op, '72-visits-detail');

    // twenty minutes later, one tap: the problem becomes a request (channel visit), and the finding links it
    await api.setClock(LATER, 'supervisor');
    await finding.locator('.finding-raise').click();
    await expect.poll(() => finding.locator('.finding__ticket').count(), { timeout: 20_000 }).toBe(1);
    const linked = await api.ok<VisitResponse>('GET', `/api/visits/${w.visitId}`, { as: w.officer.userId });
    const ticketId = need(linked.visit.findings[0]?.ticket?.ticketId, 'the linked ticket');
    w.ticket = await api.ticket(ticketId, w.officer.userId);
    expect(w.ticket).toMatchObject({ channel: 'visit', enterpriseId: w.owner.enterpriseId, category: 'utilities', status: 'published' });
    expect(await finding.locator('.finding__ticket').textContent()).toContain(`已转为诉求 ${w.ticket.number}`);
    expect(await visible(op, '.finding[data-finding="1"] .finding-raise').count()).toBe(1);
    await shot(op, '73-visits-finding-raised');

    // the enterprise's ledger: the request, then the visit
    await visible(op, '.visit-head__name').click();
    await op.waitForURL(/visit\/pages\/ledger/);
    await visible(op, '.ledger-entry').first().waitFor({ timeout: 20_000 });
    const entries = () => visible(op, '.ledger-entry').evaluateAll((els) => els.map((e) => [e.getAttribute('data-kind'), e.getAttribute('data-id')]));
    // the request, then the visit (the policies pushed to the enterprise when the demo loaded are there too)
    const all = await entries();
    expect(all.filter(([kind]) => kind === 'ticket' || kind === 'visit')).toEqual([
      ['ticket', w.ticket.id],
      ['visit', w.visitId],
    ]);
    expect(all.filter(([kind]) => kind !== 'ticket' && kind !== 'visit').every(([kind]) => kind === 'policyPushed')).toBe(true);
    expect(await visible(op, `.ledger-entry[data-id="${w.ticket.id}"] .ledger-entry__sub`).textContent()).toContain(w.ticket.number);
    expect(await visible(op, `.ledger-entry[data-id="${w.visitId}"] .ledger-entry__sub`).textContent()).toContain('减产 · 订单下滑 · 用工短缺 · 发现问题 2 个 · 转诉求 1 件 · 待解决 1 个');
    await shot(op, '74-visits-ledger');
    // a ledger entry opens the request
    await visible(op, `.ledger-entry[data-id="${w.ticket.id}"]`).click();
    await op.waitForURL(/pages\/ticket\/index/);
    await expect.poll(() => visible(op, '.ticket-head__title').textContent(), { timeout: 20_000 }).toBe(w.ticket.title);
    expect(appErrors(O.errors)).toEqual([]);

    // the owner opens their own enterprise's ledger from the home page
    const E = await phone(browser, LATER);
    await signIn(E.page, stack.url, w.owner.userId);
    await E.page.locator('.tile--ledger').click();
    await E.page.waitForURL(/visit\/pages\/ledger/);
    await visible(E.page, `.ledger-entry[data-id="${w.visitId}"]`).waitFor({ timeout: 20_000 });
    const own = await visible(E.page, '.ledger-entry').evaluateAll((els) => els.map((e) => [e.getAttribute('data-kind'), e.getAttribute('data-id')]));
    expect(own.filter(([kind]) => kind === 'ticket' || kind === 'visit').map(([, id]) => id)).toEqual([w.ticket.id, w.visitId]);
    // the policies pushed to it: the owner reads them in the same ledger
    expect(own.some(([kind]) => kind === 'policyPushed')).toBe(true);
    expect(appErrors(E.errors)).toEqual([]);
  });

  it('the area lead reads the month’s coverage of the area’s grids', async () => {
    const { stack, browser, api } = story;
    const figures = await api.ok<CoverageResponse>('GET', '/api/coverage?month=2026-06', { as: 'area-east' });
    expect(figures.grids.map((g) => g.gridId)).toEqual(['g01', 'g02', 'g03']);
    const g01 = need(figures.grids.find((g) => g.gridId === 'g01'), 'g01');
    expect(g01).toMatchObject({ visited: 1, visits: 1, pendingFindings: 1 });
    expect(g01.openTickets).toBeGreaterThanOrEqual(1);
    const A = await phone(browser, LATER);
    const ap = A.page;
    await signIn(ap, stack.url, 'area-east');
    await ap.locator('.tile--coverage').click();
    await ap.waitForURL(/visit\/pages\/coverage/);
    await visible(ap, '.coverage-row').first().waitFor({ timeout: 20_000 });
    expect(await visible(ap, '.coverage-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-grid')))).toEqual(['g01', 'g02', 'g03']);
    const row = visible(ap, '.coverage-row[data-grid="g01"]');
    expect(await row.locator('.coverage-row__share').textContent()).toBe(`${Math.round(g01.share * 100)}%`);
    expect(await row.locator('.coverage-row__visited').textContent()).toBe(`已走访 1/${g01.enterprises} 家 · 1 次`);
    expect(await row.locator('.coverage-row__problems').textContent()).toBe(`待解决问题 ${g01.openProblems}`);
    const width = await row.locator('.coverage-bar__fill').evaluate((el) => (el as unknown as { style: { width: string } }).style.width);
    expect(width).toBe(`${Math.round(g01.share * 100)}%`);
    expect(await visible(ap, '.coverage-total__share').textContent()).toBe(`${Math.round(figures.total.share * 100)}%`);
    await shot(ap, '75-visits-coverage');
    // the month before: nobody visited
    await visible(ap, '.month-chip[data-month="2026-05"]').click();
    await expect.poll(() => row.locator('.coverage-row__visited').textContent(), { timeout: 20_000 }).toBe(`已走访 0/${g01.enterprises} 家 · 0 次`);
    expect(appErrors(A.errors)).toEqual([]);
  });
});
