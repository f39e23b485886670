/**
 * Importing 10,000 enterprises from an .xlsx, end to end, against a raw
 * BatchWriteItem of the same 10,000 items in the same run (dynalite on
 * LevelDB, fauxqs): the upload through the imports function (base64 JSON,
 * read, checked against the directory, the job and its report stored), the
 * start, and the importer draining its queue (four consumers, as Lambda's
 * event source mapping runs several). Prints both times and their ratio
 * (target ≤ 2).
 *
 *   npm run bench -- import
 */
import '../../functions/src/wiring/queue.js';
import '../../functions/src/wiring/tokens.js';
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { completeCreditCode, IMPORT_COLUMNS, LABELS, INDUSTRIES, TIERS, type ImportJob, type SheetSpec } from '@whistle/shared';
import { resetConfig } from '../../functions/src/config.js';
import { writeWorkbook } from '../../functions/src/export/workbook.js';
import { handler as importsHandler } from '../../functions/src/handlers/imports.js';
import { handler as importerHandler } from '../../functions/src/handlers/importer.js';
import { demoTenant } from '../../functions/src/local/demo-data.js';
import { ensureQueues, localSqsClient } from '../../functions/src/local/services.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { toSqsRecord } from '../../functions/src/local/sqs-poller.js';
import { keys } from '../../functions/src/store/keys.js';
import { resetWiring, wire } from '../../functions/src/wiring.js';
import { startDiskBench, writeAll } from './disk-stack.js';

const ROWS = 10_000;
const CONSUMERS = 4;

const bench = await startDiskBench('import');
try {
  const queues = await ensureQueues(bench.services.sqsEndpoint, 'bench-');
  process.env.IMPORTER_QUEUE_URL = queues.importer;
  resetConfig();
  resetWiring();
  const deps = wire();
  const data = demoTenant('fengjie', '奉节县');
  await seedTenant(deps.store, deps.refs, data);
  await seedTenant(deps.store, deps.refs, demoTenant('raw', '对照区'));
  const grids = data.grids.map((g) => g.name);
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    id: completeCreditCode(`91500236MA${String(1000000 + i).padStart(7, '0')}`),
    name: `奉节县第${i + 1}号企业有限公司`,
    industry: LABELS.industry[INDUSTRIES[i % INDUSTRIES.length] ?? 'food'],
    tier: LABELS.tier[TIERS[i % TIERS.length] ?? 'growth'],
    grid: grids[i % grids.length] ?? '',
    key: i % 50 === 0 ? '是' : '否',
    address: `永安镇第 ${i + 1} 号`,
  }));
  const spec: SheetSpec = { name: '企业', title: '奉节县企业名录', columns: IMPORT_COLUMNS.enterprises.map((c) => ({ key: c.key, header: c.header, width: c.width, format: 'text' })), rows };
  const file = await writeWorkbook([spec], { generatedAt: new Date().toISOString() });
  console.log(`file: ${ROWS} enterprises, ${(file.length / 1024).toFixed(0)} KB`);

  // the same records the import writes, straight into another tenant
  const raw = rows.map((r, i) => ({
    ...keys.ref('raw', 'ENT', r.id),
    entity: 'ENT',
    id: r.id,
    tenantId: 'raw',
    name: r.name,
    industry: INDUSTRIES[i % INDUSTRIES.length],
    tier: TIERS[i % TIERS.length],
    gridId: data.grids[i % data.grids.length]?.id,
    key: i % 50 === 0,
    ownerUserIds: [],
    address: r.address,
  }));
  let t0 = performance.now();
  await writeAll(deps, raw, 16);
  const rawMs = performance.now() - t0;

  const { token } = await (await deps.signer()).sign({ sub: 'admin', ten: 'fengjie', roles: ['admin'] }, Date.now(), 3600);
  const call = async (method: string, path: string, body?: unknown): Promise<APIGatewayProxyStructuredResultV2> =>
    importsHandler({
      version: '2.0',
      rawPath: path,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `bench-${Date.now()}-${Math.random().toString(36).slice(2, 10)}` },
      requestContext: { http: { method, path }, requestId: `bench-${Math.random()}` },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2);
  const sqs = localSqsClient(bench.services.sqsEndpoint);
  const consume = async () => {
    for (;;) {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.importer, MaxNumberOfMessages: 2, WaitTimeSeconds: 0, VisibilityTimeout: 60 }));
      const messages = out.Messages ?? [];
      if (messages.length === 0) return;
      const res = await importerHandler({ Records: messages.map((m) => toSqsRecord(m, 'arn:aws:sqs:us-east-1:000000000000:importer')) });
      const failed = new Set(res.batchItemFailures.map((f) => f.itemIdentifier));
      const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
      if (done.length > 0) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queues.importer, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })) }));
    }
  };

  t0 = performance.now();
  const uploaded = await call('POST', '/api/admin/imports', { kind: 'enterprises', fileName: '奉节县企业名录.xlsx', file: file.toString('base64') });
  if (uploaded.statusCode !== 201) throw new Error(`upload: ${uploaded.statusCode} ${uploaded.body?.slice(0, 300)}`);
  const validatedMs = performance.now() - t0;
  const id = (JSON.parse(uploaded.body ?? '{}') as { job: ImportJob }).job.id;
  const started = await call('POST', `/api/admin/imports/${id}/start`, {});
  if (started.statusCode !== 200) throw new Error(`start: ${started.statusCode} ${started.body?.slice(0, 300)}`);
  await Promise.all(Array.from({ length: CONSUMERS }, consume));
  const importMs = performance.now() - t0;
  const detail = JSON.parse((await call('GET', `/api/admin/imports/${id}`)).body ?? '{}') as { job: ImportJob };
  if (detail.job.status !== 'done' || detail.job.progress.done !== ROWS) throw new Error(`job not done: ${JSON.stringify(detail.job)}`);
  const written = (await deps.imports.directory('fengjie')).enterprises.length;
  if (written < ROWS) throw new Error(`only ${written} enterprises written`);

  console.log(`raw BatchWriteItem, ${ROWS} items (concurrency 16): ${(rawMs / 1000).toFixed(2)} s`);
  console.log(`import end to end: ${(importMs / 1000).toFixed(2)} s (upload read + checked + report stored: ${(validatedMs / 1000).toFixed(2)} s; start + ${CONSUMERS} consumers: ${((importMs - validatedMs) / 1000).toFixed(2)} s)`);
  console.log(`ratio import / raw: ${(importMs / rawMs).toFixed(2)} (target ≤ 2)`);
  console.log(`job: ${detail.job.summary}`);
} finally {
  await bench.stop();
}
