import { randomBytes } from 'node:crypto';
import {
  ConflictError,
  countOutcomes,
  ForbiddenError,
  IMPORT_CHUNK_ROWS,
  importSummary,
  locateTable,
  NotFoundError,
  parseRows,
  directoryRows,
  templateFallbackFileName,
  templateFileName,
  templateSheets,
  IdempotencyMismatchError,
  ValidationError,
  type AuditEntry,
  type ImportJob,
  type ImportKind,
  type ImportSheet,
  type Principal,
  type SheetSpec,
  type StartImportBody,
} from '@whistle/shared';
import type { ImportChunk, ImportChunkJob, Ports, StoredImport } from '../ports.js';

/**
 * Onboarding from Excel (导入). An upload is read by the handler, checked
 * here row by row against the tenant's directory (shared/src/imports) and
 * kept as a job with its per-row report; nothing reaches the directory until
 * an admin starts the job. Then each chunk of rows is written in the
 * background (the importer queue), counted into the job once (its marker in
 * the job's `chunksDone`, a conditional write), and the last chunk counted
 * records one audit entry and marks the job done. A console that closes and
 * reopens reads the job's progress; a start on a running job sends again what
 * is not written yet.
 */
type ImportPorts = Pick<Ports, 'imports' | 'importQueue' | 'audit' | 'clock' | 'refs'>;

const mayImport = (p: Principal) => p.roles.includes('admin');
function admin(p: Principal): void {
  if (!mayImport(p)) throw new ForbiddenError('只有管理员可以导入数据');
}

export interface ReportPage {
  job: ImportJob;
  report: { page: number; pages: number; pageSize: typeof IMPORT_CHUNK_ROWS; rows: ImportChunk['rows'] };
}

/** The template's sheets (the handler writes the .xlsx). */
export async function importTemplate(
  ports: ImportPorts,
  p: Principal,
  kind: ImportKind,
  opts: { filled?: boolean } = {},
): Promise<{ sheets: SheetSpec[]; filename: string; fallbackFilename: string; generatedAt: string }> {
  admin(p);
  const tenant = await ports.refs.tenant(p.tenantId);
  const name = tenant?.name ?? p.tenantId;
  // Excel out: the directory as it is (read as an upload is checked), in the template's columns
  const rows = opts.filled ? directoryRows(kind, await ports.imports.directory(p.tenantId)) : undefined;
  const filled = rows !== undefined;
  return {
    sheets: templateSheets(kind, name, rows),
    filename: templateFileName(kind, name, filled),
    fallbackFilename: templateFallbackFileName(kind, filled),
    generatedAt: ports.clock.now().toISOString(),
  };
}

/** A job id: its creation time first (the jobs list newest first by it), then randomness. */
const jobId = (at: string) => `${at.replace(/[-:.]/g, '').slice(0, 18)}-${randomBytes(4).toString('hex')}`;

/**
 * An upload: its sheets (read by the handler) as this kind's table, checked
 * against the directory, kept as a validated job with its report. A file that
 * is not this kind's table is a 400 naming `file`; rows with problems are in
 * the report, not errors of the request. Writes nothing to the directory.
 */
export async function createImport(
  ports: ImportPorts,
  p: Principal,
  input: { kind: ImportKind; fileName: string; sheets: () => Promise<ImportSheet[]>; request?: { key: string; hash: string } },
): Promise<ReportPage & { replayed: boolean }> {
  admin(p);
  const at = ports.clock.now().toISOString();
  let id = jobId(at);
  if (input.request) {
    // a retried upload (its Idempotency-Key) answers the job the first one made, and makes no second
    const held = await ports.imports.claimKey(p.tenantId, p.userId, input.request.key, { jobId: id, hash: input.request.hash });
    if (held.hash !== input.request.hash) throw new IdempotencyMismatchError();
    const made = held.jobId === id ? undefined : await ports.imports.get(p.tenantId, held.jobId);
    if (made) {
      const first = await ports.imports.chunk(p.tenantId, made.job.id, 0);
      return { job: made.job, report: { page: 0, pages: made.job.pages, pageSize: IMPORT_CHUNK_ROWS, rows: first?.rows ?? [] }, replayed: true };
    }
    // held but not there yet: its first request died before writing the job (or is writing it): the same job, made here
    id = held.jobId;
  }
  // a file that is not this kind's table throws a ValidationError naming `file`
  const table = locateTable(input.kind, await input.sheets());
  const rows = parseRows(input.kind, table, await ports.imports.directory(p.tenantId), p.userId);
  const counts = countOutcomes(rows);
  const chunks: ImportChunk[] = [];
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK_ROWS) chunks.push({ index: chunks.length, rows: rows.slice(i, i + IMPORT_CHUNK_ROWS) });
  const job: ImportJob = {
    id,
    tenantId: p.tenantId,
    kind: input.kind,
    fileName: input.fileName,
    status: 'validated',
    createdAt: at,
    createdBy: { userId: p.userId, name: p.name },
    rows: rows.length,
    counts,
    progress: { done: 0, total: counts.create + counts.update },
    pages: chunks.length,
    summary: importSummary(input.kind, counts),
  };
  await ports.imports.create(job, chunks);
  return { job, report: { page: 0, pages: chunks.length, pageSize: IMPORT_CHUNK_ROWS, rows: chunks[0]?.rows ?? [] }, replayed: false };
}

export async function listImports(ports: ImportPorts, p: Principal): Promise<{ items: ImportJob[] }> {
  admin(p);
  return { items: await ports.imports.list(p.tenantId) };
}

async function load(ports: ImportPorts, p: Principal, id: string): Promise<StoredImport> {
  admin(p);
  const stored = await ports.imports.get(p.tenantId, id);
  if (!stored) throw new NotFoundError('导入任务');
  return stored;
}

/** A job and a page of its report; a job whose chunks are all written but not marked done (its finisher died) is finished here. */
export async function importDetail(ports: ImportPorts, p: Principal, id: string, page: number): Promise<ReportPage> {
  let stored = await load(ports, p, id);
  if (complete(stored)) stored = (await finish(ports, stored)) ?? stored;
  const { job } = stored;
  if (page >= Math.max(job.pages, 1)) throw new ValidationError([{ field: 'page', message: `页码超出范围（共 ${job.pages} 页）` }]);
  const chunk = await ports.imports.chunk(p.tenantId, id, page);
  return { job, report: { page, pages: job.pages, pageSize: IMPORT_CHUNK_ROWS, rows: chunk?.rows ?? [] } };
}

/**
 * Starts writing a validated job: only with no rows in error, or with
 * `skipErrors` (those rows are then left out); a job with nothing to create or
 * update is done at once, with no audit entry (nothing changed). On a running
 * job: sends again the chunks not counted yet (a lost message, a chunk
 * dead-lettered after its fix). A done job: 409.
 */
export async function startImport(ports: ImportPorts, p: Principal, id: string, body: StartImportBody): Promise<{ job: ImportJob }> {
  const stored = await load(ports, p, id);
  const { job } = stored;
  if (job.status === 'done') throw new ConflictError('该导入任务已完成');
  if (job.status === 'validated') {
    if (job.counts.error > 0 && !body.skipErrors) {
      throw new ConflictError(`有 ${job.counts.error} 行错误：请修正后重新上传，或选择跳过错误行再开始导入`, { errors: job.counts.error });
    }
    const at = ports.clock.now().toISOString();
    const started = await ports.imports.start(p.tenantId, id, {
      at,
      by: { userId: p.userId, name: p.name },
      skipErrors: body.skipErrors,
      total: job.counts.create + job.counts.update,
      nothing: stored.writeChunks.length === 0,
    });
    if (!started) {
      // a concurrent start won: answer the job as it is now (its messages are sent by the winner)
      const now = await ports.imports.get(p.tenantId, id);
      return { job: now?.job ?? job };
    }
  }
  const todo = stored.writeChunks.filter((c) => !stored.chunksDone.includes(c));
  await ports.importQueue.sendChunks(todo.map((chunk): ImportChunkJob => ({ tenantId: p.tenantId, jobId: id, chunk })));
  const now = await ports.imports.get(p.tenantId, id);
  return { job: now?.job ?? job };
}

const complete = (s: StoredImport) => s.job.status === 'running' && s.writeChunks.every((c) => s.chunksDone.includes(c));

/**
 * The end of a job, once: its audit entry (idempotent: keyed by the job and
 * its start), then the job marked done. Whoever finds every chunk counted runs
 * it: the importer that counted the last one, or a reader after a crash.
 */
async function finish(ports: ImportPorts, stored: StoredImport): Promise<StoredImport | undefined> {
  const { job } = stored;
  const summary = importSummary(job.kind, job.counts, { skippedErrors: job.skipErrors === true });
  const entry: AuditEntry = {
    id: `import-${job.id}`,
    tenantId: job.tenantId,
    at: job.startedAt ?? job.createdAt,
    actor: job.startedBy ?? job.createdBy,
    action: 'import',
    target: 'IMPORT',
    targetId: job.id,
    after: { kind: job.kind, fileName: job.fileName, rows: job.rows, counts: job.counts },
    summary,
  };
  await ports.audit.record(entry);
  await ports.imports.finish(job.tenantId, job.id, ports.clock.now().toISOString(), summary);
  return ports.imports.get(job.tenantId, job.id);
}

/**
 * Writes one chunk of a running job (the importer): its records (upserts),
 * then its marker and count, once. A redelivered chunk whose marker is there
 * writes nothing; one whose writer died between the two writes again the same
 * records (the same items) and is counted then.
 */
export async function writeChunk(ports: ImportPorts, msg: ImportChunkJob): Promise<void> {
  const stored = await ports.imports.get(msg.tenantId, msg.jobId);
  if (!stored || stored.job.status !== 'running') return;
  if (!stored.chunksDone.includes(msg.chunk)) {
    const chunk = await ports.imports.chunk(msg.tenantId, msg.jobId, msg.chunk);
    if (!chunk) throw new Error(`import ${msg.jobId}: no chunk ${msg.chunk}`);
    const rows = chunk.rows.filter((r) => r.outcome === 'create' || r.outcome === 'update');
    await ports.imports.writeRecords(msg.tenantId, rows.flatMap((r) => r.writes));
    const marked = await ports.imports.markChunk(msg.tenantId, msg.jobId, msg.chunk, rows.length);
    if (marked.stored && complete(marked.stored)) await finish(ports, marked.stored);
    return;
  }
  if (complete(stored)) await finish(ports, stored);
}
