import type { DevUser, MyPoliciesResponse, PolicyResponse, PolicyStatsResponse, SuggestionsResponse, Ticket } from '@whistle/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { appErrors, field, isRole, phone, shot, signIn, ticketIdFromUrl, useStory, visible } from './support.js';

/**
 * Story: the policy supermarket (政策超市) for an owner. The owner opens 我的政策
 * (专属 and 普惠, each with why), opens a matched policy's page and asks about it
 * (我要申报/咨询): the consultation goes straight to the policy's unit. Then the
 * owner starts writing a request, is shown a policy that answers it, and stops
 * there (已解决，不再提交), which the supervisor's figures count.
 *
 * What it assumes of the demo district (issue 13's demo data): published
 * policies valid on the day the stack starts (the stack keeps its own clock
 * here, so policies dated around today hold), at least one owner whose
 * enterprise has both 专属 and 普惠 policies, and policies about 稳岗, 信用贷/贴息
 * or 专精特新 that the suggestions find for an owner's plain words. It reads
 * the expected items from the API, never from fixed titles.
 */
const NOW = new Date().toISOString();
const ASKS = [
  '今年想招 20 个新员工，稳岗补贴怎么申请，需要准备哪些材料？',
  '想申请信用贷款，听说有贴息政策，具体怎么办理？',
  '我们刚评上专精特新企业，有没有奖励，怎么申报？',
  '想了解一下企业能享受哪些补贴政策',
];

describe('story: 我的政策, a policy’s page, a consultation and a suggestion that answers', () => {
  const story = useStory();
  const w = {} as { owner: DevUser; mine: MyPoliciesResponse; supervisor: DevUser };
  const need = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`no ${what}`);
    return x;
  };

  beforeAll(async () => {
    const { api, people } = story;
    w.supervisor = need(people.find((p) => isRole(p, 'supervisor')), 'supervisor');
    // an owner whose enterprise has policies of both kinds
    for (const owner of people.filter((p) => isRole(p, 'owner') && p.enterpriseId)) {
      const mine = await api.ok<MyPoliciesResponse>('GET', '/api/policies/mine', { as: owner.userId });
      if (mine.items.some((i) => i.match.kind === 'matched') && mine.items.some((i) => i.match.kind === 'universal')) {
        Object.assign(w, { owner, mine });
        break;
      }
    }
    if (!w.owner) throw new Error('the demo data has no owner with both 专属 and 普惠 policies');
  });

  it('the owner reads 我的政策, opens a matched policy and asks about it; the request goes to the policy’s unit', async () => {
    const { stack, api, browser } = story;
    const O = await phone(browser, NOW);
    const op = O.page;
    await signIn(op, stack.url, w.owner.userId);
    await op.locator('.tile--policies').click();
    await op.waitForURL(/policy\/pages\/mine\/index/);
    await visible(op, '.policy-card').first().waitFor({ timeout: 20_000 });
    expect(await visible(op, '.policy-hero__title').textContent()).toBe(w.mine.enterpriseName);

    // 专属 first: the API's matched policies in its order, each saying why (its reasons)
    const matched = w.mine.items.filter((i) => i.match.kind === 'matched');
    const universal = w.mine.items.filter((i) => i.match.kind === 'universal');
    const expiring = w.mine.items.filter((i) => i.match.expiringSoon);
    const tab = (label: string) => visible(op, '.tab', { hasText: label });
    expect(await tab('专属').textContent()).toBe(`专属（${matched.length}）`);
    expect(await tab('普惠').textContent()).toBe(`普惠（${universal.length}）`);
    expect(await tab('即将到期').textContent()).toBe(`即将到期（${expiring.length}）`);
    const titles = () => visible(op, '.policy-card__title').allTextContents();
    const whys = () => visible(op, '.match__why').allTextContents();
    await expect.poll(titles).toEqual(matched.map((i) => i.policy.title));
    expect(await whys()).toEqual(matched.map((i) => (i.match.reasons.length ? `符合：${i.match.reasons.join('；')}` : '普惠政策：全区企业均可申报')));
    expect(matched.every((i) => i.match.reasons.length > 0)).toBe(true);
    await shot(op, '80-policy-mine-matched');

    // 普惠: the universal ones
    await tab('普惠').click();
    await expect.poll(titles).toEqual(universal.map((i) => i.policy.title));
    expect(await visible(op, '.policy-card__kind').allTextContents()).toEqual(universal.map(() => '普惠'));
    await shot(op, '81-policy-mine-universal');

    // a matched policy's page: what it is, who it is for, its named contact, why it fits this enterprise
    await tab('专属').click();
    const first = need(matched[0], 'a matched policy');
    const { policy } = await api.ok<PolicyResponse>('GET', `/api/policies/${first.policy.id}`, { as: w.owner.userId });
    await visible(op, `.policy-card[data-policy="${policy.id}"]`).click();
    await op.waitForURL(/policy\/pages\/detail\/index\?id=/);
    await expect.poll(() => visible(op, '.policy-head__title').textContent(), { timeout: 20_000 }).toBe(policy.title);
    expect(await visible(op, '.match__kind').textContent()).toBe('专属');
    expect(await visible(op, '.match__reason').allTextContents()).toEqual(first.match.reasons.map((r) => `✓ ${r}`));
    expect(await visible(op, '.policy-contact .contact__name').first().textContent()).toBe(policy.contact.name);
    expect(await visible(op, '.policy-contact .contact__phone').first().textContent()).toBe(policy.contact.phone);
    expect(await visible(op, '.policy-apply').textContent()).toBe(policy.howToApply);
    // an owner has no 编辑 / 发布 / 下架
    expect(await visible(op, '.policy-edit, .policy-publish, .policy-retire').count()).toBe(0);
    await shot(op, '82-policy-detail');

    // 我要申报/咨询: the new-request page about this policy, named after it, its contact at the top
    await visible(op, '.policy-consult').click();
    await op.waitForURL(/owner\/pages\/new\/index\?policyId=/);
    const title = `政策咨询：${policy.title}`.length <= 60 ? `政策咨询：${policy.title}` : `${`政策咨询：${policy.title}`.slice(0, 59)}…`;
    await expect.poll(() => field(op, 'title-input').inputValue(), { timeout: 20_000 }).toBe(title);
    expect(await visible(op, '.consult-head__title').textContent()).toBe(policy.title);
    expect(await visible(op, '.consult-head .contact__name').textContent()).toBe(policy.contact.name);
    expect(await visible(op, '.category-choices .choice--on').textContent()).toBe('政策咨询');
    await field(op, 'description-input', 'textarea').fill('我们想申报这项政策，请问需要准备哪些材料、什么时候截止？');
    // asking about a policy suggests no others
    expect(await visible(op, '.suggest').count()).toBe(0);
    await shot(op, '83-policy-consult');
    await visible(op, '.submit-btn').click();
    await op.waitForURL(/pages\/ticket\/index\?id=/, { timeout: 20_000 });
    const ticketId = need(ticketIdFromUrl(op.url()), 'ticket id');
    await expect.poll(() => visible(op, '.ticket-head__title').textContent(), { timeout: 20_000 }).toBe(title);
    await shot(op, '84-policy-consult-raised');
    const ticket = await api.ticket(ticketId, w.owner.userId);
    expect(ticket.category).toBe('policy');
    // first-contact responsibility: the request is the policy's unit's at once
    expect(ticket.handlingUnitId).toBe(policy.unitId);
    expect(appErrors(O.errors)).toEqual([]);
  });

  it('the owner writes a request, is shown a policy that answers it, and stops there; the supervisor’s figures count it', async () => {
    const { stack, api, browser } = story;
    // plain words the suggestions answer (asked of the API first: the demo's policies decide which)
    let ask: { text: string; items: SuggestionsResponse['items'] } | undefined;
    for (const text of ASKS) {
      const r = await api.ok<SuggestionsResponse>('GET', `/api/policies/suggest?q=${encodeURIComponent(text)}`, { as: w.owner.userId });
      if (r.items.length) {
        ask = { text, items: r.items };
        break;
      }
    }
    const { text, items } = need(ask, 'suggestion for any of the plain requests');
    const before = await api.ok<PolicyStatsResponse>('GET', '/api/policies/stats', { as: w.supervisor.userId });
    const mineBefore = await api.ok<{ items: Ticket[] }>('GET', '/api/tickets?view=mine&limit=100', { as: w.owner.userId });

    const O = await phone(browser, NOW);
    const op = O.page;
    const answered: string[] = [];
    O.context.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/policies\/[^/]+\/answered$/.test(new URL(r.url()).pathname)) answered.push(new URL(r.url()).pathname);
    });
    await signIn(op, stack.url, w.owner.userId);
    await op.locator('.cta').click();
    await visible(op, '.submit-btn').waitFor();
    await field(op, 'description-input', 'textarea').fill(text);
    const item = visible(op, '.suggest__item').first();
    await item.waitFor({ timeout: 20_000 });
    expect(await visible(op, '.suggest__title').textContent()).toBe('相关政策，或许能直接解答');
    const shown = await visible(op, '.suggest__name').allTextContents();
    expect(shown).toEqual(items.slice(0, 3).map((s) => s.policy.title));
    const policyId = need(await item.getAttribute('data-policy'), 'suggested policy id');
    await shot(op, '85-policy-suggested');

    await item.locator('.suggest-answered').click();
    await expect.poll(() => op.locator('body').textContent(), { timeout: 15_000 }).toContain('很高兴帮到您');
    await shot(op, '86-policy-answered');
    await op.getByText('好的', { exact: true }).click();
    await op.waitForURL(/pages\/index\/index/, { timeout: 20_000 });
    expect(answered).toEqual([`/api/policies/${policyId}/answered`]);

    // counted for the month (once), and nothing was raised
    const stats = () => api.ok<PolicyStatsResponse>('GET', '/api/policies/stats', { as: w.supervisor.userId });
    await expect.poll(async () => (await stats()).answered, { timeout: 15_000 }).toBe(before.answered + 1);
    const after = await stats();
    const mineAfter = await api.ok<{ items: Ticket[] }>('GET', '/api/tickets?view=mine&limit=100', { as: w.owner.userId });
    expect(mineAfter.items.length).toBe(mineBefore.items.length);

    // the supervisor reads the same figure on 政策超市管理
    const S = await phone(browser, NOW);
    await signIn(S.page, stack.url, w.supervisor.userId);
    await S.page.locator('.tile--policyAdmin').click();
    await S.page.waitForURL(/policy\/pages\/unit\/index/);
    await expect.poll(() => visible(S.page, '.policy-stats__answered').textContent(), { timeout: 20_000 }).toBe(String(after.answered));
    await shot(S.page, '87-policy-supervisor');
    expect(appErrors(O.errors)).toEqual([]);
    expect(appErrors(S.errors)).toEqual([]);
  });
});
