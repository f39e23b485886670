import { Area, Enterprise, Grid, Group, Unit, User, type ImportDirectory, type ImportJob, type ImportWrite } from '@whistle/shared';
import type * as z from 'zod/mini';
import type { ImportChunk, ImportChunkJob, ImportJobs, ImportQueue, ImportStart, StoredImport } from '../../../functions/src/ports.js';
import { importChunkItem, importChunkOf, importJobItem, importRecordItem, storedImportOf, writeChunksOf } from '../../../functions/src/store/import-items.js';
import { keys, type RefType } from '../../../functions/src/store/keys.js';
import { roundTrip, stripKeys, type Item, type MemoryTable } from './table.js';

/**
 * Import jobs in memory (functions/src/store/import-store.ts), over the same
 * item builders; each conditional write is one step, as DynamoDB's.
 * `failWritesOnce(n)`: the next records write stores only its first n records
 * and then fails, as a writer that dies in the middle of a chunk.
 */
export class MemoryImports implements ImportJobs {
  /** every record write, in order (a test counts what was written, and how often) */
  readonly written: ImportWrite[] = [];
  private failAfter: number | undefined;

  constructor(private readonly table: MemoryTable) {}

  failWritesOnce(after: number): void {
    this.failAfter = after;
  }

  private refs<T>(tenantId: string, type: RefType, schema: z.ZodMiniType<T>): T[] {
    return this.table.queryAll({ pk: keys.refPartition(tenantId, type) }).map((i) => schema.parse(stripKeys(i)));
  }

  async directory(tenantId: string): Promise<ImportDirectory> {
    await roundTrip();
    return {
      tenantId,
      units: this.refs(tenantId, 'UNIT', Unit),
      groups: this.refs(tenantId, 'GROUP', Group),
      areas: this.refs(tenantId, 'AREA', Area),
      grids: this.refs(tenantId, 'GRID', Grid),
      enterprises: this.refs(tenantId, 'ENT', Enterprise),
      users: this.refs(tenantId, 'USER', User),
    };
  }

  async claimKey(tenantId: string, userId: string, key: string, claim: { jobId: string; hash: string }): Promise<{ jobId: string; hash: string }> {
    await roundTrip();
    const k = keys.importKey(tenantId, userId, key);
    if (this.table.put({ ...k, entity: 'IMPORT_KEY', ...claim }, (current) => current === undefined)) return claim;
    const held = this.table.get(k);
    return { jobId: String(held?.jobId ?? claim.jobId), hash: String(held?.hash ?? '') };
  }

  async create(job: ImportJob, chunks: ImportChunk[]): Promise<void> {
    await roundTrip();
    for (const c of chunks) this.table.put(importChunkItem(job.tenantId, job.id, c) as Item & { pk: string; sk: string });
    this.table.put(importJobItem(job, writeChunksOf(chunks)) as Item & { pk: string; sk: string }, (current) => current === undefined);
  }

  async get(tenantId: string, jobId: string): Promise<StoredImport | undefined> {
    await roundTrip();
    const item = this.table.get(keys.importJob(tenantId, jobId));
    return item ? storedImportOf(item) : undefined;
  }

  async list(tenantId: string, limit = 50): Promise<ImportJob[]> {
    await roundTrip();
    return this.table
      .query({ pk: keys.importJobsPk(tenantId), range: (sk) => sk.startsWith(keys.importJobPrefix), forward: false, limit })
      .items.map((i) => storedImportOf(i).job);
  }

  async chunk(tenantId: string, jobId: string, index: number): Promise<ImportChunk | undefined> {
    await roundTrip();
    const item = this.table.get(keys.importChunk(tenantId, jobId, index));
    return item ? importChunkOf(item) : undefined;
  }

  async start(tenantId: string, jobId: string, s: ImportStart): Promise<boolean> {
    await roundTrip();
    const out = this.table.update(keys.importJob(tenantId, jobId), (current) =>
      current?.status === 'validated'
        ? {
            ...current,
            status: s.nothing ? 'done' : 'running',
            startedAt: s.at,
            startedBy: s.by,
            skipErrors: s.skipErrors,
            progress: { done: 0, total: s.total },
            ...(s.nothing ? { finishedAt: s.at } : {}),
          }
        : undefined,
    );
    return out !== undefined;
  }

  async writeRecords(tenantId: string, writes: readonly ImportWrite[]): Promise<void> {
    await roundTrip();
    const fail = this.failAfter;
    this.failAfter = undefined;
    for (const [i, w] of writes.entries()) {
      if (fail !== undefined && i >= fail) throw new Error('records write failed (test)');
      this.table.put(importRecordItem(tenantId, w) as Item & { pk: string; sk: string });
      this.written.push(structuredClone(w));
    }
  }

  async markChunk(tenantId: string, jobId: string, index: number, rows: number): Promise<{ counted: boolean; stored?: StoredImport }> {
    await roundTrip();
    const out = this.table.update(keys.importJob(tenantId, jobId), (current) => {
      const done = (current?.chunksDone as number[] | undefined) ?? [];
      if (current?.status !== 'running' || done.includes(index)) return undefined;
      const progress = current.progress as { done: number; total: number };
      return { ...current, chunksDone: [...done, index], progress: { ...progress, done: progress.done + rows } };
    });
    if (!out) {
      const stored = await this.get(tenantId, jobId);
      return { counted: false, ...(stored ? { stored } : {}) };
    }
    return { counted: true, stored: storedImportOf(out) };
  }

  async finish(tenantId: string, jobId: string, at: string, summary: string): Promise<boolean> {
    await roundTrip();
    const out = this.table.update(keys.importJob(tenantId, jobId), (current) => {
      const done = (current?.chunksDone as number[] | undefined) ?? [];
      const todo = (current?.writeChunks as number[] | undefined) ?? [];
      return current?.status === 'running' && done.length === todo.length ? { ...current, status: 'done', finishedAt: at, summary } : undefined;
    });
    return out !== undefined;
  }
}

/** The importer queue in memory: every chunk message sent, in order (a test runs them, twice if it likes). */
export class MemoryImportQueue implements ImportQueue {
  readonly sent: ImportChunkJob[] = [];

  async sendChunks(jobs: readonly ImportChunkJob[]): Promise<void> {
    await roundTrip();
    this.sent.push(...structuredClone([...jobs]));
  }

  /** takes the messages sent so far (a consumer's receive) */
  take(): ImportChunkJob[] {
    return this.sent.splice(0, this.sent.length);
  }
}
