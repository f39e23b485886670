import { ImportJob, type ImportRow, type ImportWrite } from '@whistle/shared';
import type { ImportChunk, StoredImport } from '../ports.js';
import { keys } from './keys.js';
import type { Item } from './dynamo.js';

/**
 * Import items (shared by the store and its in-memory twin). A job's item
 * carries the job, the chunks it writes (`writeChunks`) and, as a number set,
 * the chunks written and counted (`chunksDone`): the chunk markers, in the one
 * item a chunk's count updates conditionally. A chunk's rows are one JSON
 * string: up to IMPORT_CHUNK_ROWS rows with their records before and after
 * (tens of KB), read and written whole.
 */
export const importJobItem = (job: ImportJob, writeChunks: readonly number[] = []): Item => ({
  ...keys.importJob(job.tenantId, job.id),
  entity: 'IMPORT',
  ...job,
  writeChunks: [...writeChunks],
});

export function storedImportOf(item: Item): StoredImport {
  const { pk: _pk, sk: _sk, entity: _e, writeChunks, chunksDone, ...job } = item;
  const done = chunksDone instanceof Set ? [...(chunksDone as Set<number>)] : Array.isArray(chunksDone) ? (chunksDone as number[]) : [];
  return {
    job: ImportJob.parse(job),
    writeChunks: Array.isArray(writeChunks) ? (writeChunks as unknown[]).map(Number) : [],
    chunksDone: done.map(Number).sort((a, b) => a - b),
  };
}

export const importChunkItem = (tenantId: string, jobId: string, chunk: ImportChunk): Item => ({
  ...keys.importChunk(tenantId, jobId, chunk.index),
  entity: 'IMPORT_CHUNK',
  index: chunk.index,
  rows: JSON.stringify(chunk.rows),
});

export const importChunkOf = (item: Item): ImportChunk => ({ index: Number(item.index), rows: JSON.parse(String(item.rows)) as ImportRow[] });

/** A directory record as the reference store keeps it (store/reference-store.ts `put`). */
export const importRecordItem = (tenantId: string, w: ImportWrite): Item => ({ ...keys.ref(tenantId, w.type, w.id), entity: w.type, ...w.after });

/** The rows of a chunk a start writes: those with records (create, update); rows with errors carry none. */
export const writesOf = (chunk: ImportChunk): ImportWrite[] => chunk.rows.flatMap((r) => (r.outcome === 'create' || r.outcome === 'update' ? r.writes : []));
export const writtenRowsOf = (chunk: ImportChunk): number => chunk.rows.filter((r) => r.outcome === 'create' || r.outcome === 'update').length;

/** The chunks a start writes: those with a row to create or update. */
export const writeChunksOf = (chunks: readonly ImportChunk[]): number[] => chunks.filter((c) => writesOf(c).length > 0).map((c) => c.index);
