import type { DevUser, Ticket } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { appErrors, field, isPlainOfficer, isRole, phone, shot, signIn, useStory, visible } from './support.js';

/** Saturday 22:00 in Shanghai: out of office hours, the desk's time. */
const SATURDAY_NIGHT = '2026-06-13T14:00:00.000Z';
/** Monday 10:00: a working morning. */
const MONDAY_MORNING = '2026-06-15T02:00:00.000Z';
/** Tuesday 14:00: Monday's claim and contact clocks are past due. */
const TUESDAY_AFTERNOON = '2026-06-16T06:00:00.000Z';

describe('story 2: the after-hours desk, the supervisor and a county leader', () => {
  const story = useStory();
  const need = (u: DevUser | undefined, what: string): DevUser => {
    if (!u) throw new Error(`no ${what} persona`);
    return u;
  };


  it('the desk answers one after-hours request and forwards another', async () => {
    const { stack, api, browser, people } = story;
    const agent = need(people.find((p) => isRole(p, 'agent')), 'agent');
    const owners = people.filter((p) => isRole(p, 'owner') && p.enterpriseId);
    const [o1, o2] = [need(owners[0], 'owner'), need(owners[1] ?? owners[0], 'owner')];
    // moving the clock takes a supervisor or admin
    await api.setClock(SATURDAY_NIGHT, need(people.find((p) => isRole(p, 'supervisor')), 'supervisor').userId);

    const consult = await api.createTicket(o1.userId, {
      title: '高新技术企业认定材料怎么准备',
      description: '今年想申报高新技术企业，想问一下需要准备哪些材料、什么时候截止。',
      category: 'policy',
      priority: 'normal',
    });
    const needsUnit = await api.createTicket(o2.userId, {
      title: '厂区门口道路破损影响货车通行',
      description: '厂区门口市政道路塌陷，大货车进出困难，请协调修复。',
      category: 'utilities',
      priority: 'normal',
    });
    expect(consult.desk?.state).toBe('waiting');
    expect(needsUnit.desk?.state).toBe('waiting');

    const D = await phone(browser, SATURDAY_NIGHT);
    const dp = D.page;
    await signIn(dp, stack.url, agent.userId);
    await shot(dp, '20-agent-home');
    await dp.locator('.tile--desk').click();
    await dp.waitForURL(/desk\/pages\/queue/);
    const card = (t: Ticket) => visible(dp, '.ticket-card', { hasText: t.title });
    await card(consult).waitFor({ timeout: 20_000 });
    await card(needsUnit).waitFor();
    await expect.poll(() => visible(dp, '.desk-duty').textContent()).toContain('现在是下班时间');
    await shot(dp, '21-desk-queue');

    // answer the consultation
    await card(consult).locator('.desk-answer').click();
    const sheet = visible(dp, '.sheet');
    await sheet.waitFor();
    const answer = '高企认定需准备：知识产权证明、研发费用专项审计报告、高新收入说明等，区科技局每年 5–7 月受理，可先登录系统注册。';
    await field(sheet, 'action-text', 'textarea').fill(answer);
    await shot(dp, '22-desk-answer-sheet');
    await sheet.locator('.action-submit').click();
    await expect.poll(() => card(consult).count(), { timeout: 15_000 }).toBe(0);

    // forward the one that needs a unit
    await card(needsUnit).locator('.desk-forward').click();
    await visible(dp, '.sheet').waitFor();
    await field(visible(dp, '.sheet'), 'action-text', 'textarea').fill('涉及市政道路维修，请属地街道和住建部门认领。');
    await visible(dp, '.sheet').locator('.action-submit').click();
    await expect.poll(() => card(needsUnit).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => visible(dp, '.empty__text').textContent()).toBe('队列已清空');
    await shot(dp, '23-desk-queue-empty');

    const answered = await api.ticket(consult.id, o1.userId);
    expect(answered.status).toBe('resolved');
    expect(answered.resolution?.summary).toBe(answer);
    const forwarded = await api.ticket(needsUnit.id, o2.userId);
    expect(forwarded.status).toBe('published');
    expect(forwarded.desk?.state).toBe('forwarded');

    // the owner sees the desk's answer in plain words
    const O = await phone(browser, SATURDAY_NIGHT);
    await signIn(O.page, stack.url, o1.userId);
    await visible(O.page, '.ticket-card', { hasText: consult.title }).click();
    await expect.poll(() => visible(O.page, '.tl-bubble__label').allTextContents()).toContain('在线客服答复');
    await shot(O.page, '24-owner-desk-answer');

    expect(appErrors(D.errors)).toEqual([]);
    expect(appErrors(O.errors)).toEqual([]);
  });

  it('the supervisor sees what is late and unclaimed, assigns, sets up a leader, acknowledges notices', async () => {
    const { stack, api, browser, people } = story;
    const supervisor = need(people.find((p) => isRole(p, 'supervisor')), 'supervisor');
    const leaderUser = need(people.find((p) => isRole(p, 'leader')), 'leader');
    const owners = people.filter((p) => isRole(p, 'owner') && p.enterpriseId);
    const owner = need(owners[2] ?? owners[0], 'owner');

    // Monday: a request is claimed and then left alone
    await api.setClock(MONDAY_MORNING, supervisor.userId);
    const neglected = await api.createTicket(owner.userId, {
      title: '技改项目补贴资金迟迟未拨付',
      description: '去年的技改补贴公示后一直没有到账，请帮忙催一下。',
      category: 'finance',
      priority: 'normal',
    });
    const groups = await api.groups(supervisor.userId);
    const memberUnits = new Set(groups.filter((g) => neglected.groupIds.includes(g.id)).flatMap((g) => g.memberUnitIds));
    const claimer = need(people.find((p) => isPlainOfficer(p) && memberUnits.has(p.unitId ?? '')), 'officer in the ticket\'s groups');
    await api.ok('POST', `/api/tickets/${neglected.id}/claim`, { as: claimer.userId, body: {} });

    // Tuesday afternoon: contact is late; a fresh request waits to be claimed
    await api.setClock(TUESDAY_AFTERNOON, supervisor.userId);
    const fresh = await api.createTicket(owner.userId, {
      title: '招聘技术工人需要政策支持',
      description: '扩产需要招 30 名数控技工，想了解人才补贴和招聘会安排。',
      category: 'talent',
      priority: 'normal',
    });
    await api.runSchedules(supervisor.userId);

    const S = await phone(browser, TUESDAY_AFTERNOON);
    const sp = S.page;
    await signIn(sp, stack.url, supervisor.userId);
    await shot(sp, '30-supervisor-home');
    await sp.locator('.tile--overview').click();
    await sp.waitForURL(/supervise\/pages\/overview/);
    const row = (title: string) => visible(sp, '.overview-card', { hasText: title });
    await row(neglected.title).waitFor({ timeout: 20_000 });
    await expect.poll(() => row(neglected.title).locator('.clock--danger').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^联系企业已超时/)]),
    );
    await shot(sp, '31-supervisor-overdue');

    // unclaimed: assign to a unit
    await visible(sp, '.tab', { hasText: '待认领' }).click();
    await row(fresh.title).waitFor();
    await shot(sp, '32-supervisor-unclaimed');
    await row(fresh.title).locator('.sv-assign').click();
    const sheet = visible(sp, '.sheet');
    await sheet.waitFor();
    const units = (await api.ok<{ items: Array<{ id: string; name: string }> }>('GET', '/api/units', { as: supervisor.userId })).items;
    const freshUnits = new Set(groups.filter((g) => fresh.groupIds.includes(g.id)).flatMap((g) => g.memberUnitIds));
    const unit = units.find((u) => freshUnits.has(u.id)) ?? units[0];
    if (!unit) throw new Error('no units');
    await sheet.locator('.option', { hasText: unit.name }).first().click();
    await shot(sp, '33-supervisor-assign-sheet');
    await sheet.locator('.action-submit').click();
    await expect.poll(async () => (await api.ticket(fresh.id, owner.userId)).handlingUnitId, { timeout: 15_000 }).toBe(unit.id);

    // the neglected one: a county leader takes it
    await visible(sp, '.tab', { hasText: '超时' }).click();
    await row(neglected.title).locator('.sv-lead').click();
    await visible(sp, '.sheet').locator('.option', { hasText: leaderUser.name }).first().click();
    await visible(sp, '.sheet').locator('.action-submit').click();
    await expect.poll(async () => (await api.ticket(neglected.id, owner.userId)).leader?.userId, { timeout: 15_000 }).toBe(leaderUser.userId);

    // notices (督办单): acknowledge one
    await sp.goto(`${stack.url}/#/supervise/pages/notices/index`);
    const notice = visible(sp, '.notice', { hasText: neglected.number });
    await notice.first().waitFor({ timeout: 20_000 });
    await shot(sp, '34-supervisor-notices');
    await notice.first().locator('.ack-btn').click();
    await expect.poll(() => notice.first().locator('.card-actions').textContent(), { timeout: 15_000 }).toContain('已签收');
    await shot(sp, '35-supervisor-notice-acked');

    // joint handling: the supervisor adds a co-unit with a task on the handling screen
    await sp.goto(`${stack.url}/#/pages/ticket/index?id=${neglected.id}`);
    await visible(sp, '.action-joint').click();
    const jointSheet = visible(sp, '.sheet');
    await jointSheet.waitFor();
    const coUnit = need(
      people.find((p) => isPlainOfficer(p) && p.unitId !== claimer.unitId && units.some((u) => u.id === p.unitId)),
      'officer of another unit',
    );
    const coUnitName = units.find((u) => u.id === coUnit.unitId)?.name ?? '';
    // lead: the handling unit is preselected; co-units: the second list
    await jointSheet.locator('.options').nth(1).locator('.option', { hasText: coUnitName }).click();
    await field(jointSheet, 'co-task__input').fill('核实补贴拨付进度并反馈');
    await shot(sp, '36a-supervisor-joint-sheet');
    await jointSheet.locator('.action-submit').click();
    await expect.poll(async () => (await api.ticket(neglected.id, owner.userId)).joint?.coUnits.map((c) => c.unitId), { timeout: 15_000 }).toEqual([
      coUnit.unitId,
    ]);
    await expect.poll(() => visible(sp, '.joint').textContent()).toContain(coUnitName);

    // the co-unit marks its task done
    const C = await phone(browser, TUESDAY_AFTERNOON);
    await signIn(C.page, stack.url, coUnit.userId);
    await C.page.goto(`${stack.url}/#/pages/ticket/index?id=${neglected.id}`);
    await visible(C.page, '.action-taskDone').click();
    await field(visible(C.page, '.sheet'), 'action-text', 'textarea').fill('财政已排期，本月底前拨付。');
    await visible(C.page, '.sheet').locator('.action-submit').click();
    await expect.poll(() => visible(C.page, '.joint').textContent(), { timeout: 15_000 }).toContain('已完成');
    await shot(C.page, '36b-co-unit-task-done');
    const afterTask = await api.ticket(neglected.id, owner.userId);
    expect(afterTask.joint?.coUnits[0]?.doneAt).toBeTruthy();
    expect(appErrors(C.errors)).toEqual([]);

    // the leader sees the matter with its cadence clocks
    const L = await phone(browser, TUESDAY_AFTERNOON);
    await signIn(L.page, stack.url, leaderUser.userId);
    await L.page.locator('.tile--leader').click();
    await L.page.waitForURL(/supervise\/pages\/leader/);
    const led = visible(L.page, '.ticket-card', { hasText: neglected.title });
    await led.waitFor({ timeout: 20_000 });
    await expect.poll(() => led.locator('.clock').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^距月度进展时限/), expect.stringMatching(/^距现场办公时限/), expect.stringMatching(/^距季度评估时限/)]),
    );
    await shot(L.page, '36-leader-matters');
    await led.click();
    await visible(L.page, '.ticket-head__title').waitFor();
    await shot(L.page, '37-leader-ticket');

    // the handling officer's unit inbox: the late ticket and the notices
    const U = await phone(browser, TUESDAY_AFTERNOON);
    await signIn(U.page, stack.url, claimer.userId);
    await U.page.locator('.tile--unit').click();
    await U.page.waitForURL(/officer\/pages\/unit/);
    await visible(U.page, '.ticket-card', { hasText: neglected.title }).waitFor({ timeout: 20_000 });
    await shot(U.page, '38-officer-unit');
    await visible(U.page, '.tab', { hasText: '通知' }).click();
    await visible(U.page, '.inbox-item').first().waitFor({ timeout: 20_000 });
    await shot(U.page, '39-officer-unit-inbox');

    expect(appErrors(S.errors)).toEqual([]);
    expect(appErrors(L.errors)).toEqual([]);
    expect(appErrors(U.errors)).toEqual([]);
  });
});
