import { completeCreditCode, IMPORT_COLUMNS, type CellValue, type ImportKind, type SheetSpec } from '@whistle/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../functions/src/export/workbook.js';
import { appErrors, browserContext, feedCard, field, phone, shot, signIn, ticketIdFromUrl, useStory, visible, WORKING_MORNING } from './support.js';

/**
 * Story: the admin console (管理后台) at desktop width. The demo district's
 * admin opens it from the home page's tile: a side navigation, the
 * directory's counts, the settings; adds a unit 商务委 (and meets a stale
 * edit: 已被他人修改); uploads an enterprises .xlsx, reads the per-row report,
 * starts it and watches the progress reach 100 %; issues an invitation (its
 * code and QR code), which a person then uses to bind WeChat through the
 * local WeChat double; reads the audit trail. The platform operator opens a
 * new district; the province reader sees the demo district beside the others.
 */
/** A desktop-sized context (the console's width). */
const desktop = (browser: Browser, now: string) => browserContext(browser, now, { viewport: { width: 1366, height: 860 } });

/** Goes to a console section through the side navigation. */
async function section(page: Page, name: string): Promise<void> {
  // a click that lands while the page is still busy (a loaded CI machine) can be lost: click again until it shows
  for (let attempt = 0; ; attempt++) {
    await visible(page, `.console__link[data-page="${name}"]`).first().click();
    try {
      await visible(page, `.console__link--on[data-page="${name}"]`).first().waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

/** an .xlsx as a person fills in the template: the headers, the rows */
async function workbookOf(rows: Array<Record<string, CellValue>>, kind: ImportKind = 'enterprises'): Promise<Buffer> {
  const spec: SheetSpec = { name: '名录', title: '名录', columns: IMPORT_COLUMNS[kind].map((c) => ({ key: c.key, header: c.header, width: c.width, format: 'text' })), rows };
  return writeWorkbook([spec], { generatedAt: WORKING_MORNING });
}

/** An import through the console's page: choose the kind, upload, read the counts, start, wait for 100 %, back to a new upload. */
async function importThroughConsole(page: Page, kind: ImportKind, label: string, rows: Array<Record<string, CellValue>>, counts: string): Promise<void> {
  await visible(page, '.import-kind .choice', { hasText: label }).click();
  await page.locator('.file-picker__input').filter({ visible: true }).setInputFiles({ name: `${label}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbookOf(rows, kind) });
  await visible(page, '.import-job[data-status="validated"]').waitFor({ timeout: 30_000 });
  expect(await visible(page, '.import-counts').textContent()).toBe(counts);
  await visible(page, '.import-start-btn').click();
  await visible(page, '.import-job[data-status="done"] .progress[data-pct="100"]').waitFor({ timeout: 60_000 });
  await visible(page, '.import-new').click();
  await visible(page, '.import-upload').waitFor();
}

describe('story: the admin console', () => {
  const story = useStory({ at: WORKING_MORNING });
  const admin = () => story.people.find((p) => p.roles.includes('admin'))?.userId ?? 'admin';
  const w = {} as { context: BrowserContext; page: Page; errors: string[] };
  beforeAll(async () => {
    Object.assign(w, await desktop(story.browser, WORKING_MORNING));
  });
  afterAll(async () => {
    await w.context?.close();
  });

  it('opens from the admin’s home tile at desktop width: side navigation, counts, settings', async () => {
    const { page } = w;
    {
      await signIn(page, story.stack.url, admin());
      await visible(page, '.tile--admin').click();
      const nav = visible(page, '.console__nav').first();
      await nav.waitFor({ timeout: 20_000 });
      const box = await nav.boundingBox();
      expect(box?.width).toBeCloseTo(200, 0); // a side column at desktop width, design pixels as CSS pixels
      await expect.poll(async () => Number(await visible(page, '.ccount[data-page="adminUnits"] .ccount__n').first().textContent()), { timeout: 20_000 }).toBeGreaterThan(5);
      await shot(page, 'console-home');

      await section(page, 'adminSettings');
      await visible(page, '.office-hours__periods').first().waitFor({ timeout: 20_000 });
      expect(await visible(page, '.office-hours__periods').first().textContent()).toMatch(/\d\d:\d\d-\d\d:\d\d/);
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
      // still usable at a phone's width: the navigation is a strip above the page, tables are cards
      await page.setViewportSize({ width: 390, height: 844 });
      await expect.poll(async () => (await nav.boundingBox())?.height ?? 0, { timeout: 5_000 }).toBeLessThan(60);
      await section(page, 'adminUnits');
      await visible(page, '.dir-table .ctable__row[data-id]').first().waitFor({ timeout: 20_000 });
      expect(await visible(page, '.dir-table .ctable__row--head').count()).toBe(0);
      await shot(page, 'console-phone');
      await page.setViewportSize({ width: 1366, height: 860 });
    }
  });

  it('adds a unit 商务委 and sees it in the list; a stale edit shows 已被他人修改 with the current record', async () => {
    const { page } = w;
    await section(page, 'adminUnits');
    await visible(page, '.dir-table .ctable__row[data-id]').first().waitFor({ timeout: 20_000 });
    await visible(page, '.record-new').click();
    await visible(page, '.f-id input').fill('swc');
    await visible(page, '.f-name input').fill('商务委');
    await visible(page, '.record-submit').click();
    const row = visible(page, '.dir-table .ctable__row[data-id="swc"]');
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('商务委');
    // someone else renames it meanwhile: this page's edit is stale
    await row.click();
    await visible(page, '.f-name input').waitFor();
    const now = await story.api.ok<{ rev: number; name: string; track: string }>('GET', '/api/admin/units/swc', { as: admin() });
    await story.api.ok('PUT', '/api/admin/units/swc', { as: admin(), body: { name: '区商务委员会', track: now.track, rev: now.rev } });
    await visible(page, '.f-name input').fill('区商务委');
    await visible(page, '.record-submit').click();
    await visible(page, '.conflict__title', { hasText: '已被他人修改' }).waitFor({ timeout: 15_000 });
    expect(await visible(page, '.conflict__current').textContent()).toContain('区商务委员会');
    await shot(page, 'console-unit-conflict');
    await visible(page, '.conflict-reload').click();
    await visible(page, '.f-name input').fill('商务委');
    await visible(page, '.record-submit').click();
    await expect.poll(async () => (await story.api.ok<{ name: string }>('GET', '/api/admin/units/swc', { as: admin() })).name, { timeout: 15_000 }).toBe('商务委');
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 15_000 }).not.toContain('区商务委员会');
  });

  it('uploads an enterprises .xlsx, shows the per-row report before writing, starts it and reaches 100 %', async () => {
    const { page } = w;
    const grid = (await story.api.ok<{ items: Array<{ name: string }> }>('GET', '/api/admin/grids?limit=1', { as: admin() })).items[0]?.name ?? '';
    const code = (n: number) => completeCreditCode(`91500236MA${String(8100000 + n).padStart(7, '0')}`);
    const ent = (n: number): Record<string, CellValue> => ({ id: code(n), name: `清溪导入企业${n}有限公司`, industry: '食品加工', tier: '成长型企业', grid, key: '否', address: `永安镇朝阳路 ${n} 号` });
    const rows = [ent(1), ent(2), ent(3), { ...ent(4), grid: '不存在的网格' }];
    await section(page, 'adminImports');
    await visible(page, '.import-upload').waitFor({ timeout: 20_000 });
    await visible(page, '.import-kind .choice', { hasText: '企业' }).click();
    await page.locator('.file-picker__input').filter({ visible: true }).setInputFiles({ name: '企业名录.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbookOf(rows) });
    const job = visible(page, '.import-job[data-status="validated"]');
    await job.waitFor({ timeout: 30_000 });
    expect(await visible(page, '.import-counts').textContent()).toBe('新增 3 · 更新 0 · 未变 0 · 错误 1');
    expect(await visible(page, '.report-row--error .report-issue').first().textContent()).toContain('所属网格');
    expect(await story.api.call('GET', `/api/admin/enterprises/${code(1)}`, { as: admin() }).then((r) => r.status)).toBe(404); // nothing written yet
    await shot(page, 'console-import-report');
    await visible(page, '.choice', { hasText: '跳过 1 行错误' }).click();
    await visible(page, '.import-start-btn').click();
    await visible(page, '.import-job[data-status="done"] .progress[data-pct="100"]').waitFor({ timeout: 60_000 });
    expect((await story.api.ok<{ name: string }>('GET', `/api/admin/enterprises/${code(1)}`, { as: admin() })).name).toBe('清溪导入企业1有限公司');
    // the job survives closing the page: reopened, it is shown again; the list has it
    await page.reload();
    await visible(page, '.import-job[data-status="done"]').waitFor({ timeout: 20_000 });
    expect(await visible(page, '.job-list .ctable__row[data-id]').count()).toBeGreaterThan(0);
    await shot(page, 'console-import-done');
  });

  it('issues an invitation: its code and QR code; the person binds WeChat with it; revoking and unbinding show', async () => {
    const { page } = w;
    const person = (await story.api.ok<{ items: Array<{ id: string; name: string; wechatBound: boolean }> }>('GET', '/api/admin/users?role=officer&limit=50', { as: admin() })).items.find((u) => !u.wechatBound);
    if (!person) throw new Error('no unbound officer');
    await section(page, 'adminInvitations');
    await visible(page, '.invite-new').click();
    await visible(page, '.issue-search input').fill(person.name);
    await visible(page, '.issue-users .option', { hasText: person.name }).first().click();
    await visible(page, '.issue-submit').click();
    const card = visible(page, '.invitations-issued .invitation-card').first();
    await card.waitFor({ timeout: 20_000 });
    const code = (await card.getAttribute('data-code')) ?? '';
    expect(code).toMatch(/^[2-9A-Z]{10}$/);
    expect(await card.locator('.invitation-card__code').textContent()).toBe(`${code.slice(0, 5)}-${code.slice(5)}`);
    expect(await card.locator('.qr-box').getAttribute('data-qr')).toBe(`pages/login/index?invite=${code}`);
    const qrWidth = await card.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(qrWidth).toBeGreaterThan(80); // drawn in the browser: a real image
    await shot(page, 'console-invitation');
    // the person's phone opens what the QR code holds (the login page with ?invite=) and signs in with WeChat (the local double)
    const phoneCtx = await phone(story.browser, WORKING_MORNING);
    try {
      await phoneCtx.page.goto(`${story.stack.url}/#/${await card.locator('.qr-box').getAttribute('data-qr')}`);
      await visible(phoneCtx.page, '.invite-form__openid input').fill(`e2e-${person.id}`);
      expect(await visible(phoneCtx.page, '.invite-form__code input').inputValue()).toBe(code);
      await visible(phoneCtx.page, '.invite-form .btn', { hasText: '模拟微信登录' }).click();
      await visible(phoneCtx.page, '.hello__name').waitFor({ timeout: 20_000 });
      expect(await visible(phoneCtx.page, '.hello__name').textContent()).toContain(person.name);
      await shot(phoneCtx.page, 'console-invited-signed-in');
    } finally {
      await phoneCtx.context.close();
    }
    await page.reload();
    await visible(page, `.invitation-table .ctable__row[data-id="${code}"]`, { hasText: '已使用' }).waitFor({ timeout: 20_000 });
    // the users list shows the binding; 解除绑定 removes it
    await section(page, 'adminUsers');
    await visible(page, '.dir-search input').fill(person.name);
    await visible(page, '.dir-search input').press('Enter');
    const row = visible(page, `.dir-table .ctable__row[data-id="${person.id}"]`);
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 20_000 }).toContain('已绑定');
    await row.click();
    await visible(page, '.binding-unbind').click();
    await visible(page, '.taro-model__confirm').click(); // Taro's modal: 确定
    await visible(page, '.binding-card[data-bound="false"]').waitFor({ timeout: 15_000 });
    await visible(page, '.cpanel__close').click();
  });

  it('reads the audit trail: the unit, the import, the invitation and the binding, with before and after', async () => {
    const { page } = w;
    await section(page, 'adminAudit');
    const summaries = visible(page, '.audit-summary');
    await summaries.first().waitFor({ timeout: 20_000 });
    const all = (await summaries.allTextContents()).join('\n');
    expect(all).toMatch(/商务委/);
    expect(all).toMatch(/导入/);
    const renamed = visible(page, '.audit-list .ctable__row', { hasText: '区商务委员会' }).first();
    await renamed.click();
    await visible(page, '.diff__row[data-field="name"]').first().waitFor({ timeout: 10_000 });
    await shot(page, 'console-audit');
    expect(appErrors(w.errors)).toEqual([]);
  });

  it('the platform operator opens a new district with its first admin; the province sees its districts side by side', async () => {
    const op = await desktop(story.browser, WORKING_MORNING);
    try {
      await signIn(op.page, story.stack.url, 'platform/operator');
      await visible(op.page, '.tile--platform').click();
      await visible(op.page, '.tenant-table .ctable__row[data-id="qingxi"]').waitFor({ timeout: 20_000 });
      await visible(op.page, '.tenant-new').click();
      await visible(op.page, '.tenant-id input').fill('songxi');
      await visible(op.page, '.tenant-name input').fill('松溪区');
      await visible(op.page, '.tenant-adminName input').fill('周明');
      await visible(op.page, '.tenant-adminPhone input').fill('13800001234');
      await visible(op.page, '.tenant-submit').click();
      await visible(op.page, '.tenant-created', { hasText: '松溪区' }).waitFor({ timeout: 20_000 });
      await visible(op.page, '.tenant-table .ctable__row[data-id="songxi"]').waitFor({ timeout: 20_000 });
      expect(await visible(op.page, '.tenant-table .ctable__row[data-id="songxi"]').textContent()).toContain('示范省');
      await shot(op.page, 'console-tenants');
      expect(appErrors(op.errors)).toEqual([]);
    } finally {
      await op.context.close();
    }
    const pv = await desktop(story.browser, WORKING_MORNING);
    try {
      await signIn(pv.page, story.stack.url, 'shifan/province');
      await visible(pv.page, '.tile--province').click();
      const rows = visible(pv.page, '.district-table .ctable__row[data-id]');
      await rows.first().waitFor({ timeout: 20_000 });
      const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      expect(ids).toEqual(expect.arrayContaining(['qingxi', 'fengling', 'songxi']));
      // another period, another sort: still every district
      await visible(pv.page, '.period-picker .tab', { hasText: '季度' }).click();
      await visible(pv.page, '.choice', { hasText: '诉求量' }).click();
      await expect.poll(async () => (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).length, { timeout: 20_000 }).toBe(ids.length);
      await shot(pv.page, 'console-province');
      expect(appErrors(pv.errors)).toEqual([]);
    } finally {
      await pv.context.close();
    }
  });

  it('the new district’s first admin onboards it from Excel (units, then users) and invites an officer, who binds WeChat', async () => {
    const nd = await desktop(story.browser, WORKING_MORNING);
    const { page } = nd;
    const importFile = (kind: ImportKind, label: string, rows: Array<Record<string, CellValue>>, counts: string) => importThroughConsole(page, kind, label, rows, counts);
    try {
      await signIn(page, story.stack.url, 'songxi/admin');
      await visible(page, '.tile--admin').click();
      await section(page, 'adminImports');
      await visible(page, '.import-upload').waitFor({ timeout: 20_000 });
      await importFile('units', '单位', [{ id: 'fgw', name: '松溪区发展和改革委员会', track: '部门' }, { id: 'sxjd', name: '松溪街道', track: '镇街' }], '新增 2 · 更新 0 · 未变 0 · 错误 0');
      await importFile('users', '用户', [{ id: 'officer-fgw', name: '林涛', roles: '部门工作人员', unit: 'fgw', phone: '13800005678', title: '科员' }], '新增 1 · 更新 0 · 未变 0 · 错误 0');
      await section(page, 'adminUnits');
      // the admin function's lists come from its warm reference copies (up to 15 s behind a background import's writes)
      await expect
        .poll(
          async () => {
            if (await visible(page, '.dir-table .ctable__row[data-id="fgw"]').count()) return true;
            await page.reload();
            await visible(page, '.dir-table .ctable__row[data-id]').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
            return (await visible(page, '.dir-table .ctable__row[data-id="fgw"]').count()) > 0;
          },
          { timeout: 40_000, interval: 2_000 },
        )
        .toBe(true);
      await section(page, 'adminInvitations');
      await visible(page, '.invite-new').click();
      await visible(page, '.issue-users .option', { hasText: '林涛' }).first().click();
      await visible(page, '.issue-submit').click();
      const card = visible(page, '.invitations-issued .invitation-card').first();
      await card.waitFor({ timeout: 20_000 });
      const code = (await card.getAttribute('data-code')) ?? '';
      const officer = await phone(story.browser, WORKING_MORNING);
      try {
        await officer.page.goto(`${story.stack.url}/#/${await card.locator('.qr-box').getAttribute('data-qr')}`);
        await visible(officer.page, '.invite-form__openid input').fill('e2e-songxi-officer');
        await visible(officer.page, '.invite-form .btn', { hasText: '模拟微信登录' }).click();
        await visible(officer.page, '.hello__name').waitFor({ timeout: 20_000 });
        expect(await visible(officer.page, '.hello__where').textContent()).toContain('松溪区发展和改革委员会');
      } finally {
        await officer.context.close();
      }
      await page.reload();
      await visible(page, `.invitation-table .ctable__row[data-id="${code}"]`, { hasText: '已使用' }).waitFor({ timeout: 20_000 });
      await shot(page, 'console-new-district');
      expect(appErrors(nd.errors)).toEqual([]);
    } finally {
      await nd.context.close();
    }
  });
  it('the new district is used end to end: its grid, enterprise and owner imported, an industry group kept, the owner blows the whistle, the imported officer claims it', async () => {
    const nd = await desktop(story.browser, WORKING_MORNING);
    const { page } = nd;
    const creditCode = completeCreditCode('91350725MA2Y8K3Q0');
    let ownerInvitePath = '';
    /** the local page's simulated WeChat sign-in: the QR code's page (binding with its invitation) or the login page (bound already) */
    const wechatSignIn = async (page: Page, openId: string, path = 'pages/login/index') => {
      await page.goto(`${story.stack.url}/#/${path}`);
      await visible(page, '.invite-form__openid input').fill(openId);
      await visible(page, '.invite-form .btn', { hasText: '模拟微信登录' }).click();
      await visible(page, '.hello__name').waitFor({ timeout: 20_000 });
    };
    try {
      await signIn(page, story.stack.url, 'songxi/admin');
      await visible(page, '.tile--admin').click();
      await section(page, 'adminImports');
      await visible(page, '.import-upload').waitFor({ timeout: 20_000 });
      await importThroughConsole(page, 'grids', '网格', [
        { id: 'sx-01', name: '松溪街道第一网格', areaId: 'sx-north', areaName: '城北片区', townUnit: 'sxjd', officerName: '吴刚', officerPhone: '13800002001', areaLeadName: '郑丽', areaLeadPhone: '13800002002', chiefName: '冯军', chiefPhone: '13800002003' },
      ], '新增 1 · 更新 0 · 未变 0 · 错误 0');
      await importThroughConsole(page, 'enterprises', '企业', [
        { id: creditCode, name: '松溪县竹笋食品有限公司', industry: '食品加工', tier: '成长型企业', grid: 'sx-01', key: '否', address: '松溪街道竹林路 8 号' },
      ], '新增 1 · 更新 0 · 未变 0 · 错误 0');
      await importThroughConsole(page, 'users', '用户', [{ id: 'owner-sx', name: '黄志强', roles: '企业负责人', enterpriseId: creditCode, phone: '13800009876', title: '总经理' }], '新增 1 · 更新 0 · 未变 0 · 错误 0');
      // groups are kept in the console (no template): the food industry's group, led by the development and reform commission
      const put = await story.api.call('PUT', '/api/admin/groups/ind-food', {
        as: 'songxi/admin',
        body: { kind: 'industry', name: '食品加工行业群', industry: 'food', memberUnitIds: ['fgw'], leadUnitId: 'fgw' },
      });
      expect(put.status).toBe(200);
      // the owner's invitation (the console's 邀请码 page does the same; the story above walked it)
      const issued = await story.api.call<{ items: Array<{ path: string }> }>('POST', '/api/wechat/invitations', { as: 'songxi/admin', body: { userIds: ['owner-sx'] } });
      expect(issued.status).toBe(201);
      ownerInvitePath = issued.body.items[0]?.path ?? '';
      expect(appErrors(nd.errors)).toEqual([]);
    } finally {
      await nd.context.close();
    }
    // the owner, on a phone, blows the whistle in the new district
    const owner = await phone(story.browser, WORKING_MORNING);
    const title = '竹笋加工车间用地审批请求协调';
    let ticketId = '';
    try {
      await wechatSignIn(owner.page, 'e2e-songxi-owner', ownerInvitePath);
      await visible(owner.page, '.cta').click();
      await visible(owner.page, '.category-choices .choice', { hasText: '用地建设' }).click();
      await field(owner.page, 'title-input').fill(title);
      await field(owner.page, 'description-input', 'textarea').fill('扩建竹笋加工车间需要新增用地 5 亩，材料已交街道两周，希望区里协调审批进度。');
      await visible(owner.page, '.submit-btn').click();
      await owner.page.waitForURL(/pages\/ticket\/index\?id=/, { timeout: 20_000 });
      ticketId = ticketIdFromUrl(owner.page.url()) ?? '';
      await expect.poll(() => owner.page.locator('.ticket-head .chip').first().textContent()).toBe('待认领');
      expect(appErrors(owner.errors)).toEqual([]);
    } finally {
      await owner.context.close();
    }
    // the officer the admin imported and invited sees it in the group and claims it
    const officer = await phone(story.browser, WORKING_MORNING);
    try {
      // bound in the story above: the code alone signs him in
      await wechatSignIn(officer.page, 'e2e-songxi-officer');
      await officer.page.goto(`${story.stack.url}/#/officer/pages/group/index?id=ind-food&name=${encodeURIComponent('食品加工行业群')}`);
      const card = feedCard(officer.page, ticketId);
      await card.locator('.claim-btn').waitFor({ timeout: 20_000 });
      await card.locator('.claim-btn').click();
      await expect.poll(async () => card.locator('.claim-btn').count(), { timeout: 20_000 }).toBe(0);
      await shot(officer.page, 'console-new-district-claimed');
      expect(appErrors(officer.errors)).toEqual([]);
    } finally {
      await officer.context.close();
    }
    // claimed by the imported unit, on the server
    expect(await story.api.ticket(ticketId, 'songxi/owner-sx')).toMatchObject({ status: 'claimed', handlingUnitId: 'fgw' });
    // and the demo district beside it knows nothing of it
    const other = await story.api.call('GET', `/api/tickets/${ticketId}`, { as: admin() });
    expect(other.status).toBe(404);
  });
});
