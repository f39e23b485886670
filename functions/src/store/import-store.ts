import { Area, Enterprise, Grid, Group, Unit, User, type ImportDirectory, type ImportJob, type ImportWrite } from '@whistle/shared';
import type * as z from 'zod/mini';
import { stripKeys, type Store } from './dynamo.js';
import type { ImportChunk, ImportJobs, ImportStart, StoredImport } from '../ports.js';
import { keys, type RefType } from './keys.js';
import { importChunkItem, importChunkOf, importJobItem, importRecordItem, storedImportOf, writeChunksOf } from './import-items.js';

/** Import jobs (docs/data-model.md "Excel imports"). */
export class ImportStore implements ImportJobs {
  constructor(private readonly store: Store) {}

  private async refs<T>(tenantId: string, type: RefType, schema: z.ZodMiniType<T>): Promise<T[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.refPartition(tenantId, type) },
      ConsistentRead: true,
    }, 1000);
    return items.map((i) => schema.parse(stripKeys(i)));
  }

  async directory(tenantId: string): Promise<ImportDirectory> {
    const [units, groups, areas, grids, enterprises, users] = await Promise.all([
      this.refs(tenantId, 'UNIT', Unit),
      this.refs(tenantId, 'GROUP', Group),
      this.refs(tenantId, 'AREA', Area),
      this.refs(tenantId, 'GRID', Grid),
      this.refs(tenantId, 'ENT', Enterprise),
      this.refs(tenantId, 'USER', User),
    ]);
    return { tenantId, units, groups, areas, grids, enterprises, users };
  }

  async claimKey(tenantId: string, userId: string, key: string, claim: { jobId: string; hash: string }): Promise<{ jobId: string; hash: string }> {
    const k = keys.importKey(tenantId, userId, key);
    if (await this.store.put({ ...k, entity: 'IMPORT_KEY', ...claim }, { expression: 'attribute_not_exists(pk)' })) return claim;
    const held = await this.store.get(k, true);
    return { jobId: String(held?.jobId ?? claim.jobId), hash: String(held?.hash ?? '') };
  }

  async create(job: ImportJob, chunks: ImportChunk[]): Promise<void> {
    await this.store.batchWrite(chunks.map((c) => importChunkItem(job.tenantId, job.id, c)));
    await this.store.put(importJobItem(job, writeChunksOf(chunks)), { expression: 'attribute_not_exists(pk)' });
  }

  async get(tenantId: string, jobId: string): Promise<StoredImport | undefined> {
    const item = await this.store.get(keys.importJob(tenantId, jobId), true);
    return item ? storedImportOf(item) : undefined;
  }

  async list(tenantId: string, limit = 50): Promise<ImportJob[]> {
    const page = await this.store.queryPage({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :job)',
      ExpressionAttributeValues: { ':pk': keys.importJobsPk(tenantId), ':job': keys.importJobPrefix },
      ScanIndexForward: false,
      Limit: limit,
    });
    return page.items.map((i) => storedImportOf(i).job);
  }

  async chunk(tenantId: string, jobId: string, index: number): Promise<ImportChunk | undefined> {
    const item = await this.store.get(keys.importChunk(tenantId, jobId, index));
    return item ? importChunkOf(item) : undefined;
  }

  async start(tenantId: string, jobId: string, s: ImportStart): Promise<boolean> {
    const nothing = s.nothing;
    const out = await this.store.update(
      keys.importJob(tenantId, jobId),
      `SET #status = :next, startedAt = :at, startedBy = :by, skipErrors = :skip, progress = :progress${nothing ? ', finishedAt = :at' : ''}`,
      {
        condition: '#status = :validated',
        names: { '#status': 'status' },
        values: {
          ':next': nothing ? 'done' : 'running',
          ':validated': 'validated',
          ':at': s.at,
          ':by': s.by,
          ':skip': s.skipErrors,
          ':progress': { done: 0, total: s.total },
        },
        returns: 'NONE',
      },
    );
    return out !== undefined;
  }

  async writeRecords(tenantId: string, writes: readonly ImportWrite[]): Promise<void> {
    await this.store.batchWrite(writes.map((w) => importRecordItem(tenantId, w)));
  }

  async markChunk(tenantId: string, jobId: string, index: number, rows: number): Promise<{ counted: boolean; stored?: StoredImport }> {
    const out = await this.store.update(keys.importJob(tenantId, jobId), 'ADD chunksDone :c SET progress.#done = progress.#done + :n', {
      condition: '#status = :running AND NOT contains(chunksDone, :i)',
      names: { '#status': 'status', '#done': 'done' },
      values: { ':c': new Set([index]), ':n': rows, ':running': 'running', ':i': index },
    });
    if (!out) {
      const stored = await this.get(tenantId, jobId);
      return { counted: false, ...(stored ? { stored } : {}) };
    }
    return { counted: true, stored: storedImportOf(out) };
  }

  async finish(tenantId: string, jobId: string, at: string, summary: string): Promise<boolean> {
    const out = await this.store.update(keys.importJob(tenantId, jobId), 'SET #status = :done, finishedAt = :at, summary = :summary', {
      condition: '#status = :running AND size(chunksDone) = size(writeChunks)',
      names: { '#status': 'status' },
      values: { ':done': 'done', ':running': 'running', ':at': at, ':summary': summary },
      returns: 'NONE',
    });
    return out !== undefined;
  }
}
