import type { CommonIssue, CommonIssueSuggestion, InboxItem, Ticket, TicketDetailResponse } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledEvent } from 'aws-lambda';
import { handler as notifierHandler } from '../../functions/src/handlers/notifier.js';
import { handler as proposalsHandler } from '../../functions/src/handlers/proposals.js';
import type { Ports } from '../../functions/src/ports.js';
import { solve } from '../../functions/src/services/common-issues.js';
import { CLUSTERS } from '../fixtures/similar/requests.js';
import { drain, principal, sh } from './clocks-support.js';
import { handler as escalationHandler } from '../../functions/src/handlers/escalation.js';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { NoticeStore } from '../../functions/src/store/notice-store.js';
import { startKit, tenantSnapshot, snapshotDiff, WORKING_MORNING, type Kit } from './requests-kit.js';

/**
 * Common issues (共性问题) over HTTP on dynalite + fauxqs: requests from several enterprises
 * clustered by the run route, a suggestion dismissed (and proposed anew when a new enterprise
 * joins), one confirmed by 20 concurrent taps (one common issue), its tickets linked (their clocks
 * paused, their owners told once), unlinked, progress and steps, and solved with a crash in the
 * middle of the fan-out: after the retry every enterprise is told once and asked to rate.
 */
let kit: Kit;
const MINUTE = 60_000;
const as = async (userId: string, method: string, path: string, body?: unknown) =>
  kit.api.call(method, path, { token: await kit.token(userId), ...(body === undefined ? {} : { body }) });
const row = (cluster: string, i: number) => {
  const r = CLUSTERS[cluster]?.[i];
  if (!r) throw new Error(`no row ${cluster}.${i}`);
  return { category: r[0], title: r[1], description: r[2] };
};
/** four enterprises telling one problem (园区就餐难) in their own words */
const DINING = [
  { category: 'other', title: '园区周边就餐难', description: '园区没有食堂，附近也没有饭馆，员工中午吃饭很难，希望园区建设公共食堂。' },
  { category: 'talent', title: '员工吃饭难，园区缺少食堂', description: '我们公司员工中午就餐难，园区里没有公共食堂和餐馆，只能点外卖。' },
  { category: 'other', title: '园区食堂建设问题', description: '园区至今没有职工食堂，员工吃饭要跑很远，希望尽快建设公共食堂。' },
  { category: 'other', title: '希望园区建设公共食堂', description: '园区企业员工就餐不便，周边没有餐馆，建议园区建设公共食堂解决吃饭问题。' },
];
const inbox = async (userId: string) => ((await as(userId, 'GET', '/api/inbox')).body.items as InboxItem[]) ?? [];
const deliver = () => drain(kit.env, kit.env.queueUrls.outbox, notifierHandler);
const waiting = async () => (await as('supervisor', 'GET', '/api/common-issues/suggestions')).body.items as CommonIssueSuggestion[];

const dining: Ticket[] = [];
const school: Ticket[] = [];
let loner: Ticket;

beforeAll(async () => {
  kit = await startKit();
  kit.setNow(WORKING_MORNING); // Tuesday 2026-11-24 10:00
  for (const [i, r] of DINING.entries()) dining.push(await kit.raise(`owner-0${i + 1}`, r));
  for (let i = 0; i < 3; i++) school.push(await kit.raise(`owner-0${i + 5}`, row('school', i)));
  loner = await kit.raise('owner-09', row('power', 0));
  // two are claimed: their resolve clocks run until they are linked
  for (const t of [dining[0], loner]) expect((await kit.post('officer-jxw', `/api/tickets/${t?.id}/claim`)).status).toBe(200);
  kit.advance(30 * MINUTE);
  await deliver();
}, 60_000);
afterAll(async () => {
  await kit.close();
});

describe('suggestions', () => {
  it('clusters the requests of several enterprises, most enterprises first; a second run proposes nothing new', async () => {
    const run = await as('supervisor', 'POST', '/api/common-issues/suggestions/run');
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body).toMatchObject({ proposed: 2, waiting: 2, scanned: 8 });
    const items = await waiting();
    expect(items.map((s) => s.enterpriseCount)).toEqual([4, 3]);
    expect(items[0]?.tickets.map((t) => t.ticketId).sort()).toEqual(dining.map((t) => t.id).sort());
    expect(items[0]?.title).toMatch(/^可能的共性问题：4 家企业反映/);
    expect(items[1]?.tickets.map((t) => t.ticketId).sort()).toEqual(school.map((t) => t.id).sort());
    const again = await as('supervisor', 'POST', '/api/common-issues/suggestions/run');
    expect(again.body).toMatchObject({ proposed: 0, waiting: 2 });
    expect((await waiting()).map((s) => s.id)).toEqual(items.map((s) => s.id));
  });

  it('is the supervisor’s only', async () => {
    for (const who of ['owner-01', 'officer-jxw', 'leader-zhang']) {
      expect((await as(who, 'GET', '/api/common-issues/suggestions')).status).toBe(403);
      expect((await as(who, 'POST', '/api/common-issues/suggestions/run')).status).toBe(403);
    }
  });

  it('dismissed is never proposed again for the same tickets; a new enterprise joining proposes it anew, naming the dismissed one', async () => {
    const s = (await waiting()).find((x) => x.enterpriseCount === 3) as CommonIssueSuggestion;
    const dismissed = await as('supervisor', 'POST', `/api/common-issues/suggestions/${s.id}/dismiss`, { reason: '各企业情况不同' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.suggestion).toMatchObject({ status: 'dismissed', reason: '各企业情况不同', decidedBy: 'supervisor' });
    expect((await as('supervisor', 'POST', `/api/common-issues/suggestions/${s.id}/dismiss`, {})).status).toBe(200);
    await as('supervisor', 'POST', '/api/common-issues/suggestions/run');
    expect((await waiting()).map((x) => x.id)).not.toContain(s.id);

    school.push(await kit.raise('owner-08', row('school', 3)));
    const run = await as('supervisor', 'POST', '/api/common-issues/suggestions/run');
    expect(run.body).toMatchObject({ proposed: 1, waiting: 2 });
    const anew = (await waiting()).find((x) => x.enterpriseCount === 4 && x.tickets.some((t) => t.ticketId === school[3]?.id));
    expect(anew?.dismissedBefore).toEqual([s.signature]);
    expect(anew?.id).not.toBe(s.id);
  });

  it('answers 404 for an unknown suggestion and 400 for a malformed id', async () => {
    expect((await as('supervisor', 'POST', '/api/common-issues/suggestions/csaaaaaaaaaa/dismiss', {})).status).toBe(404);
    const bad = await as('supervisor', 'POST', '/api/common-issues/suggestions/nope/dismiss', {});
    expect(bad.status).toBe(400);
  });
});

describe('a common issue', () => {
  let ci: CommonIssue;
  let suggestion: CommonIssueSuggestion;
  const body = () => ({
    suggestionId: suggestion.id,
    title: '园区周边就餐难',
    category: 'other',
    summary: '园区缺少公共食堂和餐饮网点，多家企业员工就餐难',
    fix: '园区统一规划公共食堂，引进餐饮网点，放开外卖进入',
    leadUnitId: 'jxw',
    targetDate: '2026-12-31',
    ticketIds: dining.map((t) => t.id),
    steps: [
      { title: '选址改造闲置综合楼为公共食堂', ownerUnitId: 'zjw', dueDate: '2026-12-15' },
      { title: '协调门岗放开外卖进入', ownerUnitId: 'dgjd', dueDate: '2026-12-04' },
    ],
  });

  it('refuses bad input naming the field, and anyone but the supervisor, writing nothing', async () => {
    suggestion = (await waiting()).find((s) => s.tickets.some((t) => t.ticketId === dining[0]?.id)) as CommonIssueSuggestion;
    const before = await tenantSnapshot(kit.env);
    const fields = async (b: unknown) => ((await as('supervisor', 'POST', '/api/common-issues', b)).body.error.details as Array<{ field: string }>).map((d) => d.field);
    expect(await fields({ ...body(), ticketIds: [] })).toContain('ticketIds');
    expect(await fields({ ...body(), leadUnitId: 'nope' })).toEqual(['leadUnitId']);
    expect(await fields({ ...body(), targetDate: '2026-11-01' })).toEqual(['targetDate']);
    expect(await fields({ ...body(), steps: [{ title: '无主措施', ownerUnitId: 'nope', dueDate: '2026-12-15' }] })).toEqual(['steps.0.ownerUnitId']);
    expect(await fields({ ...body(), ticketIds: [dining[0]?.id, 'tk-none'] })).toEqual(['ticketIds.1']);
    expect(await fields({ ...body(), title: ' ' })).toContain('title');
    expect((await as('owner-01', 'POST', '/api/common-issues', body())).status).toBe(403);
    expect((await as('officer-jxw', 'POST', '/api/common-issues', body())).status).toBe(403);
    expect(snapshotDiff(before, await tenantSnapshot(kit.env))).toEqual([]);
  });

  it('is confirmed once by 20 concurrent taps: its tickets linked, their clocks paused, each owner told once', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => as('supervisor', 'POST', '/api/common-issues', body())));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array<number>(19).fill(200), 201]);
    ci = answers.find((a) => a.status === 201)?.body.commonIssue as CommonIssue;
    expect(new Set(answers.map((a) => (a.body.commonIssue as CommonIssue).id))).toEqual(new Set([ci.id]));
    expect(ci).toMatchObject({ status: 'found', leadUnitId: 'jxw', rev: 1, suggestionId: suggestion.id, targetDate: '2026-12-31' });
    expect(ci.clocks.find((c) => c.id === 'resolve')).toMatchObject({ kind: 'resolve', unitId: 'jxw', dueAt: '2026-12-31T09:30:00.000Z' });
    expect(ci.plan.items).toHaveLength(2);
    expect(ci.clocks.filter((c) => c.kind === 'item')).toHaveLength(2);
    expect((await as('supervisor', 'GET', '/api/common-issues')).body.items).toHaveLength(1);

    const claimed = await kit.detail(dining[0]?.id ?? '', 'owner-01');
    expect(claimed.ticket.commonIssue).toMatchObject({ id: ci.id, title: '园区周边就餐难', leadUnitName: ci.leadUnitName, targetDate: '2026-12-31' });
    expect(claimed.ticket.clocks.find((c) => c.kind === 'resolve')?.pausedAt).toBeDefined();
    expect(claimed.timeline.filter((e) => e.kind === 'commonIssueLinked')).toHaveLength(1);
    await deliver();
    for (const owner of ['owner-01', 'owner-02', 'owner-03', 'owner-04']) {
      const told = (await inbox(owner)).filter((i) => i.title === '已纳入共性问题统一解决');
      expect(told, owner).toHaveLength(1);
      expect(told[0]?.body).toContain('您反映的诉求已纳入共性问题「园区周边就餐难」统一解决');
    }
    // the suggestion is decided: confirmed, no longer waiting, not proposed again
    expect((await waiting()).map((s) => s.id)).not.toContain(suggestion.id);
    await as('supervisor', 'POST', '/api/common-issues/suggestions/run');
    expect((await waiting()).map((s) => s.id)).not.toContain(suggestion.id);
  });

  it('is read by the supervisor, leaders, admins and its team’s staff; owners and other units are refused', async () => {
    for (const who of ['supervisor', 'leader-zhang', 'admin', 'officer-jxw', 'officer-zjw', 'officer-dgjd']) {
      expect((await as(who, 'GET', `/api/common-issues/${ci.id}`)).status, who).toBe(200);
    }
    expect((await as('officer-rsj', 'GET', `/api/common-issues/${ci.id}`)).status).toBe(403);
    expect((await as('owner-01', 'GET', `/api/common-issues/${ci.id}`)).status).toBe(403);
    expect((await as('owner-01', 'GET', '/api/common-issues')).status).toBe(403);
    expect((await as('officer-rsj', 'GET', '/api/common-issues')).body.items).toEqual([]);
    const ledger = await as('leader-zhang', 'GET', '/api/common-issues?status=found');
    expect(ledger.body.byCategory).toEqual([{ category: 'other', found: 1, inProgress: 0, solved: 0, enterprises: 4 }]);
    expect((await as('supervisor', 'GET', '/api/common-issues/ciaaaaaaaaaa')).status).toBe(404);
  });

  it('links and unlinks tickets on its rev: clocks paused then resumed, the field cleared; a stale rev is 409 with the record', async () => {
    const before = (await kit.detail(loner.id)).ticket.clocks.find((c) => c.kind === 'resolve');
    const linked = await as('supervisor', 'POST', `/api/common-issues/${ci.id}/tickets`, { rev: 1, add: [loner.id] });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect((linked.body.commonIssue as CommonIssue).rev).toBe(2);
    let t: TicketDetailResponse = await kit.detail(loner.id);
    expect(t.ticket.commonIssue?.id).toBe(ci.id);
    expect(t.ticket.clocks.find((c) => c.kind === 'resolve')?.pausedAt).toBeDefined();

    const stale = await as('supervisor', 'POST', `/api/common-issues/${ci.id}/tickets`, { rev: 1, remove: [loner.id] });
    expect(stale.status).toBe(409);
    expect((stale.body.error.details as { commonIssue: CommonIssue }).commonIssue.rev).toBe(2);

    kit.advance(60 * MINUTE);
    const unlinked = await as('supervisor', 'POST', `/api/common-issues/${ci.id}/tickets`, { rev: 2, remove: [loner.id] });
    expect(unlinked.status).toBe(200);
    t = await kit.detail(loner.id);
    expect(t.ticket.commonIssue).toBeUndefined();
    const resumed = t.ticket.clocks.find((c) => c.kind === 'resolve');
    expect(resumed?.pausedAt).toBeUndefined();
    // resumed with the time it had left: an hour later than before
    expect(Date.parse(resumed?.dueAt ?? '') - Date.parse(before?.dueAt ?? '')).toBeGreaterThanOrEqual(60 * MINUTE);
    expect(t.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['commonIssueLinked', 'commonIssueUnlinked']));
    ci = unlinked.body.commonIssue as CommonIssue;
    expect(ci.tickets.map((x) => x.ticketId).sort()).toEqual(dining.map((x) => x.id).sort());
    // the unlink retried (its rev behind): answered the record, nothing written; asked afresh (the current rev), a
    // ticket that is not linked here is refused naming it
    const retried = await as('supervisor', 'POST', `/api/common-issues/${ci.id}/tickets`, { rev: 2, remove: [loner.id] });
    expect(retried.status).toBe(200);
    expect((retried.body.commonIssue as CommonIssue).rev).toBe(ci.rev);
    const notHere = await as('supervisor', 'POST', `/api/common-issues/${ci.id}/tickets`, { rev: ci.rev, remove: [loner.id] });
    expect(notHere.status).toBe(400);
    expect(notHere.body.error.details).toEqual([expect.objectContaining({ field: 'remove.0', message: '该诉求不在此共性问题中' })]);

    const bad = await as('supervisor', 'POST', `/api/common-issues/${ci.id}/tickets`, { rev: ci.rev, add: ['tk-none'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'add.0' })]);
    expect((await as('officer-jxw', 'POST', `/api/common-issues/${ci.id}/tickets`, { rev: ci.rev, add: [loner.id] })).status).toBe(403);
  });

  it('moves on with progress notes (found → inProgress), new steps and steps done by their owner units', async () => {
    expect((await as('officer-zjw', 'POST', `/api/common-issues/${ci.id}/progress`, { rev: ci.rev, text: '不是牵头单位' })).status).toBe(403);
    const noted = await as('officer-jxw', 'POST', `/api/common-issues/${ci.id}/progress`, { rev: ci.rev, text: '已召集园区管委会和三家企业座谈' });
    expect(noted.status).toBe(200);
    ci = noted.body.commonIssue as CommonIssue;
    expect(ci.status).toBe('inProgress');
    const step = { title: '引进两家餐饮企业入驻', ownerUnitId: 'scjg', dueDate: '2026-12-20' };
    const added = await as('officer-jxw', 'POST', `/api/common-issues/${ci.id}/steps`, { rev: ci.rev, steps: [step] });
    expect(added.status).toBe(200);
    ci = added.body.commonIssue as CommonIssue;
    expect(ci.plan.items).toHaveLength(3);
    // the same step again (a retry, with the old rev): nothing added
    expect(((await as('officer-jxw', 'POST', `/api/common-issues/${ci.id}/steps`, { rev: ci.rev - 1, steps: [step] })).body.commonIssue as CommonIssue).rev).toBe(ci.rev);
    const gate = ci.plan.items.find((i) => i.ownerUnitId === 'dgjd');
    expect((await as('officer-zjw', 'POST', `/api/common-issues/${ci.id}/steps/${gate?.id}/done`, {})).status).toBe(403);
    const done = await as('officer-dgjd', 'POST', `/api/common-issues/${ci.id}/steps/${gate?.id}/done`, { note: '门岗已放行外卖车辆' });
    expect(done.status).toBe(200);
    ci = done.body.commonIssue as CommonIssue;
    expect(ci.plan.items.find((i) => i.id === gate?.id)?.status).toBe('done');
    expect(ci.clocks.find((c) => c.id === `item:${gate?.id}`)?.metAt).toBeDefined();
  });

  it('is on the ladder: a late step is urged on its owner unit (提醒 → 催办), the inbox item opens the common issue; done, it stops', async () => {
    const notices = new NoticeStore(kit.env.deps.store);
    const step = ci.plan.items.find((i) => i.ownerUnitId === 'zjw');
    if (!step) throw new Error('the zjw step');
    const clockId = `item:${step.id}`;
    const mine = async () => (await notices.byTicket(kit.tenantId, ci.id)).filter((n) => n.clockId === clockId);
    const sweepAt = async (local: string) => {
      kit.setNow(Date.parse(sh(local)));
      await sweepTenant(kit.env.deps, kit.tenantId, sh(local));
      await drain(kit.env, kit.env.queueUrls.escalation, escalationHandler);
    };
    await sweepAt('2026-12-15T17:00:00');
    expect(await mine()).toHaveLength(0);
    await sweepAt('2026-12-15T17:31:00');
    await sweepAt('2026-12-15T17:40:00'); // the next sweep issues nothing again
    const first = await mine();
    expect(first.map((n) => n.level)).toEqual(['reminder']);
    expect(first[0]).toMatchObject({ unitId: 'zjw', itemId: step.id, holder: { kind: 'commonIssue', id: ci.id, title: '园区周边就餐难' } });
    await deliver();
    const told = (await inbox('officer-zjw')).filter((n) => n.body.includes('措施「选址改造闲置综合楼为公共食堂」'));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ commonIssueId: ci.id });
    expect(told[0]?.ticketId).toBeUndefined();
    await sweepAt('2026-12-16T17:31:00');
    expect((await mine()).map((n) => n.level).sort()).toEqual(['reminder', 'urge'].sort());
    // the unit (its lead among its staff) hears of each level once
    await deliver();
    const lead = (await inbox('lead-zjw')).filter((n) => n.body.includes('措施「选址改造闲置综合楼为公共食堂」'));
    expect(lead.map((n) => n.title.slice(0, 4)).sort()).toEqual(['督办催办', '督办提醒'].sort());

    const done = await as('officer-zjw', 'POST', `/api/common-issues/${ci.id}/steps/${step.id}/done`, { note: '综合楼改造完成' });
    expect(done.status, JSON.stringify(done.body).slice(0, 300)).toBe(200);
    await sweepAt('2026-12-17T17:31:00');
    await sweepAt('2026-12-18T17:31:00');
    expect((await mine()).map((n) => n.level).sort()).toEqual(['reminder', 'urge'].sort());
    ci = (await as('supervisor', 'GET', `/api/common-issues/${ci.id}`)).body.commonIssue as CommonIssue;
  });

  it('is solved with a crash in the middle of the fan-out; the hourly run finishes it: every enterprise told once, its open tickets resolved; a retry changes nothing', async () => {
    // one ticket resolved by its unit already: told, and asked to rate
    kit.advance(60 * MINUTE);
    expect((await kit.post('officer-jxw', `/api/tickets/${dining[0]?.id}/resolve`, { kind: 'answered', summary: '已答复' })).status).toBe(200);
    ci = (await as('supervisor', 'GET', `/api/common-issues/${ci.id}`)).body.commonIssue as CommonIssue;
    await deliver();

    // not while a unit still owes a step: 409 naming it, nothing written; its owner unit does it first
    const owed = ci.plan.items.filter((i) => i.status === 'open');
    expect(owed.map((i) => i.ownerUnitId)).toEqual(['scjg']);
    const early = await as('supervisor', 'POST', `/api/common-issues/${ci.id}/solve`, { rev: ci.rev, summary: '公共食堂已开业，外卖可进园区' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { pendingItems: owed.map((i) => i.id) } });
    expect((await as('officer-scjg', 'POST', `/api/common-issues/${ci.id}/steps/${owed[0]?.id}/done`, { note: '两家餐饮企业已入驻' })).status).toBe(200);
    ci = (await as('supervisor', 'GET', `/api/common-issues/${ci.id}`)).body.commonIssue as CommonIssue;
    expect(ci.status).not.toBe('solved');

    // the ticket store fails after two ticket writes
    const deps = kit.env.deps;
    let commits = 0;
    const failing: Ports = Object.create(deps) as Ports;
    const tickets = Object.create(deps.tickets) as Ports['tickets'];
    tickets.commit = async (...args) => {
      if (++commits > 2) throw new Error('the store went away (test)');
      return deps.tickets.commit(...args);
    };
    Object.defineProperty(failing, 'tickets', { value: tickets });
    await expect(solve(failing, principal(kit.env, 'supervisor'), ci.id, { rev: ci.rev, summary: '公共食堂已开业，外卖可进园区' })).rejects.toThrow('the store went away');

    const half = (await as('supervisor', 'GET', `/api/common-issues/${ci.id}`)).body.commonIssue as CommonIssue;
    expect(half.status).toBe('solved');
    // nobody retries: the hourly run finishes what the crash left
    const hourly = await proposalsHandler({} as ScheduledEvent);
    expect(hourly.failed).toBe(0);
    await deliver();

    for (const [i, t] of dining.entries()) {
      const d = await kit.detail(t.id, `owner-0${i + 1}`);
      expect(d.ticket.status).toBe('resolved');
      expect(d.ticket.commonIssue?.solvedAt).toBeDefined();
      expect(d.timeline.filter((e) => e.kind === 'commonIssueSolved'), t.id).toHaveLength(1);
      expect(d.timeline.filter((e) => e.kind === 'resolved'), t.id).toHaveLength(1);
      expect(d.actions).toContain('rate');
      const told = (await inbox(`owner-0${i + 1}`)).filter((n) => n.body.includes('已随共性问题「园区周边就餐难」统一解决'));
      expect(told, t.id).toHaveLength(1);
    }
    const opened = await kit.detail(dining[1]?.id ?? '');
    expect(opened.ticket.resolution).toMatchObject({ kind: 'resolved', unitId: 'jxw', summary: '公共食堂已开业，外卖可进园区' });
    expect(opened.ticket.handlingUnitId).toBe('jxw');

    // the supervisor's retry changes nothing, and answers the solved common issue
    const before = await tenantSnapshot(kit.env);
    const retry = await as('supervisor', 'POST', `/api/common-issues/${ci.id}/solve`, { rev: ci.rev, summary: '公共食堂已开业，外卖可进园区' });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.commonIssue).toMatchObject({ status: 'solved', solution: { summary: '公共食堂已开业，外卖可进园区' } });
    expect(snapshotDiff(before, await tenantSnapshot(kit.env))).toEqual([]);
    const ledger = await as('supervisor', 'GET', '/api/common-issues');
    expect(ledger.body.byCategory).toEqual([{ category: 'other', found: 0, inProgress: 0, solved: 1, enterprises: 4 }]);
  });
});
