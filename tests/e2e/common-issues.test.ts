import type { CommonIssue, CommonIssueSuggestion, DevUser, Ticket } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { appErrors, field, isRole, phone, shot, signIn, useStory, visible, WORKING_MORNING } from './support.js';

/**
 * Story: many whistles, one fix (共性问题). Four enterprises complain that there is nowhere to eat
 * around their industrial park. The supervisor opens 可能的共性问题, runs the analysis (立即分析),
 * finds the cluster of their requests, confirms it as a common issue led by 西城街道 with a standing
 * fix, and lands on its page; the owner of a linked request opens it and reads
 * 已纳入共性问题统一解决 with the common issue's title, lead unit and target date. Then the lead
 * unit's officer finds it in 共性问题台账, writes progress (推进中) and solves it; the owner's request
 * says 已解决.
 */
const ASKS = [
  ['园区周边就餐难，员工吃饭不方便', '我们园区周边没有食堂和餐馆，员工午餐吃饭难，希望协调解决园区就餐问题。'],
  ['园区附近缺少餐馆，员工就餐难', '工业园区周边餐饮配套不足，员工就餐难，中午吃饭要走很远，请协调园区餐饮。'],
  ['员工午餐就餐难，园区没有食堂', '园区内外都没有职工食堂，员工吃饭难，希望园区引入食堂解决就餐问题。'],
  ['园区周边吃饭难，希望增加餐饮配套', '园区周边就餐不方便，员工吃饭难，建议增加餐饮网点或食堂。'],
] as const;
const FIX = '协调园区引入职工食堂，开通周边餐饮配送，纳入园区配套建设长效管理';

describe('story: the supervisor confirms a common issue and the owner sees it on their request', () => {
  const story = useStory({ at: WORKING_MORNING });
  /** what the first part leaves for the second: the common issue and a linked request with its owner */
  const left = {} as { ci: CommonIssue; ticket: Ticket; owner: DevUser };

  it('suggestion → common issue → the owner’s view', async () => {
    const { stack, api, browser, people } = story;
    const supervisor = people.find((p) => isRole(p, 'supervisor')) as DevUser;
    const owners = people.filter((p) => isRole(p, 'owner') && p.enterpriseId);
    const byEnterprise = [...new Map(owners.map((o) => [o.enterpriseId, o])).values()].slice(0, ASKS.length);
    expect(byEnterprise).toHaveLength(ASKS.length);
    const tickets: Ticket[] = [];
    for (const [i, [title, description]] of ASKS.entries()) {
      tickets.push(await api.createTicket((byEnterprise[i] as DevUser).userId, { title, description, category: 'other', priority: 'normal' }));
    }
    const ours = new Set(tickets.map((t) => t.id));

    // the supervisor: 可能的共性问题 from the home page, 立即分析
    const S = await phone(browser, WORKING_MORNING);
    const sp = S.page;
    await signIn(sp, stack.url, supervisor.userId);
    await sp.locator('.tile--commonSuggest').click();
    await sp.waitForURL(/common-issues\/pages\/suggestions/);
    await visible(sp, '.ci-run').click();
    let found: CommonIssueSuggestion | undefined;
    await expect
      .poll(
        async () => {
          const { items } = await api.ok<{ items: CommonIssueSuggestion[] }>('GET', '/api/common-issues/suggestions', { as: supervisor.userId });
          found = items.filter((s) => s.status === 'waiting').find((s) => s.tickets.filter((t) => ours.has(t.ticketId)).length >= 3);
          return !!found;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const suggestion = found as CommonIssueSuggestion;
    const card = visible(sp, `.ci-suggestion[data-suggestion="${suggestion.id}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('.ci-suggestion__title').textContent()).toBe(suggestion.title);
    expect(await card.textContent()).toContain(ASKS[0][0]);
    await shot(sp, '100-common-issue-suggestions');

    // 确认为共性问题: the title comes from the topic; a lead unit and the standing fix; the rest as offered
    await card.locator('.ci-confirm-open').click();
    const form = visible(sp, '.ci-confirm');
    await form.waitFor();
    expect(await field(form, 'ci-title').inputValue()).toBe(suggestion.topic);
    await form.locator('.ci-lead .option', { hasText: '西城街道' }).click();
    await field(form, 'ci-fix', 'textarea').fill(FIX);
    await shot(sp, '101-common-issue-confirm');
    await form.locator('.ci-submit').click();
    await sp.waitForURL(/common-issues\/pages\/issue/, { timeout: 20_000 });

    // its page: found, led by 西城街道, the fix, the linked requests
    await expect.poll(() => visible(sp, '.ci-head__title').textContent(), { timeout: 20_000 }).toBe(suggestion.topic);
    expect(await visible(sp, '.ci-status').textContent()).toBe('已发现');
    expect(await visible(sp, '.ci-lead-unit').textContent()).toBe('西城街道');
    expect(await visible(sp, '.ci-fix__text').textContent()).toBe(FIX);
    const linkedIds = await visible(sp, '.ci-ticket').evaluateAll((els) => els.map((e) => e.getAttribute('data-ticket')));
    expect(linkedIds.sort()).toEqual(suggestion.tickets.map((t) => t.ticketId).sort());
    await shot(sp, '102-common-issue-page');
    expect(appErrors(S.errors)).toEqual([]);

    const ciId = /[?&]id=([^&#]+)/.exec(sp.url())?.[1] ?? '';
    const ci = (await api.ok<{ commonIssue: CommonIssue }>('GET', `/api/common-issues/${ciId}`, { as: supervisor.userId })).commonIssue;
    expect(ci).toMatchObject({ title: suggestion.topic, leadUnitId: 'xcjd', fix: FIX, status: 'found', suggestionId: suggestion.id });

    // the owner of a linked request: 我的诉求 → the request → 已纳入共性问题统一解决 (and never the record itself)
    const linked = tickets.find((t) => ci.tickets.some((l) => l.ticketId === t.id)) as Ticket;
    const owner = byEnterprise.find((o) => o.enterpriseId === linked.enterpriseId) as DevUser;
    expect((await api.call('GET', `/api/common-issues/${ciId}`, { as: owner.userId })).status).toBe(403);
    const O = await phone(browser, WORKING_MORNING);
    const op = O.page;
    await signIn(op, stack.url, owner.userId);
    await op.locator('.tile--mine').click();
    await op.waitForURL(/owner\/pages\/mine/);
    const mine = visible(op, '.ticket-card', { hasText: linked.title });
    await mine.waitFor({ timeout: 20_000 });
    await mine.click();
    await op.waitForURL(/pages\/ticket/);
    const banner = visible(op, '.ci-banner');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.locator('.ci-banner__head').textContent()).toBe('已纳入共性问题统一解决');
    expect(await banner.locator('.ci-banner__title').textContent()).toBe(ci.title);
    expect(await banner.locator('.ci-banner__meta').textContent()).toBe(`牵头单位：西城街道 · 目标日期：${ci.targetDate}`);
    expect(await banner.locator('.ci-banner__open').count()).toBe(0);
    await shot(op, '103-common-issue-owner-ticket');
    expect(appErrors(O.errors)).toEqual([]);
    Object.assign(left, { ci, ticket: linked, owner });
  });

  it('the lead unit finds it in the ledger, writes progress and solves it; the owner’s request says 已解决', async () => {
    const { stack, api, browser, people } = story;
    const { ci, ticket, owner } = left;
    expect(ci, 'the first part confirmed a common issue').toBeTruthy();
    const officer = people.find((p) => isRole(p, 'officer') && p.unitId === ci.leadUnitId);
    if (!officer) throw new Error(`no officer of ${ci.leadUnitName} among the personas`);

    const L = await phone(browser, WORKING_MORNING);
    const lp = L.page;
    await signIn(lp, stack.url, officer.userId);
    await lp.locator('.tile--commonLedger').click();
    await lp.waitForURL(/common-issues\/pages\/ledger/);
    const card = visible(lp, `.ci-card[data-issue="${ci.id}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('.ci-card__ents').textContent()).toContain(ci.tickets[0]?.enterpriseName);
    expect(Number(await visible(lp, '.ci-ledger-row[data-category="other"] .ci-n-found').textContent())).toBeGreaterThanOrEqual(1);
    await shot(lp, '104-common-issue-ledger');
    await card.click();
    await lp.waitForURL(/common-issues\/pages\/issue/);
    await visible(lp, '.ci-note-form').waitFor({ timeout: 20_000 });
    expect(await visible(lp, '.ci-add-tickets-open').count()).toBe(0); // linking is the supervisor's

    await field(visible(lp, '.ci-note-form'), 'ci-note-input', 'textarea').fill('已与园区管委会对接，食堂选址完成');
    await visible(lp, '.ci-note-submit').click();
    await expect.poll(() => visible(lp, '.ci-status').textContent(), { timeout: 15_000 }).toBe('推进中');
    await field(visible(lp, '.ci-solve'), 'ci-solve-input', 'textarea').fill('园区职工食堂已开业，周边餐饮配送已开通');
    await visible(lp, '.ci-solve-submit').click();
    await expect.poll(() => visible(lp, '.ci-status').textContent(), { timeout: 15_000 }).toBe('已解决');
    expect(await visible(lp, '.ci-solution__text').textContent()).toBe('园区职工食堂已开业，周边餐饮配送已开通');
    await shot(lp, '105-common-issue-solved');
    expect(appErrors(L.errors)).toEqual([]);

    const linked = await api.ticket(ticket.id, owner.userId);
    expect(linked.commonIssue?.solvedAt).toBeTruthy();
    const O = await phone(browser, WORKING_MORNING);
    await signIn(O.page, stack.url, owner.userId);
    await O.page.goto(`${stack.url}/#/pages/ticket/index?id=${ticket.id}`);
    const solved = visible(O.page, '.ci-banner__solved');
    await solved.waitFor({ timeout: 20_000 });
    expect(await solved.textContent()).toMatch(/^已解决 · \d{4}-\d{2}-\d{2}$/);
    await shot(O.page, '106-common-issue-owner-solved');
    expect(appErrors(O.errors)).toEqual([]);
  });
});
