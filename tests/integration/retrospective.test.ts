import { DOCX_MEDIA_TYPE, type Retrospective, type Ticket } from '@whistle/shared';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as escalationHandler } from '../../functions/src/handlers/escalation.js';
import { handler as notifierHandler } from '../../functions/src/handlers/notifier.js';
import { NoticeStore } from '../../functions/src/store/notice-store.js';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { drain, sh } from './clocks-support.js';
import { startKit, WORKING_MORNING, type Kit } from './requests-kit.js';

/**
 * Retrospectives (典型问题复盘) over HTTP: a ticket claimed late (the sweep's 督办单
 * on its timeline) and resolved; the supervisor opens a retrospective on it, edits it
 * (rev-conditional), the participating units read it, others are refused; the
 * .docx is downloaded, unzipped and read back.
 */
let kit: Kit;
let ticket: Ticket;
const MINUTE = 60_000;
const base = () => `/api/tickets/${ticket.id}/retrospectives`;
const as = async (userId: string, method: string, path: string, body?: unknown) =>
  kit.api.call(method, path, { token: await kit.token(userId), ...(body === undefined ? {} : { body }) });

const opening = {
  unitIds: ['ghzy', 'zjw'],
  happened: '企业反映新厂房用地手续办理缓慢。\n自然资源部门认领后与住建部门衔接不畅。',
  causes: ['部门间材料互认机制缺失'],
  findings: [
    { tag: 'blockage', text: '规划与施工许可材料重复提交' },
    { tag: 'style', text: '认领后首次联系企业超过时限' },
  ],
  recommendations: [{ tag: 'mechanism', text: '建立用地审批材料共享清单' }],
  tasks: [{ title: '梳理共享材料清单', ownerUnitId: 'ghzy', dueDate: '2026-12-04' }],
};

beforeAll(async () => {
  kit = await startKit();
  kit.setNow(WORKING_MORNING); // Tuesday 2026-11-24 10:00
  const raised = await kit.raise('owner-01', { title: '新厂房用地手续', category: 'land' });
  // unclaimed past its claim clock: the sweep issues the claim's 提醒 (a 督办单 for the document's timeline)
  kit.setNow(Date.parse(sh('2026-11-25T10:00:00')));
  await sweepTenant(kit.env.deps, kit.tenantId, kit.now().toISOString());
  await drain(kit.env, kit.env.queueUrls.escalation, escalationHandler);
  expect((await kit.post('officer-ghzy', `/api/tickets/${raised.id}/claim`)).status).toBe(200);
  kit.advance(60 * MINUTE);
  const resolved = await kit.post('officer-ghzy', `/api/tickets/${raised.id}/resolve`, { kind: 'resolved', summary: '已协调办结用地手续' });
  expect(resolved.status, JSON.stringify(resolved.body).slice(0, 300)).toBe(200);
  ticket = resolved.body.ticket as Ticket;
  kit.advance(24 * 60 * MINUTE);
}, 60_000);
afterAll(async () => {
  await kit.close();
});

describe('a retrospective on a ticket', () => {
  let opened: Retrospective;

  it('is opened by the supervisor as a draft with its task on its own plan; a retry answers the same one', async () => {
    const res = await as('supervisor', 'POST', base(), opening);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    opened = res.body.retrospective as Retrospective;
    expect(opened).toMatchObject({ subject: { kind: 'ticket', ticketId: ticket.id }, status: 'draft', rev: 1 });
    expect(opened.units.map((u) => u.unitId)).toEqual(['ghzy', 'zjw']);
    expect(opened.plan.items).toEqual([expect.objectContaining({ title: '梳理共享材料清单', ownerUnitId: 'ghzy', dueDate: '2026-12-04', status: 'open' })]);
    expect(opened.clocks.map((c) => c.id)).toEqual([`item:${opened.plan.items[0]?.id}`]);

    const again = await as('supervisor', 'POST', base(), opening);
    expect(again.status).toBe(200);
    expect((again.body.retrospective as Retrospective).id).toBe(opened.id);
    const list = await as('supervisor', 'GET', base());
    expect((list.body.items as Retrospective[]).map((r) => r.id)).toEqual([opened.id]);
  });

  it('refuses anyone but the supervisor to open or edit, and anyone outside its units to read', async () => {
    expect((await as('officer-ghzy', 'POST', base(), opening)).status).toBe(403);
    expect((await as('officer-ghzy', 'PUT', `${base()}/${opened.id}`, { rev: 1, causes: ['x'] })).status).toBe(403);
    expect((await as('officer-ghzy', 'GET', `${base()}/${opened.id}`)).status).toBe(200);
    expect((await as('lead-zjw', 'GET', `${base()}/${opened.id}`)).status).toBe(200);
    expect((await as('officer-jxw', 'GET', `${base()}/${opened.id}`)).status).toBe(403);
    expect((await as('owner-01', 'GET', `${base()}/${opened.id}`)).status).toBe(403);
    expect((await as('officer-jxw', 'GET', base())).body.items).toEqual([]);
    expect((await as('officer-jxw', 'GET', `${base()}/${opened.id}/document`)).status).toBe(403);
  });

  it('answers 400 naming the field', async () => {
    const bad = await as('supervisor', 'POST', base(), { ...opening, findings: [{ tag: 'other', text: '？' }], unitIds: [] });
    expect(bad.status).toBe(400);
    const fields = (bad.body.error.details as Array<{ field: string; message: string }>).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['unitIds', 'findings.0.tag']));
    const unknownUnit = await as('supervisor', 'POST', base(), { ...opening, unitIds: ['nope'] });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.error.details).toEqual([expect.objectContaining({ field: 'unitIds.0', message: '没有这个单位' })]);
  });

  it('is edited on its rev: the stale edit is refused with 409 and changes nothing', async () => {
    const edit = await as('supervisor', 'PUT', `${base()}/${opened.id}`, {
      rev: 1,
      findings: [...opening.findings, { tag: 'loophole', text: '跨部门时限未纳入督办' }],
      tasks: [{ title: '修订联办时限规则', ownerUnitId: 'zjw', dueDate: '2026-12-11' }],
    });
    expect(edit.status, JSON.stringify(edit.body).slice(0, 300)).toBe(200);
    const edited = edit.body.retrospective as Retrospective;
    expect(edited.rev).toBe(2);
    expect(edited.plan.items.map((i) => i.ownerUnitId)).toEqual(['ghzy', 'zjw']);

    const stale = await as('supervisor', 'PUT', `${base()}/${opened.id}`, { rev: 1, causes: ['过期的修改'] });
    expect(stale.status).toBe(409);
    const read = await as('supervisor', 'GET', `${base()}/${opened.id}`);
    expect(read.body.retrospective).toMatchObject({ rev: 2, causes: opening.causes });

    // a unit given a task, though not named among the participants, reads the retrospective its task comes from
    expect((await as('officer-jxw', 'GET', `${base()}/${opened.id}`)).status).toBe(403);
    const tasked = await as('supervisor', 'PUT', `${base()}/${opened.id}`, { rev: 2, tasks: [{ title: '核对联办材料', ownerUnitId: 'jxw', dueDate: '2026-12-11' }] });
    expect(tasked.status).toBe(200);
    expect((tasked.body.retrospective as Retrospective).units.map((u) => u.unitId)).not.toContain('jxw');
    expect((await as('officer-jxw', 'GET', `${base()}/${opened.id}`)).status).toBe(200);
    expect(((await as('officer-jxw', 'GET', base())).body.items as Retrospective[]).map((r) => r.id)).toEqual([opened.id]);
    expect((await as('officer-rsj', 'GET', `${base()}/${opened.id}`)).status).toBe(403);
  });

  it('downloads as a .docx holding the ticket, its timeline, the findings and the signature block', async () => {
    const res = await as('lead-ghzy', 'GET', `${base()}/${opened.id}/document`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX_MEDIA_TYPE);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain(`典型问题复盘-${ticket.number}.docx`);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(ticket.number);
    expect(text).toContain('提交诉求'); // a timeline entry (only the timeline names it so)
    expect(text).toContain('2026-11-24 10:00'); // its time, in Asia/Shanghai
    expect(text).toMatch(/督办单·提醒.*认领时限/); // the claim's 督办单, from the sweep
    expect(text).toContain('【漏洞】');
    expect(text).toContain('跨部门时限未纳入督办');
    expect(text).toContain('各参与单位签字、日期');
    expect(text).toContain('修订联办时限规则');
    // A4, and SimSun for East Asian text
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
    expect(styles).toMatch(/w:eastAsia="SimSun"/);
  });

  it('once issued, its overdue task gets 提醒 → 催办 → 警告 against its owner unit through the sweep, once each, until the unit marks it done', async () => {
    const current = (await as('supervisor', 'GET', `${base()}/${opened.id}`)).body.retrospective as Retrospective;
    const task = current.plan.items.find((i) => i.ownerUnitId === 'ghzy');
    if (!task) throw new Error('the ghzy task');
    const clockId = `item:${task.id}`;
    const notices = new NoticeStore(kit.env.deps.store);
    const mine = async () => (await notices.byTicket(kit.tenantId, ticket.id)).filter((n) => n.clockId === clockId);
    const sweepAt = async (local: string) => {
      kit.setNow(Date.parse(sh(local)));
      await sweepTenant(kit.env.deps, kit.tenantId, sh(local));
      await drain(kit.env, kit.env.queueUrls.escalation, escalationHandler);
    };
    // a draft's tasks are proposals: nobody is urged on them
    await sweepAt('2026-12-04T17:31:00');
    expect(await mine()).toHaveLength(0);
    const issued = await as('supervisor', 'PUT', `${base()}/${opened.id}`, { rev: current.rev, status: 'issued' });
    expect(issued.status, JSON.stringify(issued.body).slice(0, 300)).toBe(200);
    await sweepAt('2026-12-04T17:32:00');
    await sweepAt('2026-12-04T17:40:00'); // the next sweep issues nothing again
    const first = await mine();
    expect(first.map((n) => n.level)).toEqual(['reminder']);
    expect(first[0]).toMatchObject({ unitId: 'ghzy', itemId: task.id, itemTitle: '梳理共享材料清单', holder: { kind: 'retrospective', id: opened.id } });
    // the owner unit hears of it in its inbox, with the task named
    await drain(kit.env, kit.env.queueUrls.outbox, notifierHandler);
    const inbox = await as('officer-ghzy', 'GET', '/api/inbox');
    const told = (inbox.body.items as Array<{ title: string; body: string; ticketId?: string }>).filter((i) => i.body.includes('整改任务「梳理共享材料清单」'));
    expect(told).toHaveLength(1);
    expect(told[0]?.ticketId).toBe(ticket.id);
    await sweepAt('2026-12-07T17:32:00');
    expect((await mine()).map((n) => n.level).sort()).toEqual(['reminder', 'urge'].sort());

    // only the owner unit (or the supervisor) marks it done; then its ladder stops
    const path = `${base()}/${opened.id}/tasks/${task.id}/done`;
    expect((await as('officer-zjw', 'POST', path, {})).status).toBe(403);
    const done = await as('officer-ghzy', 'POST', path, { note: '清单已印发' });
    expect(done.status, JSON.stringify(done.body).slice(0, 300)).toBe(200);
    const after = done.body.retrospective as Retrospective;
    expect(after.plan.items.find((i) => i.id === task.id)).toMatchObject({ status: 'done', note: '清单已印发' });
    expect(after.clocks.find((c) => c.id === clockId)?.metAt).toBeDefined();
    const again = await as('officer-ghzy', 'POST', path, {});
    expect(again.status).toBe(200);
    expect((again.body.retrospective as Retrospective).rev).toBe(after.rev);
    await sweepAt('2026-12-08T17:32:00');
    await sweepAt('2026-12-09T17:32:00');
    expect((await mine()).map((n) => n.level).sort()).toEqual(['reminder', 'urge'].sort());
  });
});
