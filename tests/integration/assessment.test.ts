import type { AssessmentResponse, CommandRequest, Dispute, Ticket, UnitAssessmentResponse } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinClock } from '../../functions/src/adapters/time.js';
import { handler as assessmentHandler } from '../../functions/src/handlers/assessment.js';
import { handler as escalationHandler } from '../../functions/src/handlers/escalation.js';
import { handler as exportsHandler } from '../../functions/src/handlers/exports.js';
import { handler as notifierHandler } from '../../functions/src/handlers/notifier.js';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { issueCommand } from '../../functions/src/services/tickets.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { dataRows, readWorkbook } from '../support/xlsx.js';
import { call, drain, principal, raise, sh } from './clocks-support.js';

/**
 * The assessment over HTTP on dynalite and fauxqs, on hand-built cases in
 * September 2026: every computed indicator, a notice on an unclaimed ticket
 * counted against the lead units of its groups, a reopen, joint tasks on time
 * and late, a leader-led matter whose cadence slipped, a dispute accepted, an
 * entered score, the scheme's versions, the drill-down and the audit. The
 * running aggregates are kept by the notifier from each commit's assess message.
 */
let env: TestEnv;
const t: Record<'a' | 'b' | 'c' | 'd' | 'e', Ticket> = {} as never;

const at = (local: string) => pinClock(new Date(sh(local)));
const as = (userId: string) => principal(env, userId);
const run = async (userId: string, ticket: Ticket, req: CommandRequest, when: string) => {
  at(when);
  return issueCommand(env.deps, as(userId), ticket.id, req);
};
async function sweepAt(local: string) {
  at(local);
  await sweepTenant(env.deps, env.tenantId, sh(local));
  await drain(env, env.queueUrls.escalation, escalationHandler);
}
const consume = () => drain(env, env.queueUrls.outbox, notifierHandler, { maxRounds: 200 });
const get = <T>(path: string, user: string, query: Record<string, string> = {}) => call<T>(env, assessmentHandler, 'GET', path, { user, query });
const unitOf = (r: AssessmentResponse, unitId: string) => r.tracks.flatMap((x) => x.units).find((u) => u.unitId === unitId);
const indicator = (r: AssessmentResponse | UnitAssessmentResponse, unitId: string, code: string) =>
  ('tracks' in r ? unitOf(r, unitId) : r.score)?.indicators.find((i) => i.code === code);

beforeAll(async () => {
  env = await useIntegrationEnv();
  // owner-01: equipment, key enterprise, grid g01 → groups ind-equipment (lead jxw), town-dgjd (lead dgjd), key (lead fgw)
  // owner-03: materials, grid g03 → groups ind-materials (lead zjw), town-nsz (lead nsz)
  t.a = await raise(env, 'owner-01', sh('2026-09-07T09:00:00'), { title: '厂房用电增容' });
  t.b = await raise(env, 'owner-03', sh('2026-09-07T09:00:00'), { title: '建材堆场用地' });
  t.c = await raise(env, 'owner-01', sh('2026-09-07T09:00:00'), { title: '出口退税进度' });
  t.d = await raise(env, 'owner-01', sh('2026-09-07T09:00:00'), { title: '新厂区联合验收' });
  t.e = await raise(env, 'owner-01', sh('2026-09-07T09:00:00'), { title: '重大项目用地报批' });
  for (const x of [t.a, t.c, t.d, t.e]) await run('officer-jxw', x, { type: 'claim' }, '2026-09-07T09:30:00');
  // a: contacted, resolved in time, rated satisfied
  await run('officer-jxw', t.a, { type: 'message', text: '已电话联系企业，下午上门' }, '2026-09-07T10:00:00');
  await run('officer-jxw', t.a, { type: 'resolve', kind: 'resolved', summary: '供电公司已排期增容' }, '2026-09-08T10:00:00');
  await run('owner-01', t.a, { type: 'rate', score: 'satisfied', comment: '很及时' }, '2026-09-08T11:00:00');
  // b: nobody claims it for two hours: the claim reminder goes to the lead units zjw and nsz; zjw claims late,
  // and contacts the enterprise after its 24 h, with a contact reminder
  await sweepAt('2026-09-07T11:05:00');
  await run('officer-zjw', t.b, { type: 'claim' }, '2026-09-07T14:00:00');
  await sweepAt('2026-09-08T14:30:00');
  await run('officer-zjw', t.b, { type: 'message', text: '抱歉来迟，已约企业现场查看' }, '2026-09-08T15:00:00');
  // c: answered the same day, rated unsatisfied, reopened by the owner, resolved again
  await run('officer-jxw', t.c, { type: 'resolve', kind: 'answered', summary: '已告知退税流程' }, '2026-09-07T16:00:00');
  await run('owner-01', t.c, { type: 'rate', score: 'unsatisfied', comment: '没有解决实际问题' }, '2026-09-07T17:00:00');
  await run('owner-01', t.c, { type: 'reopen', reason: '退税仍未到账' }, '2026-09-08T09:00:00');
  await run('officer-jxw', t.c, { type: 'resolve', kind: 'resolved', summary: '已协调税务局加快审核，退税到账' }, '2026-09-08T16:00:00');
  // d: joint handling: rsj does its task at once, scjg only after a reminder
  await run('officer-jxw', t.d, { type: 'joint', leadUnitId: 'jxw', coUnits: [{ unitId: 'rsj', task: '核实用工备案' }, { unitId: 'scjg', task: '特种设备登记' }] }, '2026-09-07T10:00:00');
  await run('officer-rsj', t.d, { type: 'taskDone', unitId: 'rsj', note: '已核实' }, '2026-09-07T15:00:00');
  await sweepAt('2026-09-11T10:00:00');
  await run('officer-scjg', t.d, { type: 'taskDone', unitId: 'scjg', note: '已登记' }, '2026-09-11T11:00:00');
  // e: led by a county leader; the monthly progress is missed, and the notice comes in October
  await run('supervisor', t.e, { type: 'lead', leaderUserId: 'leader-zhang' }, '2026-09-07T10:00:00');
  await consume();
  await sweepAt('2026-10-12T10:00:00');
  await consume();
  at('2026-10-12T11:00:00');
});

afterAll(() => pinClock(undefined));

describe('the assessment over HTTP', () => {
  it('computes every indicator for the handling unit from its tickets', async () => {
    const r = await get<AssessmentResponse>('/api/assessment', 'supervisor', { period: '2026-09' });
    expect(r.status).toBe(200);
    const jxw = unitOf(r.body, 'jxw');
    expect(jxw?.counters).toMatchObject({ handled: 4, claimed: 4, claimOnTime: 4, resolved: 2, resolvedOnTime: 2, reopened: 1, rated: 1, satisfied: 1, leaderLed: 1, leaderKept: 0 });
    expect(indicator(r.body, 'jxw', 'reopenRate')).toMatchObject({ value: 50, num: 1, den: 2 });
    expect(indicator(r.body, 'jxw', 'leaderCadence')).toMatchObject({ value: 0, score: 0 });
    expect(indicator(r.body, 'jxw', 'satisfactionRate')).toMatchObject({ value: 100 });
    // zjw: claimed late, contacted late, with a contact reminder against it
    expect(unitOf(r.body, 'zjw')?.counters).toMatchObject({ handled: 1, claimed: 1, claimOnTime: 0, contactDue: 1, contactOnTime: 0, replied: 1 });
    expect(indicator(r.body, 'zjw', 'claimRate')).toMatchObject({ value: 0, score: 0 });
    // joint tasks: rsj on time, scjg late (and reminded)
    expect(unitOf(r.body, 'rsj')?.counters).toMatchObject({ tasks: 1, tasksOnTime: 1 });
    expect(unitOf(r.body, 'scjg')?.counters).toMatchObject({ tasks: 1, tasksOnTime: 0 });
    expect(unitOf(r.body, 'scjg')?.counters.reminders).toBeGreaterThanOrEqual(1);
  });

  it('counts the claim notice of an unclaimed ticket against the lead units of its groups', async () => {
    const r = await get<AssessmentResponse>('/api/assessment', 'officer-nsz', { period: '2026-09' });
    // zjw (industry group's competent department) and nsz (the township): one claim reminder each
    expect(unitOf(r.body, 'nsz')?.counters.reminders).toBe(1);
    expect(unitOf(r.body, 'nsz')?.deduction).toBe(0.5);
    expect(unitOf(r.body, 'ghzy')?.counters.reminders).toBe(0);
    const drill = await get<{ items: Array<{ ticketId: string; noticeIds: string[] }> }>('/api/assessment/units/nsz/tickets', 'lead-nsz', { period: '2026-09', indicator: 'notices' });
    expect(drill.body.items.map((i) => i.ticketId)).toEqual([t.b.id]);
    expect(drill.body.items[0]?.noticeIds).toHaveLength(1);
  });

  it('counts notices in the month they were issued: the leader-led cadence slipped in October', async () => {
    const oct = await get<AssessmentResponse>('/api/assessment', 'leader-zhang', { period: '2026-10' });
    expect(unitOf(oct.body, 'jxw')?.counters.reminders).toBeGreaterThanOrEqual(1);
    expect(unitOf(oct.body, 'jxw')?.counters.handled).toBe(0);
    // the quarter adds its months
    const q3 = await get<AssessmentResponse>('/api/assessment', 'supervisor', { period: '2026-Q3' });
    expect(unitOf(q3.body, 'jxw')?.counters.handled).toBe(4);
  });

  it('ranks each track, with the red and black lists, for every unit to see', async () => {
    const r = await get<AssessmentResponse>('/api/assessment', 'officer-swj', { period: '2026-09', track: 'department' });
    expect(r.body.tracks.map((x) => x.track)).toEqual(['department']);
    const dept = r.body.tracks[0];
    const ranked = dept?.units.filter((u) => u.rank !== null) ?? [];
    expect(ranked.map((u) => u.index)).toEqual([...ranked.map((u) => u.index)].sort((x, y) => (y ?? 0) - (x ?? 0)));
    expect(dept?.redList).toHaveLength(2);
    expect(dept?.blackList).toContain('zjw');
    // units with nothing to measure are listed unranked
    expect(dept?.units.find((u) => u.unitId === 'jrb')).toMatchObject({ index: null, rank: null });
    expect((await get('/api/assessment', 'owner-01', { period: '2026-09' })).status).toBe(403);
  });

  it('answers 400 naming the field for a bad period, in Chinese', async () => {
    const r = await get<{ error: { code: string; details: Array<{ field: string; message: string }> } }>('/api/assessment', 'supervisor', { period: '2026-13' });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toMatchObject({ field: 'period', message: expect.stringContaining('季度（如 2026-Q4）') });
  });

  it('shows a unit its own figures, trend and the tickets behind each figure, and no other unit’s', async () => {
    const mine = await get<UnitAssessmentResponse>('/api/assessment/units/jxw', 'officer-jxw', { period: '2026-09' });
    expect(mine.status).toBe(200);
    expect(mine.body.trend.map((p) => p.period)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(mine.body.trend.at(-1)?.index).toBe(mine.body.score.index);
    const reopened = await get<{ items: Array<{ ticketId: string }> }>('/api/assessment/units/jxw/tickets', 'officer-jxw', { period: '2026-09', indicator: 'reopenRate' });
    expect(reopened.body.items.map((i) => i.ticketId).sort()).toEqual([t.a.id, t.c.id].sort());
    expect((await get('/api/assessment/units/zjw', 'officer-jxw', { period: '2026-09' })).status).toBe(403);
  });

  it('takes a disputed item out once the supervisor accepts it, and keeps it when rejected', async () => {
    const before = await get<AssessmentResponse>('/api/assessment', 'supervisor', { period: '2026-09' });
    const raised = await call<{ dispute: Dispute }>(env, assessmentHandler, 'POST', '/api/assessment/disputes', {
      user: 'lead-zjw',
      body: { ticketId: t.b.id, indicator: 'claimRate', reason: '该诉求发布时为非工作时间前后，企业要求次日办理' },
    });
    expect(raised.status).toBe(201);
    const other = await call<{ dispute: Dispute }>(env, assessmentHandler, 'POST', '/api/assessment/disputes', {
      user: 'lead-zjw',
      body: { ticketId: t.b.id, indicator: 'contactRate', reason: '企业负责人出差，无法联系' },
    });
    const again = await call(env, assessmentHandler, 'POST', '/api/assessment/disputes', { user: 'lead-zjw', body: { ticketId: t.b.id, indicator: 'claimRate', reason: '重复' } });
    expect(again.status).toBe(409);
    expect((await call(env, assessmentHandler, 'POST', `/api/assessment/disputes/${raised.body.dispute.id}/decide`, { user: 'lead-zjw', body: { accept: true, reason: '自己批准' } })).status).toBe(403);
    const accepted = await call<{ dispute: Dispute }>(env, assessmentHandler, 'POST', `/api/assessment/disputes/${raised.body.dispute.id}/decide`, {
      user: 'supervisor',
      body: { accept: true, reason: '经核实，企业确有要求，予以采纳' },
    });
    expect(accepted.body.dispute).toMatchObject({ status: 'accepted', decidedBy: 'supervisor' });
    await call(env, assessmentHandler, 'POST', `/api/assessment/disputes/${other.body.dispute.id}/decide`, { user: 'supervisor', body: { accept: false, reason: '未提供联系记录' } });
    const after = await get<AssessmentResponse>('/api/assessment', 'supervisor', { period: '2026-09' });
    expect(unitOf(before.body, 'zjw')?.counters.claimed).toBe(1);
    expect(unitOf(after.body, 'zjw')?.counters).toMatchObject({ claimed: 0, claimOnTime: 0, contactDue: 1, contactOnTime: 0, handled: 1 });
    expect(indicator(after.body, 'zjw', 'claimRate')).toMatchObject({ value: null });
    expect(unitOf(after.body, 'zjw')?.index).toBeGreaterThan(unitOf(before.body, 'zjw')?.index ?? 100);
    const listed = await get<{ items: Dispute[] }>('/api/assessment/disputes', 'officer-zjw');
    expect(listed.body.items.map((d) => d.status).sort()).toEqual(['accepted', 'rejected']);
    expect((await get<{ items: Dispute[] }>('/api/assessment/disputes', 'officer-jxw')).body.items).toEqual([]);
  });

  it('records an entered score with its evidence in the audit trail, and counts it', async () => {
    const put = (score: number, user = 'assessor') =>
      call<{ entry: { previous?: number } }>(env, assessmentHandler, 'PUT', '/api/assessment/manual', {
        user,
        body: { period: '2026-09', unitId: 'rsj', indicator: 'policyPromotion', score, evidence: '9 月开展稳岗返还政策宣讲 3 场，覆盖企业 46 家（附签到表）' },
      });
    at('2026-10-12T11:00:00');
    expect((await put(80)).status).toBe(200);
    at('2026-10-12T11:05:00');
    expect((await put(90)).body.entry.previous).toBe(80);
    expect((await put(90, 'officer-rsj')).status).toBe(403);
    const bad = await call<{ error: { details: Array<{ field: string }> } }>(env, assessmentHandler, 'PUT', '/api/assessment/manual', {
      user: 'assessor',
      body: { period: '2026-09', unitId: 'rsj', indicator: 'claimRate', score: 120, evidence: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.field).sort()).toEqual(['evidence', 'indicator', 'score']);
    const detail = await get<UnitAssessmentResponse>('/api/assessment/units/rsj', 'assessor', { period: '2026-09' });
    expect(detail.body.manualEntries.map((e) => e.score)).toEqual([90, 80]);
    expect(indicator(detail.body, 'rsj', 'policyPromotion')).toMatchObject({ value: 90, score: 90 });
  });

  it('versions the scheme: a new version applies from its month on and never rewrites a closed period', async () => {
    const current = await get<{ current: Record<string, unknown> & { version: number }; versions: unknown[] }>('/api/admin/assessment', 'supervisor');
    const { version: _v, createdAt: _c, createdBy: _b, ...body } = current.body.current;
    const past = await call<{ error: { details: Array<{ field: string }> } }>(env, assessmentHandler, 'PUT', '/api/admin/assessment', {
      user: 'supervisor',
      body: { ...body, effectiveFrom: '2026-09' },
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details[0]?.field).toBe('effectiveFrom');
    const before = await get<AssessmentResponse>('/api/assessment', 'supervisor', { period: '2026-09' });
    const next = await call<{ current: { version: number }; versions: Array<{ version: number }> }>(env, assessmentHandler, 'PUT', '/api/admin/assessment', {
      user: 'supervisor',
      body: { ...body, effectiveFrom: '2026-10', deductions: { reminder: 5, urge: 5, warning: 5, cap: 50 } },
    });
    expect(next.status).toBe(200);
    expect(next.body.current.version).toBe(current.body.current.version + 1);
    const sept = await get<AssessmentResponse>('/api/assessment', 'supervisor', { period: '2026-09' });
    expect(sept.body).toEqual(before.body);
    const oct = await get<AssessmentResponse>('/api/assessment', 'supervisor', { period: '2026-10' });
    expect(oct.body.schemeVersion).toBe(next.body.current.version);
    expect((await call(env, assessmentHandler, 'PUT', '/api/admin/assessment', { user: 'officer-jxw', body: { ...body, effectiveFrom: '2026-11' } })).status).toBe(403);
  });

  it('passes the assessor’s audit: the running figures equal a recomputation from the tickets', async () => {
    for (const period of ['2026-09', '2026-10', '2026-Q3', '2026-Q4', '2026']) {
      const audit = await get<{ matches: boolean; differences: string[] }>('/api/assessment/audit', 'assessor', { period });
      expect(audit.body.differences, period).toEqual([]);
      expect(audit.body.matches).toBe(true);
    }
    expect((await get('/api/assessment/audit', 'officer-jxw', { period: '2026-09' })).status).toBe(403);
  });

  it('exports the assessment table as .xlsx: every unit of both tracks, ranked, read back as a spreadsheet program would', async () => {
    const res = await call<Buffer>(env, exportsHandler, 'GET', '/api/assessment/export', { user: 'assessor', query: { period: '2026-09', sheet: 'index' } });
    expect(res.status).toBe(200);
    const ws = (await readWorkbook(res.body)).worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.name).toBe('服务指数');
    expect(String(ws.getCell('A1').value)).toContain('助企服务指数考核表（2026年9月）');
    const rows = dataRows(ws);
    expect(rows).toHaveLength(env.data.units.length);
    const api = await get<AssessmentResponse>('/api/assessment', 'supervisor', { period: '2026-09' });
    const jxw = rows.find((r) => r['单位'] === '区经济和信息化委员会');
    expect(jxw).toMatchObject({ 赛道: '部门', 排名: unitOf(api.body, 'jxw')?.rank, 服务指数: unitOf(api.body, 'jxw')?.index?.toFixed(2), 重开率: 0.5, 承办诉求: 4 });
    const zjw = rows.find((r) => r['单位'] === '区住房和城乡建设委员会');
    expect(zjw?.['红黑榜']).toBe('黑榜');
    expect((await call(env, exportsHandler, 'GET', '/api/assessment/export', { user: 'owner-01', query: { period: '2026-09', sheet: 'index' } })).status).toBe(403);
  });
});
