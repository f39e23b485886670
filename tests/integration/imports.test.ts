import { completeCreditCode, IMPORT_COLUMNS, type AuditEntry, type CellValue, type ImportJob, type ImportKind, type SheetSpec } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../functions/src/export/workbook.js';
import { handler as importerHandler } from '../../functions/src/handlers/importer.js';
import type { Item } from '../../functions/src/store/dynamo.js';
import { dataRows, readWorkbook, rowValues } from '../support/xlsx.js';
import { drain, queueDepth } from './clocks-support.js';
import { newKey, startKit, type Kit } from './requests-kit.js';

/**
 * Onboarding from Excel over HTTP, on dynalite and fauxqs: the template
 * downloaded and read back, workbooks written with the project's writer and
 * uploaded, the report, the background writes (the importer drained from its
 * queue), a crash in the middle of a chunk, a re-import, the audit entry.
 */
let kit: Kit;
const code = (n: number) => completeCreditCode(`91500236MA${String(8000000 + n).padStart(7, '0')}`);
const ent = (n: number, over: Record<string, string> = {}): Record<string, CellValue> => ({
  id: code(n),
  name: `奉节导入企业${n}有限公司`,
  industry: '食品加工',
  tier: '成长型企业',
  grid: '东港一网格',
  key: '否',
  address: `永安镇朝阳路 ${n} 号`,
  ...over,
});

/** an .xlsx of the kind's table, as a person fills in the template: title, headers, rows */
async function workbook(kind: ImportKind, rows: Array<Record<string, CellValue>>): Promise<string> {
  const spec: SheetSpec = { name: '企业', title: '奉节县企业名录', columns: IMPORT_COLUMNS[kind].map((c) => ({ key: c.key, header: c.header, width: c.width, format: 'text' })), rows };
  return (await writeWorkbook([spec], { generatedAt: new Date().toISOString() })).toString('base64');
}

const upload = async (rows: Array<Record<string, CellValue>>, user = 'admin', fileName = '企业名录.xlsx') =>
  kit.api.call('POST', '/api/admin/imports', { token: await kit.token(user), body: { kind: 'enterprises', fileName, file: await workbook('enterprises', rows) }, headers: { 'idempotency-key': newKey() } });
const job = async (id: string, page = 0) => {
  const res = await kit.api.call('GET', `/api/admin/imports/${id}?page=${page}`, { token: await kit.token('admin') });
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  return res.body as { job: ImportJob; report: { rows: Array<{ row: number; outcome: string; issues: Array<{ column: string; message: string }> }> } };
};
const start = async (id: string, body: unknown = {}) => kit.api.call('POST', `/api/admin/imports/${id}/start`, { token: await kit.token('admin'), body });
const enterprises = () => kit.env.deps.imports.directory(kit.tenantId).then((d) => d.enterprises);
const importEntries = async (): Promise<AuditEntry[]> =>
  (await kit.env.deps.audit.list(kit.tenantId, { month: kit.now().toISOString().slice(0, 7), target: 'IMPORT' })).items;
const importer = () => drain(kit.env, kit.env.queueUrls.importer, importerHandler);

beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.close();
});

describe('templates', () => {
  it('downloads a real .xlsx: the headers (required marked *), an example row, the allowed values', async () => {
    const res = await kit.api.call('GET', '/api/admin/import-templates/enterprises', { token: await kit.token('admin') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('企业导入模板'));
    const wb = await readWorkbook(res.body as Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['企业', '可选值', '填写说明']);
    const [table, values] = wb.worksheets;
    if (!table || !values) throw new Error('sheets missing');
    expect(rowValues(table, 2)).toEqual(IMPORT_COLUMNS.enterprises.map((c) => (c.required ? `${c.header}*` : c.header)));
    expect(dataRows(table)).toHaveLength(1);
    expect(dataRows(values).map((r) => r['行业']).filter(Boolean)).toContain('食品加工');
  });

  it('Excel out: the users as they are download in the template and upload back with every row unchanged, nothing to write', async () => {
    const token = await kit.token('admin');
    const res = await kit.api.call('GET', '/api/admin/import-templates/users?filled=1', { token });
    expect(res.status).toBe(200);
    const wb = await readWorkbook(res.body as Buffer);
    const [table] = wb.worksheets;
    if (!table) throw new Error('table missing');
    const users = (await kit.env.deps.imports.directory(kit.tenantId)).users;
    expect(dataRows(table)).toHaveLength(users.length);
    const back = await kit.api.call('POST', '/api/admin/imports', { token, body: { kind: 'users', fileName: '用户.xlsx', file: (res.body as Buffer).toString('base64') }, headers: { 'idempotency-key': newKey() } });
    expect(back.status).toBe(201);
    expect(back.body.job.counts).toMatchObject({ create: 0, update: 0, error: 0, unchanged: users.length });
    expect((await kit.api.call('GET', '/api/admin/import-templates/users?filled=yes', { token })).status).toBe(400);
  });

  it('a retried upload (its Idempotency-Key) answers the same job and makes no second; the key with another file is 422', async () => {
    const token = await kit.token('admin');
    const key = newKey();
    const file = await workbook('enterprises', [ent(901)]);
    const send = (f: string) => kit.api.call('POST', '/api/admin/imports', { token, body: { kind: 'enterprises', fileName: '重试.xlsx', file: f }, headers: { 'idempotency-key': key } });
    const jobsBefore = (await kit.api.call('GET', '/api/admin/imports', { token })).body.items.length as number;
    // two at once: one job (the second may find it being written and write the same job itself: 201 too)
    const [a, b] = await Promise.all([send(file), send(file)]);
    expect([a.status, b.status]).toContain(201);
    expect([200, 201]).toEqual(expect.arrayContaining([a.status, b.status]));
    expect(a.body.job.id).toBe(b.body.job.id);
    const again = await send(file);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.job.id).toBe(a.body.job.id);
    expect((await kit.api.call('GET', '/api/admin/imports', { token })).body.items).toHaveLength(jobsBefore + 1);
    expect((await send(await workbook('enterprises', [ent(902)]))).status).toBe(422);
  });

  it('admins only; an unknown kind is a 400 naming it', async () => {
    expect((await kit.api.call('GET', '/api/admin/import-templates/enterprises', { token: await kit.token('supervisor') })).status).toBe(403);
    const bad = await kit.api.call('GET', '/api/admin/import-templates/tickets', { token: await kit.token('admin') });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('kind');
  });
});

describe('an upload', () => {
  let first: ImportJob;

  it('reports each row, writes nothing to the directory, and will not start with errors', async () => {
    const before = (await enterprises()).length;
    const bad = code(2).slice(0, 17) + (code(2).endsWith('0') ? '1' : '0');
    const res = await upload([ent(1), ent(2, { id: bad }), ent(3, { grid: '白帝一网格' }), ent(4, { industry: '挖矿' }), ent(1, { name: '重复企业' })]);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    first = res.body.job as ImportJob;
    expect(first).toMatchObject({ status: 'validated', rows: 5, counts: { create: 1, update: 0, unchanged: 0, error: 4 } });
    const rows = (await job(first.id)).report.rows;
    expect(rows.map((r) => [r.row, r.outcome, r.issues.map((i) => `${i.column}:${i.message}`)])).toEqual([
      [3, 'create', []],
      [4, 'error', ['统一社会信用代码:统一社会信用代码校验位不正确']],
      [5, 'error', ['所属网格:网格「白帝一网格」不存在']],
      [6, 'error', ['行业:行业「挖矿」不在列表中']],
      [7, 'error', ['统一社会信用代码:与第 3 行重复']],
    ]);
    expect((await enterprises()).length).toBe(before);
    const refused = await start(first.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('有 4 行错误');
    expect(await queueDepth(kit.env, kit.env.queueUrls.importer)).toBe(0);
  });

  it('is refused, naming the problem, when it is not an .xlsx or not this kind of table', async () => {
    const token = await kit.token('admin');
    const notXlsx = await kit.api.call('POST', '/api/admin/imports', { token, body: { kind: 'enterprises', fileName: 'a.xlsx', file: Buffer.from('名称,代码\n').toString('base64') }, headers: { 'idempotency-key': newKey() } });
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.error.details[0]).toMatchObject({ field: 'file' });
    expect(notXlsx.body.error.message).toContain('不是有效的 .xlsx');
    const csv = await kit.api.call('POST', '/api/admin/imports', { token, body: { kind: 'enterprises', fileName: 'a.csv', file: 'AAAA' }, headers: { 'idempotency-key': newKey() } });
    expect(csv.body.error.details[0]).toMatchObject({ field: 'fileName', message: '只支持 .xlsx 文件（Excel 2007 及以后的格式）' });
    const users = await kit.api.call('POST', '/api/admin/imports', { token, body: { kind: 'users', fileName: 'u.xlsx', file: await workbook('enterprises', [ent(1)]) }, headers: { 'idempotency-key': newKey() } });
    expect(users.status).toBe(400);
    expect(users.body.error.message).toContain('找不到用户表');
    expect((await upload([ent(1)], 'supervisor')).status).toBe(403);
    expect((await kit.api.call('GET', '/api/admin/imports', { token: await kit.token('officer-jxw') })).status).toBe(403);
    expect((await kit.api.call('GET', `/api/admin/imports/${first.id}`, { token: await kit.token('owner-01') })).status).toBe(403);
  });
});

describe('a fixed file, started', () => {
  const rows = Array.from({ length: 230 }, (_, i) => ent(100 + i, i % 3 === 0 ? { grid: '西城一网格', industry: '现代物流', key: '是' } : {}));
  let done: ImportJob;

  it('writes every row in the background, chunk by chunk, a crash in the middle included, each row counted once', async () => {
    const res = await upload(rows);
    expect(res.status).toBe(201);
    const id = (res.body.job as ImportJob).id;
    expect((res.body.job as ImportJob).counts).toEqual({ create: 230, update: 0, unchanged: 0, error: 0 });
    const started = await start(id);
    expect(started.status).toBe(200);
    expect(started.body.job).toMatchObject({ status: 'running', progress: { done: 0, total: 230 } });
    // the first chunk's writer dies after a part of its records
    const store = kit.env.deps.store;
    const original = store.batchWrite.bind(store);
    const written: string[] = [];
    let crashed = false;
    store.batchWrite = async (puts: Item[], deletes = []) => {
      const records = puts.filter((p) => String(p.pk).endsWith('#ENT'));
      if (!crashed && records.length > 0) {
        crashed = true;
        await original(records.slice(0, 30), []);
        throw new Error('the writer died (test)');
      }
      written.push(...records.map((p) => String(p.sk)));
      return original(puts, deletes);
    };
    try {
      const report = await importer();
      expect(report.failures).toBe(1);
    } finally {
      store.batchWrite = original;
    }
    done = (await job(id)).job;
    expect(done).toMatchObject({ status: 'done', progress: { done: 230, total: 230 } });
    expect(done.summary).toBe('导入企业 230 行：新增 230，更新 0，未变 0');
    const ids = new Set((await enterprises()).map((e) => e.id));
    expect(rows.every((r) => ids.has(String(r.id)))).toBe(true);
    // after the crash, each record went in once more at most (the crashed chunk again, whole), no other twice
    expect(new Set(written).size).toBe(written.length);
    expect(written).toHaveLength(230);
    // one audit entry for the job
    const entries = await importEntries();
    expect(entries.filter((e) => e.targetId === id)).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'import', summary: done.summary, actor: { userId: 'admin' } });
  });

  it('a chunk delivered again after the job is done writes nothing', async () => {
    const { SendMessageCommand } = await import('@aws-sdk/client-sqs');
    await kit.env.sqs.send(new SendMessageCommand({ QueueUrl: kit.env.queueUrls.importer, MessageBody: JSON.stringify({ tenantId: kit.tenantId, jobId: done.id, chunk: 0 }) }));
    const store = kit.env.deps.store;
    const original = store.batchWrite.bind(store);
    let writes = 0;
    store.batchWrite = async (puts: Item[], deletes = []) => {
      writes += puts.length;
      return original(puts, deletes);
    };
    try {
      expect((await importer()).processed).toBe(1);
    } finally {
      store.batchWrite = original;
    }
    expect(writes).toBe(0);
  });

  it('an imported enterprise is served: its request routes to its industry, township and key groups', async () => {
    const logistics = String(rows[0]?.id);
    const ticket = await kit.raise('officer-jxw', { enterpriseId: logistics, channel: 'visit' });
    expect(ticket.enterpriseId).toBe(logistics);
    expect([...ticket.groupIds].sort()).toEqual(['ind-logistics', 'key', 'town-xcjd']);
  });

  it('the same file again: every row unchanged, nothing written, no second audit entry', async () => {
    kit.advance(60_000);
    const res = await upload(rows);
    const again = res.body.job as ImportJob;
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 230, error: 0 });
    const started = await start(again.id);
    expect(started.body.job).toMatchObject({ status: 'done', progress: { done: 0, total: 0 } });
    expect(await queueDepth(kit.env, kit.env.queueUrls.importer)).toBe(0);
    expect(await importEntries()).toHaveLength(1);
    expect((await start(again.id)).status).toBe(409);
    const list = await kit.api.call('GET', '/api/admin/imports', { token: await kit.token('admin') });
    // newest first (jobs checked at the same pinned instant, as the earlier tests' are, sort either way among themselves)
    const ids = (list.body.items as ImportJob[]).map((j) => j.id);
    expect(ids[0]).toBe(again.id);
    expect(ids).toContain(done.id);
  });

  it('an update changes only what differs, and can skip rows with errors', async () => {
    const res = await upload([{ ...rows[1], name: '奉节导入企业改名有限公司' }, rows[2] ?? {}, ent(999, { grid: '无此网格' })]);
    const j = res.body.job as ImportJob;
    expect(j.counts).toEqual({ create: 0, update: 1, unchanged: 1, error: 1 });
    const detail = await job(j.id);
    expect(detail.report.rows[0]).toMatchObject({ outcome: 'update', changed: ['name'] });
    expect((await start(j.id, { skipErrors: true })).status).toBe(200);
    await importer();
    const after = await job(j.id);
    expect(after.job).toMatchObject({ status: 'done', progress: { done: 1, total: 1 } });
    expect(after.job.summary).toBe('导入企业 3 行：新增 0，更新 1，未变 1，跳过错误 1');
    const names = new Map((await enterprises()).map((e) => [e.id, e.name]));
    expect(names.get(String(rows[1]?.id))).toBe('奉节导入企业改名有限公司');
    expect(names.has(code(999))).toBe(false);
  });
});
