import { XLSX_MEDIA_TYPE, type SupervisionNotice, type Ticket } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as escalationHandler } from '../../functions/src/handlers/escalation.js';
import { handler as exportsHandler } from '../../functions/src/handlers/exports.js';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { NoticeStore } from '../../functions/src/store/notice-store.js';
import { dataRows, readWorkbook, wallTime } from '../support/xlsx.js';
import { call, drain, sh } from './clocks-support.js';
import { startKit, type Kit } from './requests-kit.js';

/**
 * The ticket ledger over HTTP: tickets raised around the fourth quarter of
 * 2026, one claimed late (督办单), one handled to the end and rated, one
 * assigned to another unit; then GET /api/assessment/export as each role,
 * the .xlsx opened with exceljs.
 */
let kit: Kit;
let september: Ticket;
let october: Ticket;
let rated: Ticket;
let assigned: Ticket;
let octoberNotices: SupervisionNotice[];

const path = (period: string, sheet = 'ledger') => `/api/assessment/export?period=${encodeURIComponent(period)}&sheet=${sheet}`;
const exportAs = async (userId: string, period: string, sheet?: string) =>
  kit.api.call('GET', path(period, sheet), { token: await kit.token(userId) });
/** the ledger's rows as people read them, by header */
const ledger = async (userId: string, period: string) => {
  const res = await exportAs(userId, period);
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  const ws = (await readWorkbook(res.body as Buffer)).worksheets[0];
  if (!ws) throw new Error('no sheet');
  return { ws, rows: dataRows(ws), res };
};

async function sweepAt(local: string) {
  kit.setNow(Date.parse(sh(local)));
  await sweepTenant(kit.env.deps, kit.tenantId, kit.now().toISOString());
  await drain(kit.env, kit.env.queueUrls.escalation, escalationHandler);
}

beforeAll(async () => {
  kit = await startKit();
  kit.setNow(Date.parse(sh('2026-09-30T23:50:00')));
  september = await kit.raise('owner-05', { title: '九月最后一单' });
  // ten minutes into the quarter (a holiday: the desk's hours)
  kit.setNow(Date.parse(sh('2026-10-01T00:10:00')));
  october = await kit.raise('owner-02', { title: '国庆期间停电', category: 'utilities', priority: 'urgent' });
  // nobody claims it: 提醒, then 催办 a working day later
  await sweepAt('2026-10-09T10:00:00');
  await sweepAt('2026-10-12T11:00:00');
  kit.setNow(Date.parse(sh('2026-11-24T10:00:00')));
  const raised = await kit.raise('owner-01', { title: '融资对接', category: 'finance' });
  kit.advance(60_000);
  const other = await kit.raise('owner-02', { title: '食品经营许可延续', category: 'permits' });
  kit.advance(19 * 60_000);
  expect((await kit.post('officer-jxw', `/api/tickets/${raised.id}/claim`)).status).toBe(200);
  expect((await kit.post('supervisor', `/api/tickets/${other.id}/assign`, { unitId: 'scjg' })).status).toBe(200);
  kit.advance(2 * 3600_000);
  expect((await kit.post('officer-jxw', `/api/tickets/${raised.id}/resolve`, { kind: 'resolved', summary: '已对接银行' })).status).toBe(200);
  const rate = await kit.post('owner-01', `/api/tickets/${raised.id}/rating`, { score: 'fair' });
  expect(rate.status).toBe(200);
  rated = (rate.body as { ticket: Ticket }).ticket;
  assigned = (await kit.detail(other.id)).ticket;
  const listed = await kit.api.call('GET', `/api/supervision/notices?ticketId=${october.id}`, { token: await kit.token('supervisor') });
  octoberNotices = (listed.body as { items: SupervisionNotice[] }).items;
  kit.advance(60_000);
}, 60_000);
afterAll(async () => {
  await kit.close();
});

describe('GET /api/assessment/export?sheet=ledger', () => {
  it('answers the supervisor an .xlsx of every ticket created in the quarter, with a UTF-8 file name', async () => {
    const { res, ws, rows } = await ledger('supervisor', '2026-Q4');
    expect(res.headers.get('content-type')).toBe(XLSX_MEDIA_TYPE);
    const tenantName = kit.env.data.tenant.name;
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toBe(`attachment; filename="ledger-2026-Q4.xlsx"; filename*=UTF-8''${encodeURIComponent(`${tenantName}-诉求台账-2026-Q4.xlsx`)}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(ws.name).toBe('诉求台账');
    expect(ws.getCell('A1').value).toBe(`${tenantName} 诉求台账（2026年第四季度）`);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '2:2' });
    // the export ran at 12:21 Shanghai time
    expect(ws.headerFooter.oddFooter).toContain('生成时间：2026-11-24 12:21');
    expect(rows.map((r) => r['编号'])).toEqual([october.number, rated.number, assigned.number]);
  });

  it("fills a row with the ticket's clocks, notices, unit, resolution and rating", async () => {
    const { rows } = await ledger('supervisor', '2026-Q4');
    const [unclaimed, handled, other] = rows;
    const count = (level: string) => octoberNotices.filter((n) => n.level === level).length;
    expect(count('reminder')).toBe(1);
    expect(count('urge')).toBe(1);
    expect(unclaimed).toMatchObject({
      标题: '国庆期间停电',
      企业: october.enterpriseName,
      类别: '水电气网',
      优先级: '紧急',
      状态: '待认领',
      承办单位: null,
      提交时间: wallTime('2026-10-01T00:10'),
      认领时间: null,
      是否超时: '是',
      督办提醒: 1,
      督办催办: 1,
      督办警告: 0,
      评价: null,
      重开次数: 0,
    });
    const claim = rated.clocks.find((c) => c.id === 'claim');
    expect(handled).toMatchObject({
      标题: '融资对接',
      类别: '融资金融',
      优先级: '一般',
      渠道: '小程序',
      状态: '已销号',
      承办单位: '区经济和信息化委员会',
      提交时间: wallTime('2026-11-24T10:00'),
      认领时间: wallTime('2026-11-24T10:20'),
      认领完成时间: wallTime('2026-11-24T10:20'),
      办结方式: '协调解决',
      办结时间: wallTime('2026-11-24T12:20'),
      评价: '基本满意',
      是否超时: '否',
      督办提醒: 0,
      联办单位: null,
      领办领导: null,
    });
    // a deadline as the ticket holds it (UTC), shown in Shanghai time
    expect((handled?.['认领时限'] as Date).getTime()).toBe(Date.parse(claim?.dueAt ?? '') + 8 * 3600_000);
    expect(other).toMatchObject({ 标题: '食品经营许可延续', 状态: '办理中', 承办单位: assigned.handlingUnitName, 评价: null });
  });

  it('takes the period in Shanghai time: a month, a quarter, a year', async () => {
    const numbers = async (period: string) => (await ledger('admin', period)).rows.map((r) => r['编号']);
    expect(await numbers('2026-10')).toEqual([october.number]);
    expect(await numbers('2026-11')).toEqual([rated.number, assigned.number]);
    expect(await numbers('2026-09')).toEqual([september.number]);
    expect(await numbers('2026-Q3')).toEqual([september.number]);
    expect(await numbers('2026')).toEqual([september.number, october.number, rated.number, assigned.number]);
    expect(await numbers('2027-01')).toEqual([]);
  });

  it("gives a county leader the district, a unit lead its own unit's tickets", async () => {
    expect((await ledger('leader-zhang', '2026-Q4')).rows).toHaveLength(3);
    const jxw = await ledger('lead-jxw', '2026-Q4');
    expect(jxw.rows.map((r) => r['编号'])).toEqual([rated.number]);
    expect(jxw.ws.getCell('A1').value).toBe(`${kit.env.data.tenant.name} 区经济和信息化委员会 诉求台账（2026年第四季度）`);
    expect((await ledger('lead-scjg', '2026-Q4')).rows.map((r) => r['编号'])).toEqual([assigned.number]);
    expect((await ledger('lead-rsj', '2026-Q4')).rows).toEqual([]);
  });

  it('refuses owners, officers and agents (403)', async () => {
    for (const user of ['owner-01', 'officer-jxw', 'agent-1']) {
      const res = await exportAs(user, '2026-Q4');
      expect(res.status, user).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await kit.api.call('GET', path('2026-Q4'))).status).toBe(401);
  });

  it('refuses a bad period or sheet with a 400 naming the field, in Chinese', async () => {
    for (const period of ['2026-13', '2026-Q5', '26-11', '2026-1', 'last-month', '1999', '']) {
      const res = await exportAs('supervisor', period);
      expect(res.status, period).toBe(400);
      expect(res.body.error.details[0].field, period).toBe('period');
      expect(res.body.error.message, period).toMatch(/^period：.*[\u4e00-\u9fff]/);
    }
    const unknown = await exportAs('supervisor', '2026-Q4', 'ranking');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0]).toEqual({ field: 'sheet', message: 'sheet 只能是 ledger、index' });
    const missing = await kit.api.call('GET', '/api/assessment/export?period=2026-Q4', { token: await kit.token('supervisor') });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe('sheet');
  });

  it('answers API Gateway a base64 body marked isBase64Encoded (the Lambda answer)', async () => {
    const res = await call<Buffer>(kit.env, exportsHandler, 'GET', '/api/assessment/export', { user: 'supervisor', query: { period: '2026-Q4', sheet: 'ledger' } });
    expect(res.status).toBe(200);
    expect(res.body.subarray(0, 2).toString()).toBe('PK'); // a zip: the .xlsx
    expect(dataRows((await readWorkbook(res.body)).worksheets[0]!)).toHaveLength(3);
  });
});

describe('counting notices by ticket (NoticeStore.countsByTicket)', () => {
  it('counts the same from the tickets’ partitions and from the tenant’s notice index', async () => {
    const ids = [september.id, october.id, rated.id, assigned.id];
    const since = sh('2026-07-01T00:00:00');
    const byPartition = await new NoticeStore(kit.env.deps.store, { countByPartitionMax: 100 }).countsByTicket(kit.tenantId, ids, since);
    const byIndex = await new NoticeStore(kit.env.deps.store, { countByPartitionMax: 0 }).countsByTicket(kit.tenantId, ids, since);
    expect(byIndex).toEqual(byPartition);
    expect(byIndex.get(october.id)).toEqual({ reminder: 1, urge: 1, warning: 0 });
    expect(byIndex.has(rated.id)).toBe(false);
    // the index is read from `since` on only
    const later = await new NoticeStore(kit.env.deps.store, { countByPartitionMax: 0 }).countsByTicket(kit.tenantId, ids, sh('2026-10-10T00:00:00'));
    expect(later.get(october.id)).toEqual({ reminder: 0, urge: 1, warning: 0 });
  });
});
