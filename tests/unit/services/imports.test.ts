import { completeCreditCode, IMPORT_COLUMNS, type ImportCell, type ImportSheet } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { seedDemoImports } from '../../../functions/src/local/import-seed.js';
import { createImport, importDetail, listImports, startImport, writeChunk } from '../../../functions/src/services/imports.js';
import { demoPorts, type MemoryPorts } from '../../support/memory/index.js';

/** The import service over the in-memory ports: a job's life, the chunks run by hand (twice, out of order, after a crash). */
const code = (n: number) => completeCreditCode(`91500236MA${String(5000000 + n).padStart(7, '0')}`);
const headers = IMPORT_COLUMNS.enterprises.map((c) => c.header);
const sheetOf = (n: number, from = 0): ImportSheet[] => [
  { name: '企业', data: [headers, ...Array.from({ length: n }, (_, i): ImportCell[] => [code(from + i), `测试企业${from + i}有限公司`, '食品加工', '骨干企业', 'g02', '否', null])] },
];

async function runQueue(ports: MemoryPorts): Promise<number> {
  let runs = 0;
  for (let batch = ports.importQueue.take(); batch.length > 0; batch = ports.importQueue.take()) {
    for (const m of batch) {
      await writeChunk(ports, m);
      runs++;
    }
  }
  return runs;
}

describe('import jobs', () => {
  it('validates without writing, writes on start chunk by chunk, and finishes once with one audit entry', async () => {
    const { ports, as } = await demoPorts();
    const admin = await as('admin');
    const { job, report } = await createImport(ports, admin, { kind: 'enterprises', fileName: 'a.xlsx', sheets: async () => sheetOf(250) });
    expect(job).toMatchObject({ status: 'validated', rows: 250, pages: 3, counts: { create: 250, error: 0 } });
    expect(report.rows).toHaveLength(100);
    expect(ports.imports.written).toHaveLength(0);
    await startImport(ports, admin, job.id, { skipErrors: false });
    const sent = [...ports.importQueue.sent];
    expect(sent.map((m) => m.chunk)).toEqual([0, 1, 2]);
    // the last chunk first, the first one delivered twice
    ports.importQueue.sent.splice(0, 3, sent[2]!, sent[0]!, sent[1]!, sent[0]!);
    expect(await runQueue(ports)).toBe(4);
    expect(ports.imports.written).toHaveLength(250);
    const detail = await importDetail(ports, admin, job.id, 2);
    expect(detail.job).toMatchObject({ status: 'done', progress: { done: 250, total: 250 } });
    expect(detail.report.rows.map((r) => r.row)).toEqual(Array.from({ length: 50 }, (_, i) => 202 + i));
    const audit = await ports.audit.list(admin.tenantId, { month: ports.clock.iso().slice(0, 7) });
    expect(audit.items.map((e) => [e.action, e.summary])).toEqual([['import', '导入企业 250 行：新增 250，更新 0，未变 0']]);
    expect((await ports.refs.enterprise(admin.tenantId, code(7)))?.gridId).toBe('g02');
  });

  it('a chunk whose writer died is written again whole and counted once; a finisher that died is finished by the next reader', async () => {
    const { ports, as } = await demoPorts();
    const admin = await as('admin');
    const { job } = await createImport(ports, admin, { kind: 'enterprises', fileName: 'a.xlsx', sheets: async () => sheetOf(120) });
    await startImport(ports, admin, job.id, { skipErrors: false });
    const [first, second] = ports.importQueue.take();
    ports.imports.failWritesOnce(40);
    await expect(writeChunk(ports, first!)).rejects.toThrow('records write failed');
    expect((await importDetail(ports, admin, job.id, 0)).job.progress.done).toBe(0);
    await writeChunk(ports, first!);
    // the second chunk's records and count land, its finisher dies before the audit entry
    const record = ports.audit.record.bind(ports.audit);
    ports.audit.record = async () => {
      throw new Error('died (test)');
    };
    await expect(writeChunk(ports, second!)).rejects.toThrow('died');
    ports.audit.record = record;
    expect((await listImports(ports, admin)).items[0]?.status).toBe('running');
    const read = await importDetail(ports, admin, job.id, 0);
    expect(read.job).toMatchObject({ status: 'done', progress: { done: 120, total: 120 } });
    // 40 before the crash, then the first chunk's 100 and the second's 20, once each
    expect(ports.imports.written).toHaveLength(160);
    expect(new Set(ports.imports.written.slice(40).map((w) => w.id)).size).toBe(120);
    expect((await ports.audit.list(admin.tenantId, { month: ports.clock.iso().slice(0, 7) })).items).toHaveLength(1);
  });

  it('a start on a running job sends again only what is not counted; errors need skipErrors; others than admins are refused', async () => {
    const { ports, as } = await demoPorts();
    const admin = await as('admin');
    const { job } = await createImport(ports, admin, { kind: 'enterprises', fileName: 'a.xlsx', sheets: async () => sheetOf(150) });
    await startImport(ports, admin, job.id, { skipErrors: false });
    const [first] = ports.importQueue.take();
    await writeChunk(ports, first!);
    await startImport(ports, admin, job.id, { skipErrors: false });
    expect(ports.importQueue.take().map((m) => m.chunk)).toEqual([1]);
    const bad = await createImport(ports, admin, {
      kind: 'enterprises',
      fileName: 'b.xlsx',
      sheets: async () => [{ name: '企业', data: [headers, [code(900), '一家企业', '食品加工', '骨干企业', '无此网格', '否', null]] }],
    });
    await expect(startImport(ports, admin, bad.job.id, { skipErrors: false })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(startImport(ports, admin, bad.job.id, { skipErrors: true })).resolves.toMatchObject({ job: { status: 'done' } });
    await expect(listImports(ports, await as('supervisor'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(importDetail(ports, await as('owner-01'), job.id, 0)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("the demo district's import: three officers created, two rows unchanged, once", async () => {
    const { ports, data } = await demoPorts();
    let marked: string | undefined;
    const marker = { present: async () => marked !== undefined, set: async (id: string) => void (marked = id) };
    expect(await seedDemoImports(ports, marker, data)).toBe('seeded');
    await runQueue(ports);
    expect(await seedDemoImports(ports, marker, data)).toBe('present');
    const [job] = (await listImports(ports, { userId: 'admin', tenantId: data.tenant.id, name: '管理员', roles: ['admin'] })).items;
    expect(job).toMatchObject({ status: 'done', summary: '导入用户 5 行：新增 3，更新 0，未变 2' });
    expect((await ports.refs.user(data.tenant.id, 'officer2-nsz'))?.unitId).toBe('nsz');
  });
});
