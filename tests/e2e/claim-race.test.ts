import { H5_CSP } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import {
  appErrors,
  feedCard,
  field,
  isRole,
  phone,
  rivalsFor,
  shot,
  signIn,
  ticketIdFromUrl,
  useStory,
  WORKING_MORNING,
  visible,
} from './support.js';

describe('story 1: an owner blows the whistle, two units race to claim, the winner resolves, the owner rates', () => {
  const story = useStory({ at: WORKING_MORNING });


  it('runs the whole request from 我要吹哨 to 满意', async () => {
    const { stack, api, browser, people } = story;
    const owner = people.find((p) => isRole(p, 'owner') && p.enterpriseId);
    if (!owner) throw new Error('no owner persona');
    const O = await phone(browser, WORKING_MORNING);
    const op = O.page;

    // the app runs under the site's security headers (as CloudFront sends them): nothing refused, the rem root size set by the bundle
    const violations: string[] = [];
    await op.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
    // (page code as text: the tests compile without the DOM library)
    await op.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (e) => { void window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI); });",
    });
    // sign in through the persona picker
    const served = await op.goto(stack.url);
    expect(served?.headers()['content-security-policy']).toBe(H5_CSP);
    expect(served?.headers()['x-frame-options']).toBe('DENY');
    await op.locator('.persona').first().waitFor({ timeout: 20_000 });
    // 390 px wide: 20 × 390 / 375 (what Taro's inline script set; the CSP refuses inline scripts)
    expect(await op.evaluate<string>('document.documentElement.style.fontSize')).toBe('20.8px');
    await shot(op, '01-login-personas');
    await signIn(op, stack.url, owner.userId);
    await op.locator('.cta').waitFor();
    await shot(op, '02-owner-home');

    // 我要吹哨: the shared schema's messages show under the fields
    await op.locator('.cta').click();
    const submit = op.locator('.submit-btn');
    await submit.waitFor();
    await submit.click();
    await expect.poll(() => op.locator('.field__error').allTextContents()).toEqual(
      expect.arrayContaining(['请选择诉求类别', '标题不能为空', '问题描述不能为空']),
    );
    await shot(op, '03-owner-new-errors');

    const title = '新厂房用电增容迟迟未批';
    await op.locator('.category-choices .choice', { hasText: '水电气网' }).click();
    await op.locator('.choice', { hasText: '紧急' }).click();
    await field(op, 'title-input').fill(title);
    await field(op, 'description-input', 'textarea').fill('新建二号厂房需要增容到 2000 千伏安，申请已提交三周，供电所说要等区里协调。希望尽快落实。');
    await expect.poll(() => op.locator('.field__error').count()).toBe(0);
    await shot(op, '04-owner-new-filled');
    await submit.click();
    await op.waitForURL(/pages\/ticket\/index\?id=/, { timeout: 20_000 });
    const ticketId = ticketIdFromUrl(op.url());
    if (!ticketId) throw new Error(`no ticket id in ${op.url()}`);
    await expect.poll(() => op.locator('.ticket-head__title').textContent()).toBe(title);
    await expect.poll(() => op.locator('.ticket-head .chip').first().textContent()).toBe('待认领');
    await shot(op, '05-owner-ticket-published');

    // the server has exactly one ticket for this draft
    const ticket = await api.ticket(ticketId, owner.userId);
    expect(ticket.title).toBe(title);
    expect(ticket.priority).toBe('urgent');
    expect(ticket.category).toBe('utilities');

    // two officers of different units, both members of one of the ticket's groups
    const { group, a, b } = await rivalsFor(api, ticket, people);
    const A = await phone(browser, WORKING_MORNING);
    const B = await phone(browser, WORKING_MORNING);
    await signIn(A.page, stack.url, a.userId);
    await signIn(B.page, stack.url, b.userId);
    await shot(A.page, '06-officer-home');

    // officer A walks there: home → 我的群 → the group; officer B opens the group directly
    await A.page.locator('.tile--groups').click();
    await A.page.waitForURL(/officer\/pages\/groups/);
    await visible(A.page, '.section__title', { hasText: '行业群' }).first().waitFor();
    await visible(A.page, '.group-cell', { hasText: group.name }).first().click();
    await B.page.goto(`${stack.url}/#/officer/pages/group/index?id=${group.id}&name=${encodeURIComponent(group.name)}`);

    const cardA = feedCard(A.page, ticketId);
    const cardB = feedCard(B.page, ticketId);
    await cardA.locator('.claim-btn').waitFor({ timeout: 20_000 });
    await cardB.locator('.claim-btn').waitFor({ timeout: 20_000 });
    await expect.poll(() => cardA.locator('.feed-card__title').textContent()).toBe(title);
    await cardA.scrollIntoViewIfNeeded();
    await shot(A.page, '07-officer-group-feed');

    // the same moment
    await Promise.all([cardA.locator('.claim-btn').click(), cardB.locator('.claim-btn').click()]);
    const outcome = (card: typeof cardA) => card.locator('.feed-card__result--won, .feed-card__result--lost').count();
    await expect.poll(async () => (await outcome(cardA)) + (await outcome(cardB)), { timeout: 15_000 }).toBe(2);

    const aWon = (await cardA.locator('.feed-card__result--won').count()) === 1;
    const [winner, loser, winnerUser] = aWon ? [A, B, a] : [B, A, b];
    const loserCard = feedCard(loser.page, ticketId);
    // exactly one winner; the other is told who won, never a generic error
    expect(await feedCard(winner.page, ticketId).locator('.feed-card__result--won').count()).toBe(1);
    expect(await loserCard.locator('.feed-card__result--won').count()).toBe(0);
    await expect.poll(() => loserCard.locator('.feed-card__result--lost').textContent()).toBe(`已被 ${winnerUser.unitName} 认领`);
    expect(await loserCard.locator('.claim-btn').count()).toBe(0);
    await shot(winner.page, '08-claim-won');
    await shot(loser.page, '09-claim-lost');

    const claimed = await api.ticket(ticketId, owner.userId);
    expect(claimed.status).toBe('claimed');
    expect(claimed.handlingUnitId).toBe(winnerUser.unitId);

    // the winner replies and resolves on the handling screen
    const wp = winner.page;
    await feedCard(wp, ticketId).locator('.btn', { hasText: '去办理' }).click();
    await wp.locator('.ticket-head__title').waitFor();
    await expect.poll(() => wp.locator('.handling-unit').textContent()).toContain(winnerUser.unitName ?? '');
    const reply = '您好，已联系供电所，本周内完成现场勘查，请保持电话畅通。';
    await field(wp, 'composer__input').fill(reply);
    await wp.locator('.composer__send').click();
    await expect.poll(() => wp.locator('.tl-bubble__text').allTextContents()).toContain(reply);
    await shot(wp, '10-officer-handling');

    await wp.locator('.action-resolve').click();
    const sheet = wp.locator('.sheet');
    await sheet.waitFor();
    await sheet.locator('.action-submit').click();
    await expect.poll(() => sheet.locator('.form-error').textContent()).toBe('请选择办结方式');
    await sheet.locator('.choice', { hasText: '协调解决' }).click();
    await field(sheet, 'action-text', 'textarea').fill('已协调供电所完成增容方案审批，6 月 20 日前送电。');
    await shot(wp, '11-officer-resolve-sheet');
    await sheet.locator('.action-submit').click();
    await expect.poll(() => wp.locator('.ticket-head .chip').first().textContent(), { timeout: 15_000 }).toBe('已办结');
    await shot(wp, '12-officer-resolved');

    // the owner sees the reply and the result, and rates it
    await op.reload();
    await op.locator('.ticket-head__title').waitFor();
    await expect.poll(() => op.locator('.tl-bubble__text').allTextContents(), { timeout: 15_000 }).toContain(reply);
    await expect.poll(() => op.locator('.ticket-head .chip').first().textContent()).toBe('已办结');
    await op.locator('.action-rate').click();
    const rate = op.locator('.sheet');
    await rate.locator('.rating-choices .choice', { hasText: /^满意$/ }).click();
    await shot(op, '13-owner-rating');
    await rate.locator('.action-submit').click();
    await expect.poll(() => op.locator('.ticket-head .chip').first().textContent(), { timeout: 15_000 }).toBe('已销号');
    await expect.poll(() => op.locator('.rating-line').textContent()).toContain('满意');
    await shot(op, '14-owner-rated');

    const closed = await api.ticket(ticketId, owner.userId);
    expect(closed.status).toBe('closed');
    expect(closed.rating?.score).toBe('satisfied');

    // my requests shows it in plain words
    await op.goto(`${stack.url}/#/owner/pages/mine/index`);
    await expect.poll(() => visible(op, '.ticket-card', { hasText: title }).locator('.ticket-card__summary').textContent()).toBe(
      '已销号 · 评价：满意',
    );
    await shot(op, '15-owner-mine');

    // the grid board and the notifications
    await op.goto(`${stack.url}/#/owner/pages/grid/index`);
    // the grid's people, then the enterprise's resident commissioners (亲清特使), each with their unit
    await expect.poll(async () => (await visible(op, '.contact__role').allTextContents()).slice(0, 3), { timeout: 15_000 }).toEqual(['网格员', '片区负责人', '网格总负责人']);
    expect((await visible(op, '.contact__role').allTextContents()).slice(3).every((r) => r.startsWith('亲清特使'))).toBe(true);
    await shot(op, '16-owner-grid');
    await op.goto(`${stack.url}/#/pages/inbox/index`);
    await visible(op, '.inbox-item').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => visible(op, '.inbox-item .cell__title').allTextContents()).toEqual(expect.arrayContaining(['诉求已办结']));
    await shot(op, '17-owner-inbox');

    expect(appErrors(O.errors)).toEqual([]);
    expect(violations).toEqual([]);
    expect(appErrors(A.errors)).toEqual([]);
    expect(appErrors(B.errors)).toEqual([]);
  });
});
