import type { DevUser, MonthlyAnalysis } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { appErrors, isRole, phone, shot, signIn, useStory, visible, WORKING_MORNING } from './support.js';

/**
 * Story: the monthly analysis (月分析). Owners raise five requests in June
 * 2026; the supervisor opens 月度分析 from the home page, picks the current
 * month, reads the headline figures and the township table, sees the charts
 * drawn and downloads the Excel.
 */
const MONTH = '2026-06'; // WORKING_MORNING is in June 2026

describe('story: the monthly analysis page', () => {
  const story = useStory({ at: WORKING_MORNING });

  it('the supervisor opens 月度分析, picks the month, reads its figures and downloads the Excel', async () => {
    const { stack, browser, api, people } = story;
    const supervisor = people.find((p) => isRole(p, 'supervisor')) as DevUser;
    const owners = people.filter((p) => isRole(p, 'owner') && p.enterpriseId).slice(0, 5);
    const categories = ['utilities', 'utilities', 'finance', 'talent', 'utilities'];
    for (const [i, o] of owners.entries()) {
      await api.createTicket(o.userId, { title: `六月诉求 ${i + 1}`, description: '请相关部门协助解决。', category: categories[i], priority: 'normal' });
    }
    const figures = await api.ok<MonthlyAnalysis>('GET', `/api/analysis/monthly?month=${MONTH}`, { as: supervisor.userId });
    expect(figures.figures.total).toBe(5);

    const S = await phone(browser, WORKING_MORNING);
    const sp = S.page;
    await signIn(sp, stack.url, supervisor.userId);
    await sp.locator('.tile--analysis').click();
    await sp.waitForURL(/assess\/pages\/analysis/);
    await visible(sp, `.period-chip[data-month="${MONTH}"]`).click();
    await expect.poll(() => visible(sp, '.headline[data-key="total"] .headline__value').textContent(), { timeout: 20_000 }).toBe('5');
    expect(await visible(sp, '.page-caption').first().textContent()).toContain('本月尚未结束');
    const rows = await visible(sp, '.town-table__row:not(.town-table__row--head)').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')));
    expect(rows).toEqual(figures.byTownship.map((t) => t.unitId));
    await expect.poll(() => visible(sp, '.chart--drawn').count(), { timeout: 15_000 }).toBe(2);
    await shot(sp, '90-analysis-month');

    const [download] = await Promise.all([sp.waitForEvent('download', { timeout: 20_000 }), visible(sp, '.analysis-download').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`月度分析-${MONTH}\\.xlsx$`));
    expect(appErrors(S.errors)).toEqual([]);
  });
});
