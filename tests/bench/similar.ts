/**
 * Common issues (issue 14): the quality of the proposed clusters, and the
 * cost of finding similar requests at intake. Pure CPU, no local services.
 *
 * 1. Quality on the labelled set (tests/fixtures/similar/requests.ts, 308
 *    requests in 36 clusters and 93 individual matters): pairwise precision
 *    and recall of the proposals (tests/fixtures/similar/quality.ts), the
 *    share of proposals a supervisor would dismiss; the same for the held-out
 *    set written after the thresholds were frozen (holdout.ts), alone and
 *    clustered within the labelled set; and what the intake would show: of
 *    `similar()`'s matches for a request, the share from its own cluster.
 * 2. Speed: an index of 10,000 open requests synthesised from the labelled
 *    set's sentences (each a title and one to three sentences of one problem's
 *    tellings, sometimes an off-topic sentence, from 2,000 enterprises), then
 *    1,000 new requests at intake, each `similar()`'d and then added (so the
 *    index changes between queries, as in a live tenant). Prints p50 and p99
 *    per request, as a ratio to a floor measured on the same requests in the
 *    same run: reading the request alone (segmentation and thesaurus, work
 *    any matching must do), and, for scale, a raw scan scoring all 10,000.
 * 3. Store reads the design adds to an intake (the warm index, refreshed by
 *    one Query of recently changed tickets): counted on a model of the store
 *    (on the real adapters, with the intake over HTTP: tests/bench/intake-similar.ts).
 *
 *   npm run bench -- similar
 */
import {
  proposeClusters,
  refreshIndex,
  SimilarityIndex,
  termCounts,
  type IndexedTicket,
  type SimilarRequest,
} from '@whistle/shared';
import { holdoutRequests } from '../fixtures/similar/holdout.js';
import { evaluate, quality } from '../fixtures/similar/quality.js';
import { labelledRequests } from '../fixtures/similar/requests.js';
import { syntheticRequests } from '../fixtures/similar/synthetic.js';

const OPEN = 10_000;
const INTAKES = 1_000;
const WARMUP = 200;
const ENTERPRISES = 2_000;
/** DynamoDB returns at most 1 MB per Query page */
const PAGE_BYTES = 1024 * 1024;

/** heap in use after a full collection when --expose-gc allows one, else as it stands */
const heapUsed = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const ms = (x: number) => `${x.toFixed(3)} ms`;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0;
};

// ── 1. quality ─────────────────────────────────────────────────────────────
const labelled = labelledRequests();
const { quality: q, index: labelledIndex } = evaluate(labelled);
console.log(`labelled set: ${labelled.length} requests, ${q.clusters} clusters, ${labelled.filter((r) => !r.cluster).length} individual matters`);
console.log(`  precision ${pct(q.precision)}, recall ${pct(q.recall)} (pairwise; target ≥ 80 % each)`);
console.log(`  proposals ${q.proposals}: a supervisor would dismiss ${q.dismissed} (${pct(q.dismissShare)}); clusters found ${q.found}/${q.clusters}, split ${q.split}; individual matters swept into a proposal: ${q.strays}`);

const holdout = holdoutRequests();
const alone = evaluate(holdout).quality;
const both = [...labelled, ...holdout];
const within = quality(both, proposeClusters(new SimilarityIndex(both)), new Set(holdout.map((r) => r.id)));
console.log(`held-out set (written after the thresholds were frozen): ${holdout.length} requests, ${alone.clusters} clusters (3 on problems the thesaurus has no concept for)`);
console.log(`  alone: precision ${pct(alone.precision)}, recall ${pct(alone.recall)}, proposals ${alone.proposals}, dismissed ${alone.dismissed}`);
console.log(`  within the labelled set: precision ${pct(within.precision)}, recall ${pct(within.recall)}, proposals holding held-out requests ${within.proposals}, dismissed ${within.dismissed}`);

let shown = 0;
let right = 0;
let answered = 0;
let quiet = 0;
const singles = labelled.filter((r) => !r.cluster).length;
const clusterOf = new Map(labelled.map((r) => [r.id, r.cluster]));
for (const r of labelled) {
  const matches = labelledIndex.similar(r, { limit: 5 });
  if (!r.cluster) {
    if (matches.length === 0) quiet++;
    continue;
  }
  shown += matches.length;
  const good = matches.filter((m) => clusterOf.get(m.id) === r.cluster).length;
  right += good;
  if (good > 0) answered++;
}
console.log(`intake (similar(), top 5 at the default threshold): ${pct(right / Math.max(1, shown))} of the matches shown are the same problem; ${pct(answered / (labelled.length - singles))} of clustered requests get at least one; ${pct(quiet / singles)} of individual matters get none`);

// ── 2. speed ───────────────────────────────────────────────────────────────
const synthesise = (seed: number, count: number, prefix: string) => syntheticRequests(seed, count, prefix, ENTERPRISES);

const open = synthesise(1, OPEN, 'open-');
const heapBefore = heapUsed();
let t0 = performance.now();
const index = new SimilarityIndex(open);
const buildMs = performance.now() - t0;
const heapMb = (heapUsed() - heapBefore) / 1024 / 1024;
console.log(`index of ${OPEN.toLocaleString('en')} open requests built in ${(buildMs / 1000).toFixed(2)} s (a cold container does this once), about ${heapMb.toFixed(0)} MB of heap`);

// raw scan baseline: every request's terms and norm precomputed, each query scored against all of them
const rawDocs = open.map((r) => ({ r, counts: termCounts(r), norm: 0 }));
const refreshNorms = () => {
  for (const d of rawDocs) {
    let s = 0;
    for (const [t, w] of d.counts) s += (w * index.stats.idf(t)) ** 2;
    d.norm = Math.sqrt(s);
  }
};
refreshNorms();
function rawScan(r: SimilarRequest): number {
  const qc = termCounts(r);
  let qn = 0;
  const qw = new Map<string, number>();
  for (const [t, w] of qc) {
    const idf = index.stats.idf(t);
    qn += (w * idf) ** 2;
    qw.set(t, w * idf * idf);
  }
  let found = 0;
  for (const d of rawDocs) {
    let dot = 0;
    for (const [t, x] of qw) {
      const v = d.counts.get(t);
      if (v !== undefined) dot += x * v;
    }
    if (dot > 0 && dot / (Math.sqrt(qn) * d.norm) >= 0.25 && d.r.enterpriseId !== r.enterpriseId) found++;
  }
  return found;
}

const intakes = synthesise(2, WARMUP + INTAKES, 'new-');
const similarMs: number[] = [];
const floorMs: number[] = [];
const scanMs: number[] = [];
let candidates = 0;
let matches = 0;
for (const [i, r] of intakes.entries()) {
  t0 = performance.now();
  termCounts(r);
  const floor = performance.now() - t0;
  t0 = performance.now();
  const found = index.similar(r, { limit: 10 });
  const took = performance.now() - t0;
  // the raw scan on a sample only (it is slow), with norms as of the index's build
  let scan = NaN;
  if (i % 10 === 0) {
    t0 = performance.now();
    rawScan(r);
    scan = performance.now() - t0;
  }
  index.add(r);
  if (i < WARMUP) continue;
  similarMs.push(took);
  floorMs.push(floor);
  if (!Number.isNaN(scan)) scanMs.push(scan);
  matches += found.length;
}
// how many requests a query scores: those sharing a term with it (measured apart, not timed)
{
  const sample = intakes.slice(WARMUP, WARMUP + 100);
  for (const r of sample) candidates += index.similar(r, { limit: OPEN * 2, threshold: 1e-9, sameEnterprise: true }).length;
  candidates /= sample.length;
}
const p50 = percentile(similarMs, 0.5);
const p99 = percentile(similarMs, 0.99);
const f50 = percentile(floorMs, 0.5);
const f99 = percentile(floorMs, 0.99);
console.log(`similar() at intake, ${INTAKES} requests against ${OPEN.toLocaleString('en')}→${index.size.toLocaleString('en')} open (after ${WARMUP} warm-up): p50 ${ms(p50)}, p99 ${ms(p99)} (target ≤ 50 ms); ${(matches / INTAKES).toFixed(1)} matches per request`);
console.log(`  floor, reading the same request alone (segmentation + thesaurus): p50 ${ms(f50)}, p99 ${ms(f99)}; ratio p99 similar / p99 floor: ${(p99 / f99).toFixed(1)} (p50: ${(p50 / f50).toFixed(1)})`);
console.log(`  for scale, a raw scan scoring all ${OPEN.toLocaleString('en')} (norms precomputed, ${scanMs.length} samples): p50 ${ms(percentile(scanMs, 0.5))}, p99 ${ms(percentile(scanMs, 0.99))}; the inverted index scores ${Math.round(candidates).toLocaleString('en')} requests per query on average`);

// proposing clusters over the whole tenant: the supervisor's suggestions, off the intake path
t0 = performance.now();
const proposals = proposeClusters(index);
console.log(`proposeClusters over ${index.size.toLocaleString('en')} requests: ${((performance.now() - t0) / 1000).toFixed(1)} s, ${proposals.length} proposals (a scheduled job's work, not an intake's)`);

// ── 3. store reads ─────────────────────────────────────────────────────────
/**
 * A model of the store: the tenant's tickets by `updatedAt` (the changed-
 * tickets index). Each Query returns one page of at most 1 MB of the
 * projection the refresh reads (id, enterprise, category, title, description,
 * status, updatedAt), counted as DynamoDB counts an item's size (UTF-8).
 */
class StoreModel {
  reads = 0;
  readonly tickets: IndexedTicket[] = [];
  /** one Query (and its pages) of the tickets changed after `since` */
  changedSince(since: string): IndexedTicket[] {
    const found = this.tickets.filter((t) => t.updatedAt > since);
    const bytes = found.reduce((n, t) => n + Buffer.byteLength(JSON.stringify(t), 'utf8'), 0);
    this.reads += Math.max(1, Math.ceil(bytes / PAGE_BYTES));
    return found;
  }
}
const store = new StoreModel();
const start = Date.parse('2026-11-02T01:00:00Z');
for (const [i, r] of open.entries()) store.tickets.push({ ...r, status: 'published', updatedAt: new Date(start - (OPEN - i) * 60_000).toISOString() });
const bytes = store.tickets.reduce((n, t) => n + Buffer.byteLength(JSON.stringify(t), 'utf8'), 0);
const warm = new SimilarityIndex();
let now = new Date(start).toISOString();
let watermark = refreshIndex(warm, store.changedSince(''), now);
const coldReads = store.reads;
store.reads = 0;
const stream = synthesise(3, 500, 'stream-');
for (const [i, r] of stream.entries()) {
  now = new Date(start + (i + 1) * 30_000).toISOString();
  // other containers' and units' writes since the last intake here: a claim, a resolution…
  if (i % 3 === 0) {
    const other = store.tickets[(i * 7919) % store.tickets.length] as IndexedTicket;
    Object.assign(other, { status: i % 2 ? 'claimed' : 'resolved', updatedAt: now });
  }
  // the intake: refresh from one Query, find similar requests, commit, add its own ticket
  watermark = refreshIndex(warm, store.changedSince(watermark), now, watermark);
  warm.similar(r);
  const ticket: IndexedTicket = { ...r, status: 'published', updatedAt: now };
  store.tickets.push(ticket);
  warm.add(ticket);
}
console.log(`store reads: a cold container loads the tenant's ${OPEN.toLocaleString('en')} open and recent requests in ${coldReads} Query pages (${(bytes / 1024 / 1024).toFixed(1)} MB projected), once per container; then each intake adds ${(store.reads / stream.length).toFixed(2)} read (one Query of tickets changed since the last refresh; target ≤ 2)`);
