import type { Ticket, TicketDetailResponse } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { appErrors, browserContext, field, phone, shot, signIn, useStory, visible, WORKING_MORNING } from './support.js';

/**
 * A resident commissioner (亲清特使): qq-jrb of 金融办 serves 青石新材料 (owner-03), whose groups 金融办 sits
 * in none of. They open 我服务的企业, find the enterprise's new request, open it, and leave a message.
 */
describe('story: a resident commissioner follows their enterprise', () => {
  const story = useStory({ at: WORKING_MORNING });

  it('opens 我服务的企业 and a request of their enterprise, and leaves a message', async () => {
    const { stack, api, browser, people } = story;
    const commissioner = people.find((p) => p.userId === 'qq-jrb');
    const owner = people.find((p) => p.userId === 'owner-03');
    if (!commissioner || !owner?.enterpriseId) throw new Error('demo personas qq-jrb and owner-03 missing');
    const t: Ticket = await api.createTicket(owner.userId, {
      title: '新厂房环评批复进度',
      description: '新厂房的环评报告已提交一个月，想了解批复进度。',
      category: 'permits',
      priority: 'normal',
    });

    const { page, errors } = await phone(browser, WORKING_MORNING);
    await signIn(page, stack.url, commissioner.userId);
    await page.locator('.tile--served').click();
    await page.waitForURL(/officer\/pages\/served/);
    const card = visible(page, `.served-ent[data-enterprise="${owner.enterpriseId}"]`);
    await card.waitFor({ timeout: 20_000 });
    await card.locator('.ticket-card', { hasText: t.title }).waitFor();
    await shot(page, '70-commissioner-served');

    await card.locator('.ticket-card', { hasText: t.title }).click();
    await page.waitForURL(/pages\/ticket/);
    await expect.poll(() => visible(page, '.ticket-head__title').textContent(), { timeout: 20_000 }).toBe(t.title);
    // seen and spoken to, not claimed: the commissioner's unit sits in none of its groups
    expect(await visible(page, '.action-claim').count()).toBe(0);
    await field(visible(page, '.composer'), 'composer__input').fill('您好，我是贵企业的亲清特使，已联系承办部门跟进。');
    await visible(page, '.composer__send').click();
    await expect
      .poll(async () => (await api.ok<TicketDetailResponse>('GET', `/api/tickets/${t.id}`, { as: 'supervisor' })).timeline.some((e) => e.kind === 'message' && e.actor.userId === 'qq-jrb'), { timeout: 15_000 })
      .toBe(true);
    await shot(page, '71-commissioner-ticket');
    expect(appErrors(errors)).toEqual([]);
  });

  it('the owner sees their commissioner on the grid board', async () => {
    const { stack, browser } = story;
    const { page, errors } = await phone(browser, WORKING_MORNING);
    await signIn(page, stack.url, 'owner-03');
    await page.locator('.tile--grid').click();
    await page.waitForURL(/owner\/pages\/grid/);
    const commissioners = visible(page, '.grid-board__commissioners');
    await commissioners.waitFor({ timeout: 20_000 });
    await expect.poll(() => commissioners.textContent()).toContain('亲清特使 · 区金融工作办公室');
    await shot(page, '72-owner-grid-board');
    expect(appErrors(errors)).toEqual([]);
  });

  it('the supervisor pairs a commissioner with more enterprises on 亲清特使结对', async () => {
    const { stack, api, browser } = story;
    const { page, errors } = await phone(browser, WORKING_MORNING);
    await signIn(page, stack.url, 'supervisor');
    await page.locator('.tile--pairing').click();
    await page.waitForURL(/supervise\/pages\/pairing/);
    await visible(page, '.pairing-ok').waitFor({ timeout: 20_000 });
    const card = visible(page, '.commissioner-card[data-user="qq-jrb"]');
    await card.waitFor();
    const before = await card.locator('.commissioner-card__ent').count();
    await shot(page, '73-supervisor-pairing');
    await card.locator('.pair-more').click();
    const sheet = visible(page, '.sheet');
    await sheet.waitFor();
    await sheet.locator('.option:not(.option--disabled)').first().click();
    await sheet.locator('.pair-submit').click();
    await expect.poll(() => card.locator('.commissioner-card__ent').count(), { timeout: 15_000 }).toBe(before + 1);
    const served = (await api.ok<{ items: unknown[] }>('GET', '/api/enterprises/commissioned', { as: 'qq-jrb' })).items;
    expect(served).toHaveLength(before + 1);
    expect(appErrors(errors)).toEqual([]);
  });

  it('the admin pairs an enterprise in the console’s enterprise editor', async () => {
    const { stack, api, browser, people } = story;
    const owner = people.find((p) => p.userId === 'owner-04'); // nobody serves it in the demo
    if (!owner?.enterpriseId) throw new Error('demo persona owner-04 missing');
    const { page, errors } = await browserContext(browser, WORKING_MORNING, { viewport: { width: 1366, height: 860 } });
    await signIn(page, stack.url, 'admin');
    await visible(page, '.tile--admin').click();
    await visible(page, '.console__link[data-page="adminEnterprises"]').first().click();
    const row = visible(page, `.dir-table .ctable__row[data-id="${owner.enterpriseId}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const editor = visible(page, '.commissioner-editor');
    await editor.waitFor({ timeout: 20_000 });
    await expect.poll(() => editor.textContent()).toContain('尚未结对亲清特使');
    await field(editor, 'commissioner-search').fill('13823546411'); // qq-jrb's phone
    await editor.locator('.option').first().click();
    await editor.locator('.commissioner-save').click();
    await expect.poll(async () => (await api.ok<{ commissionerUserIds?: string[] }>('GET', `/api/admin/enterprises/${owner.enterpriseId}`, { as: 'admin' })).commissionerUserIds, { timeout: 15_000 }).toEqual(['qq-jrb']);
    await expect.poll(() => editor.locator('.commissioner-chip').count()).toBe(1);
    expect(await visible(page, '.commissioner-editor').count()).toBe(1);
    await shot(page, '74-console-commissioner-editor');
    // the record's form goes on from the revision the pairing made: its save is not stale, and keeps the pairing
    await visible(page, '.f-address input').fill('清溪区西城一网格产业园 4 号楼');
    await visible(page, '.record-submit').click();
    await expect.poll(async () => (await api.ok<{ address?: string; commissionerUserIds?: string[] }>('GET', `/api/admin/enterprises/${owner.enterpriseId}`, { as: 'admin' })), { timeout: 15_000 }).toMatchObject({
      address: '清溪区西城一网格产业园 4 号楼',
      commissionerUserIds: ['qq-jrb'],
    });
    expect(appErrors(errors)).toEqual([]);
  });
});
