import type { Ticket } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { field, isRole, phone, shot, signIn, useStory, visible, WORKING_MORNING } from './support.js';

/**
 * Weak network: a request written offline survives closing the app and is sent
 * once the network is back, with the idempotency key its draft was given, and
 * the server holds exactly one ticket for it.
 */
describe('story 3: 我要吹哨 on a weak network', () => {
  const story = useStory({ at: WORKING_MORNING });


  it('keeps the request through offline, a closed app and a retry, and raises it once', async () => {
    const { stack, api, browser, people } = story;
    const owner = people.find((p) => isRole(p, 'owner') && p.enterpriseId);
    if (!owner) throw new Error('no owner persona');
    const { context, page } = await phone(browser, WORKING_MORNING);
    const keys: string[] = [];
    context.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/tickets') keys.push(r.headers()['idempotency-key'] ?? '');
    });

    await signIn(page, stack.url, owner.userId);
    await page.locator('.cta').click();
    await page.locator('.submit-btn').waitFor();
    const title = '断网时写的诉求：仓库消防验收';
    await page.locator('.category-choices .choice', { hasText: '审批许可' }).click();
    await field(page, 'title-input').fill(title);
    await field(page, 'description-input', 'textarea').fill('新仓库消防验收排队一个多月，想问能否加快。');

    await context.setOffline(true);
    await page.locator('.submit-btn').click();
    await visible(page, '.taro__modal, .taro-modal__content, .weui-dialog').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('body').textContent()).toContain('已保存在手机上');
    await shot(page, '40-offline-saved');
    await page.getByText('知道了').click();
    // back on the home page (already loaded: nothing to fetch offline), the request waits there
    await page.waitForURL(/pages\/index\/index/);
    await visible(page, '.outbox-card', { hasText: title }).waitFor();
    await shot(page, '41-offline-outbox');
    expect(keys.length).toBeGreaterThanOrEqual(1);

    // the app is closed while still offline; the network comes back; the app is opened again
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${stack.url}/#/owner/pages/mine/index`);
    await expect.poll(async () => visible(again, '.ticket-card', { hasText: title }).count(), { timeout: 40_000 }).toBeGreaterThan(0);
    await expect.poll(() => visible(again, '.outbox-card').count(), { timeout: 10_000 }).toBe(0);
    await shot(again, '42-offline-sent');

    // every attempt used the draft's one key, and the server has one ticket for it
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    const mine = await api.ok<{ items: Ticket[] }>('GET', '/api/tickets?view=mine&limit=100', { as: owner.userId });
    expect(mine.items.filter((t) => t.title === title)).toHaveLength(1);

    // later shows send nothing more
    const before = keys.length;
    await again.reload();
    await visible(again, '.ticket-card', { hasText: title }).first().waitFor();
    await again.waitForTimeout(1500);
    expect(keys.length).toBe(before);
  });
});
