import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appErrors, shot, signIn, useStory, visible, WORKING_MORNING } from './support.js';

/**
 * Story: the admin console (管理后台) at desktop width. The demo district's
 * admin opens it from the home page's tile: a side navigation, the directory's
 * counts, then the settings (the clock policy saved, the calendar read).
 */
async function desktop(browser: Browser, now: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.clock.setFixedTime(new Date(now));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

/** Goes to a console section through the side navigation. */
async function section(page: Page, name: string): Promise<void> {
  await visible(page, `.console__link[data-page="${name}"]`).first().click();
  await visible(page, `.console__link--on[data-page="${name}"]`).first().waitFor({ timeout: 20_000 });
}

describe('story: the admin console', () => {
  const story = useStory({ at: WORKING_MORNING });
  const admin = () => story.people.find((p) => p.roles.includes('admin'))?.userId ?? 'admin';

  it('opens from the admin’s home tile at desktop width: side navigation, counts, settings', async () => {
    const { context, page, errors } = await desktop(story.browser, WORKING_MORNING);
    try {
      await signIn(page, story.stack.url, admin());
      await visible(page, '.tile--admin').click();
      const nav = visible(page, '.console__nav').first();
      await nav.waitFor({ timeout: 20_000 });
      const box = await nav.boundingBox();
      expect(box?.width).toBe(200); // a side column at desktop width, design pixels as CSS pixels
      await expect.poll(async () => Number(await visible(page, '.ccount[data-page="adminUnits"] .ccount__n').first().textContent()), { timeout: 20_000 }).toBeGreaterThan(5);
      await shot(page, 'console-home');

      await section(page, 'adminSettings');
      await visible(page, '.office-hours__periods').first().waitFor({ timeout: 20_000 });
      expect(await visible(page, '.office-hours__periods').first().textContent()).toMatch(/\d\d:\d\d–\d\d:\d\d/);
      await visible(page, '.tab', { hasText: '时限规则' }).first().click();
      const claim = visible(page, '.rule-row[data-rule="normal.claim"] .rule-duration input').first();
      await claim.waitFor({ timeout: 20_000 });
      await claim.fill('3');
      await visible(page, '.clock-policy-submit').first().click();
      await expect.poll(async () => {
        const r = await story.api.ok<{ policy: { normal: { claim: { duration: number } } }; isDefault: boolean }>('GET', '/api/admin/clock-policy', { as: admin() });
        return [r.policy.normal.claim.duration, r.isDefault];
      }, { timeout: 15_000 }).toEqual([3, false]);
      await shot(page, 'console-settings');
      expect(appErrors(errors)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
