import { DOCX_MEDIA_TYPE, type CommonIssue, type InboxItem, type Retrospective, type SupervisionNotice, type Ticket } from '@whistle/shared';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as escalationHandler } from '../../functions/src/handlers/escalation.js';
import { handler as notifierHandler } from '../../functions/src/handlers/notifier.js';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { NoticeStore } from '../../functions/src/store/notice-store.js';
import { drain, sh } from './clocks-support.js';
import { startKit, tenantSnapshot, snapshotDiff, WORKING_MORNING, type Kit } from './requests-kit.js';

/**
 * A retrospective (典型问题复盘) on a common issue (共性问题) over HTTP: three enterprises'
 * requests confirmed as one common issue, a step late (its 督办单 from the sweep), progress,
 * the step done, solved; the supervisor opens a retrospective on it (its lead unit and step
 * owners take part by default), edits it on its rev, its units read it, others are refused;
 * the .docx names the common issue, its requests and its notices; once issued, its task is on
 * the ladder in the common issue's partition and the inbox item opens the common issue.
 */
let kit: Kit;
let ci: CommonIssue;
const tickets: Ticket[] = [];
const MINUTE = 60_000;
const as = async (userId: string, method: string, path: string, body?: unknown) =>
  kit.api.call(method, path, { token: await kit.token(userId), ...(body === undefined ? {} : { body }) });
const base = () => `/api/common-issues/${ci.id}/retrospectives`;
const deliver = () => drain(kit.env, kit.env.queueUrls.outbox, notifierHandler);
const sweepAt = async (local: string) => {
  kit.setNow(Date.parse(sh(local)));
  await sweepTenant(kit.env.deps, kit.tenantId, sh(local));
  await drain(kit.env, kit.env.queueUrls.escalation, escalationHandler);
};
const notices = () => new NoticeStore(kit.env.deps.store).byTicket(kit.tenantId, ci.id);
const fresh = async () => (ci = (await as('supervisor', 'GET', `/api/common-issues/${ci.id}`)).body.commonIssue as CommonIssue);

const opening = {
  unitIds: ['scjg'],
  happened: '三家企业先后反映园区周边就餐难。\n门岗放开外卖进入的措施超期后才落实。',
  causes: ['园区配套规划未考虑职工就餐'],
  findings: [
    { tag: 'blockage', text: '门岗管理与园区服务分属不同单位' },
    { tag: 'style', text: '措施超期未主动说明' },
  ],
  recommendations: [{ tag: 'policy', text: '将职工就餐纳入园区配套建设标准' }],
  tasks: [{ title: '修订园区配套建设标准', ownerUnitId: 'jxw', dueDate: '2026-12-04' }],
};

beforeAll(async () => {
  kit = await startKit();
  kit.setNow(WORKING_MORNING); // Tuesday 2026-11-24 10:00
  const raised = [
    { category: 'other', title: '园区周边就餐难', description: '园区没有食堂，附近也没有饭馆，员工中午吃饭很难。' },
    { category: 'other', title: '员工吃饭难，园区缺少食堂', description: '员工中午就餐难，园区里没有公共食堂和餐馆。' },
    { category: 'other', title: '希望园区建设公共食堂', description: '园区企业员工就餐不便，建议园区建设公共食堂。' },
  ];
  for (const [i, r] of raised.entries()) tickets.push(await kit.raise(`owner-0${i + 1}`, r));
  kit.advance(30 * MINUTE);
  const confirmed = await as('supervisor', 'POST', '/api/common-issues', {
    title: '园区周边就餐难',
    category: 'other',
    summary: '园区缺少公共食堂和餐饮网点，多家企业员工就餐难',
    fix: '园区统一规划公共食堂，放开外卖进入',
    leadUnitId: 'jxw',
    targetDate: '2026-12-31',
    ticketIds: tickets.map((t) => t.id),
    steps: [{ title: '协调门岗放开外卖进入', ownerUnitId: 'dgjd', dueDate: '2026-11-27' }],
  });
  expect(confirmed.status, JSON.stringify(confirmed.body).slice(0, 300)).toBe(201);
  ci = confirmed.body.commonIssue as CommonIssue;
  // the step late: the sweep issues its 提醒 (a 督办单 of the common issue, for the document)
  await sweepAt('2026-11-27T17:32:00');
  expect((await notices()).map((n) => n.level)).toEqual(['reminder']);
  kit.setNow(Date.parse(sh('2026-11-30T10:00:00')));
  const progress = await as('officer-jxw', 'POST', `/api/common-issues/${ci.id}/progress`, { rev: (await fresh()).rev, text: '已召集园区企业座谈' });
  expect(progress.status, JSON.stringify(progress.body).slice(0, 300)).toBe(200);
  const step = ci.plan.items[0];
  expect((await as('officer-dgjd', 'POST', `/api/common-issues/${ci.id}/steps/${step?.id}/done`, { note: '外卖已可进园区' })).status).toBe(200);
  kit.advance(60 * MINUTE);
  const solved = await as('officer-jxw', 'POST', `/api/common-issues/${ci.id}/solve`, { rev: (await fresh()).rev, summary: '公共食堂已开业，外卖可进园区' });
  expect(solved.status, JSON.stringify(solved.body).slice(0, 300)).toBe(200);
  await deliver();
  await fresh();
  kit.setNow(Date.parse(sh('2026-12-01T10:00:00')));
}, 60_000);
afterAll(async () => {
  await kit.close();
});

describe('a retrospective on a common issue', () => {
  let opened: Retrospective;

  it('is opened by the supervisor with the lead unit and the step owners taking part, and any named; a retry answers the same one', async () => {
    const res = await as('supervisor', 'POST', base(), opening);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    opened = res.body.retrospective as Retrospective;
    expect(opened).toMatchObject({ subject: { kind: 'commonIssue', commonIssueId: ci.id }, status: 'draft', rev: 1, title: '关于共性问题「园区周边就餐难」的典型问题复盘' });
    expect(opened.units.map((u) => u.unitId)).toEqual(['jxw', 'dgjd', 'scjg']);
    expect(opened.plan.items).toEqual([expect.objectContaining({ title: '修订园区配套建设标准', ownerUnitId: 'jxw', dueDate: '2026-12-04', status: 'open' })]);

    const again = await as('supervisor', 'POST', base(), opening);
    expect(again.status).toBe(200);
    expect((again.body.retrospective as Retrospective).id).toBe(opened.id);
    expect(((await as('supervisor', 'GET', base())).body.items as Retrospective[]).map((r) => r.id)).toEqual([opened.id]);
    // the body may name no unit: the common issue's team alone
    const { unitIds: _named, ...withoutUnits } = opening;
    const defaults = await as('supervisor', 'POST', base(), { ...withoutUnits, title: '门岗管理复盘' });
    expect(defaults.status, JSON.stringify(defaults.body).slice(0, 300)).toBe(201);
    expect((defaults.body.retrospective as Retrospective).units.map((u) => u.unitId)).toEqual(['jxw', 'dgjd']);
  });

  it('is not a ticket’s: the ticket routes do not answer it', async () => {
    expect((await as('supervisor', 'GET', `/api/tickets/${ci.id}/retrospectives/${opened.id}`)).status).toBe(404);
    expect((await as('supervisor', 'GET', `/api/tickets/${ci.id}/retrospectives`)).status).toBe(404);
    expect((await as('supervisor', 'GET', `/api/tickets/${tickets[0]?.id}/retrospectives`)).body.items).toEqual([]);
  });

  it('refuses anyone but the supervisor to open or edit, anyone outside its units to read, and an unknown common issue', async () => {
    const before = await tenantSnapshot(kit.env);
    expect((await as('officer-jxw', 'POST', base(), opening)).status).toBe(403);
    expect((await as('officer-jxw', 'PUT', `${base()}/${opened.id}`, { rev: 1, causes: ['x'] })).status).toBe(403);
    expect((await as('supervisor', 'POST', '/api/common-issues/ci0000000000/retrospectives', opening)).status).toBe(404);
    expect((await as('supervisor', 'POST', '/api/common-issues/nope/retrospectives', opening)).status).toBe(400);
    expect(snapshotDiff(before, await tenantSnapshot(kit.env))).toEqual([]);
    for (const who of ['officer-jxw', 'lead-jxw', 'officer-dgjd', 'officer-scjg']) expect((await as(who, 'GET', `${base()}/${opened.id}`)).status, who).toBe(200);
    expect((await as('officer-zjw', 'GET', `${base()}/${opened.id}`)).status).toBe(403);
    expect((await as('owner-01', 'GET', `${base()}/${opened.id}`)).status).toBe(403);
    expect((await as('owner-01', 'GET', base())).status).toBe(403);
    expect((await as('officer-zjw', 'GET', base())).body.items).toEqual([]);
    expect((await as('officer-zjw', 'GET', `${base()}/${opened.id}/document`)).status).toBe(403);
  });

  it('is edited on its rev: the stale edit is refused with 409 and changes nothing', async () => {
    const edit = await as('supervisor', 'PUT', `${base()}/${opened.id}`, { rev: 1, findings: [...opening.findings, { tag: 'loophole', text: '园区配套标准缺少就餐条款' }] });
    expect(edit.status, JSON.stringify(edit.body).slice(0, 300)).toBe(200);
    expect((edit.body.retrospective as Retrospective).rev).toBe(2);
    expect((await as('supervisor', 'PUT', `${base()}/${opened.id}`, { rev: 1, causes: ['过期的修改'] })).status).toBe(409);
    expect((await as('supervisor', 'GET', `${base()}/${opened.id}`)).body.retrospective).toMatchObject({ rev: 2, causes: opening.causes });
  });

  it('downloads as a .docx naming the common issue, its requests, steps, progress, solution, clocks and 督办单', async () => {
    const res = await as('officer-dgjd', 'GET', `${base()}/${opened.id}/document`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX_MEDIA_TYPE);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('典型问题复盘-共性问题-园区周边就餐难.docx');
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('共性问题概况');
    expect(text).toContain('园区周边就餐难');
    expect(text).toContain('2026-11-24 10:30'); // confirmed, in Asia/Shanghai
    for (const t of tickets) {
      expect(text).toContain(t.number);
      expect(text).toContain(t.enterpriseName);
    }
    expect(text).toContain('协调门岗放开外卖进入');
    expect(text).toContain('已召集园区企业座谈');
    expect(text).toContain('公共食堂已开业，外卖可进园区');
    expect(text).toMatch(/措施「协调门岗放开外卖进入」.*超时达成/); // the step's clock, met late
    const [notice] = (await notices()) as [SupervisionNotice];
    expect(text).toContain(notice.number);
    expect(text).toMatch(/提醒2026-11-27 17:3\d/);
    expect(text).toContain('【漏洞】');
    expect(text).toContain('各参与单位签字、日期');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('once issued, its late task is urged in the common issue’s partition, the inbox item opening the common issue, until done', async () => {
    const current = (await as('supervisor', 'GET', `${base()}/${opened.id}`)).body.retrospective as Retrospective;
    const task = current.plan.items[0];
    if (!task) throw new Error('the task');
    const mine = async () => (await notices()).filter((n) => n.clockId === `item:${task.id}`);
    expect((await as('supervisor', 'PUT', `${base()}/${opened.id}`, { rev: current.rev, status: 'issued' })).status).toBe(200);
    await sweepAt('2026-12-04T17:32:00');
    await sweepAt('2026-12-04T17:40:00');
    const first = await mine();
    expect(first.map((n) => n.level)).toEqual(['reminder']);
    expect(first[0]).toMatchObject({ ticketId: ci.id, unitId: 'jxw', holder: { kind: 'retrospective', id: opened.id } });
    await deliver();
    const told = ((await as('officer-jxw', 'GET', '/api/inbox')).body.items as InboxItem[]).filter((i) => i.body.includes('整改任务「修订园区配套建设标准」'));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ commonIssueId: ci.id });
    expect(told[0]?.ticketId).toBeUndefined();

    const path = `${base()}/${opened.id}/tasks/${task.id}/done`;
    expect((await as('officer-dgjd', 'POST', path, {})).status).toBe(403);
    const done = await as('officer-jxw', 'POST', path, { note: '标准已修订' });
    expect(done.status, JSON.stringify(done.body).slice(0, 300)).toBe(200);
    expect((done.body.retrospective as Retrospective).plan.items[0]).toMatchObject({ status: 'done', note: '标准已修订' });
    await sweepAt('2026-12-07T17:32:00');
    expect((await mine()).map((n) => n.level)).toEqual(['reminder']);
  });
});
