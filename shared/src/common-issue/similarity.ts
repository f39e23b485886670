import type { Category } from '../schemas/common.js';
import type { Ticket } from '../schemas/ticket.js';
import { OPEN_STATUSES } from '../ticket/roles.js';
import { segment } from '../text/segment.js';
import { deskLexicon } from '../text/lexicon.js';

/**
 * Finding requests that say the same thing (共性问题, issue 14), pure.
 *
 * A request is a bag of weighted terms: the words of its title and
 * description (shared/src/text/segment.ts) and the concepts of the desk's
 * thesaurus they say (shared/src/text/lexicon.ts: 吃饭, 食堂 and 外卖 all say
 * 就餐), a concept counted `CONCEPT_WEIGHT` times (it is what two tellings of
 * one problem share when their words differ), a title's terms counted twice (an
 * owner's title is their own summary), each term's count damped (1 + ln tf)
 * and weighted by its rarity in the tenant's open and recent requests
 * (idf = 1 + ln((N + 1) / (df + 1)), the document frequencies kept
 * incrementally as requests come and go). Two requests' similarity is the
 * cosine of those vectors, times `CROSS_CATEGORY` when the owners filed them
 * under different categories: the category is a feature, but a weak one
 * (owners pick it themselves, and the same problem lands in two or three).
 *
 * `SimilarityIndex` holds a tenant's open and recent requests with an inverted
 * index over terms, so a query reads only the postings of its own terms and
 * scores only the requests that share one, not all of them. Scores use the
 * idf of the moment, so they depend only on which requests are in the index,
 * never on the order they came in.
 */

/** What the similarity reads of a request (a `Ticket` is one). */
export type SimilarRequest = Pick<Ticket, 'id' | 'enterpriseId' | 'category' | 'title' | 'description'>;

/** How many times a title's terms count against the description's. */
export const TITLE_WEIGHT = 2;
/** How many times a concept of the thesaurus counts against a word: it is what paraphrases share. */
export const CONCEPT_WEIGHT = 2;
/** Concept terms are `#就餐`: no word of the segmenter starts with `#`. */
const CONCEPT = '#';
/** The similarity of two requests filed under different categories is multiplied by this. */
export const CROSS_CATEGORY = 0.9;
/** Default threshold of `similar()` at intake: above it, another enterprise's request very likely says the same thing. */
export const SIMILAR_THRESHOLD = 0.25;
/** How long a resolved or closed request still counts as recent (a new one may join its problem). */
export const RECENT_DAYS = 90;
/** A cached norm is reused until the index has changed by this share of its size (see `normOf`). */
const NORM_TOLERANCE = 0.01;
/**
 * A query term in more than this share of the index (and more than
 * `COMMON_MIN` requests) is common: its postings are not read to find
 * candidates, only looked up in each candidate (see `similar`).
 */
const COMMON_SHARE = 0.02;
const COMMON_MIN = 64;

/** Whether a ticket belongs in the index at `now`: open, or resolved or closed within `RECENT_DAYS`. */
export function isIndexable(t: Pick<Ticket, 'status' | 'updatedAt'>, now: string, recentDays = RECENT_DAYS): boolean {
  if (OPEN_STATUSES.includes(t.status)) return true;
  return Date.parse(now) - Date.parse(t.updatedAt) <= recentDays * 86_400_000;
}

/** A request's terms (words, and concepts prefixed `#`) with their damped counts (1 + ln tf), before any idf. */
export function termCounts(r: Pick<SimilarRequest, 'title' | 'description'>): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (text: string, weight: number) => {
    for (const t of segment(text)) counts.set(t, (counts.get(t) ?? 0) + weight);
    for (const c of deskLexicon().concepts(text)) counts.set(`${CONCEPT}${c}`, (counts.get(`${CONCEPT}${c}`) ?? 0) + weight * CONCEPT_WEIGHT);
  };
  count(r.title, TITLE_WEIGHT);
  count(r.description, 1);
  for (const [t, n] of counts) counts.set(t, 1 + Math.log(n));
  return counts;
}

/** Document frequencies of terms over a set of requests, kept as requests are added and removed. */
export class CorpusStats {
  private readonly df = new Map<string, number>();
  private n = 0;
  /** bumped on every change, so cached norms know they are stale */
  version = 0;

  get documents(): number {
    return this.n;
  }

  frequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** 1 + ln((N + 1) / (df + 1)): ≥ 1, highest for a term no other request uses. */
  idf(term: string): number {
    return 1 + Math.log((this.n + 1) / ((this.df.get(term) ?? 0) + 1));
  }

  add(terms: Iterable<string>): void {
    for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.n++;
    this.version++;
  }

  remove(terms: Iterable<string>): void {
    for (const t of terms) {
      const d = (this.df.get(t) ?? 0) - 1;
      if (d > 0) this.df.set(t, d);
      else this.df.delete(t);
    }
    this.n--;
    this.version++;
  }
}

/** Cosine of two term-count maps under one idf, times the category factor. */
export function similarity(a: SimilarRequest, b: SimilarRequest, stats?: CorpusStats): number {
  const idf = (t: string) => (stats ? stats.idf(t) : 1);
  const ta = termCounts(a);
  const tb = termCounts(b);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, w] of ta) {
    const x = w * idf(t);
    na += x * x;
    const v = tb.get(t);
    if (v !== undefined) dot += x * v * idf(t);
  }
  for (const [t, w] of tb) nb += (w * idf(t)) ** 2;
  if (dot === 0) return 0;
  return (dot / Math.sqrt(na * nb)) * (a.category === b.category ? 1 : CROSS_CATEGORY);
}

export interface SimilarMatch {
  id: string;
  enterpriseId: string;
  category: Category;
  title: string;
  /** cosine × category factor, 0–1 */
  score: number;
}

export interface SimilarOptions {
  /** at most this many matches (default 10) */
  limit?: number;
  /** only matches scoring at least this (default `SIMILAR_THRESHOLD`) */
  threshold?: number;
  /** include the same enterprise's other requests (default false: a common issue is several enterprises') */
  sameEnterprise?: boolean;
}

interface Doc {
  request: SimilarRequest;
  /** when it was resolved or closed (it leaves the index `RECENT_DAYS` later); absent while open */
  closedAt?: string;
  counts: Map<string, number>;
  norm: number;
  /** the stats version `norm` was computed at */
  normAt: number;
}

/**
 * A tenant's open and recent requests, with an inverted index over their
 * terms. Not thread-safe and not persistent: it lives warm in a function's
 * container and is kept up to date from the store (docs/architecture.md,
 * "Common issues: finding similar requests").
 */
export class SimilarityIndex {
  readonly stats = new CorpusStats();
  private readonly docs: Array<Doc | undefined> = [];
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  /** term → slot → damped count */
  private readonly postings = new Map<string, Map<number, number>>();
  private scores = new Float64Array(64);

  constructor(requests: Iterable<SimilarRequest> = []) {
    for (const r of requests) this.add(r);
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  get(id: string): SimilarRequest | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.docs[slot]?.request;
  }

  /** Every request in the index, by id. */
  requests(): SimilarRequest[] {
    return [...this.slotOf.keys()].sort().map((id) => this.get(id) as SimilarRequest);
  }

  /**
   * Adds a request, or replaces the one with its id (an edited title or
   * description, a new status). `closedAt`: when a resolved or closed request
   * was closed, so `prune` lets it go once it is no longer recent.
   */
  add(r: SimilarRequest, closedAt?: string): void {
    if (this.slotOf.has(r.id)) this.remove(r.id);
    const counts = termCounts(r);
    const slot = this.free.pop() ?? this.docs.length;
    this.docs[slot] = { request: { id: r.id, enterpriseId: r.enterpriseId, category: r.category, title: r.title, description: r.description }, counts, norm: 0, normAt: -1, ...(closedAt ? { closedAt } : {}) };
    this.slotOf.set(r.id, slot);
    for (const [t, w] of counts) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Map()));
      p.set(slot, w);
    }
    this.stats.add(counts.keys());
  }

  /** Removes a request (closed beyond the recent window, withdrawn); false when it was not there. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    const doc = slot === undefined ? undefined : this.docs[slot];
    if (slot === undefined || !doc) return false;
    for (const t of doc.counts.keys()) {
      const p = this.postings.get(t);
      p?.delete(slot);
      if (p?.size === 0) this.postings.delete(t);
    }
    this.stats.remove(doc.counts.keys());
    this.docs[slot] = undefined;
    this.slotOf.delete(id);
    this.free.push(slot);
    return true;
  }

  /** Removes the requests closed more than `recentDays` before `now`; returns how many. */
  prune(now: string, recentDays = RECENT_DAYS): number {
    const gone: string[] = [];
    for (const doc of this.docs) if (doc?.closedAt && Date.parse(now) - Date.parse(doc.closedAt) > recentDays * 86_400_000) gone.push(doc.request.id);
    for (const id of gone) this.remove(id);
    return gone.length;
  }

  /**
   * A request's vector length. Exact at the moment it is computed; reused
   * until the index has changed `NORM_TOLERANCE` of its size since (at least
   * 16 changes): one more request moves every idf a little, and recomputing
   * every candidate's norm after each intake would cost more than the query.
   * `freshen()` makes every norm exact (clustering does, so proposals depend
   * only on the requests in the index).
   */
  private normOf(doc: Doc): number {
    if (doc.normAt < 0 || this.stats.version - doc.normAt > Math.max(16, this.size * NORM_TOLERANCE)) this.computeNorm(doc);
    return doc.norm;
  }

  private computeNorm(doc: Doc): void {
    let s = 0;
    for (const [t, w] of doc.counts) s += (w * this.stats.idf(t)) ** 2;
    doc.norm = Math.sqrt(s);
    doc.normAt = this.stats.version;
  }

  /** Recomputes every stale norm under the current idf: scores are then exact and independent of history. */
  freshen(): void {
    for (const doc of this.docs) if (doc && doc.normAt !== this.stats.version) this.computeNorm(doc);
  }

  /** The similarity of two indexed requests (0 when either is missing). */
  similarity(a: string, b: string): number {
    const da = this.docOf(a);
    const db = this.docOf(b);
    if (!da || !db) return 0;
    let dot = 0;
    for (const [t, w] of da.counts) {
      const v = db.counts.get(t);
      if (v !== undefined) dot += w * v * this.stats.idf(t) ** 2;
    }
    if (dot === 0) return 0;
    return (dot / (this.normOf(da) * this.normOf(db))) * (da.request.category === db.request.category ? 1 : CROSS_CATEGORY);
  }

  /** The weight of each of a request's terms under the current idf (for a cluster's characteristic terms). */
  weights(id: string): Map<string, number> {
    const doc = this.docOf(id);
    const out = new Map<string, number>();
    if (!doc) return out;
    const norm = this.normOf(doc);
    for (const [t, w] of doc.counts) out.set(t, (w * this.stats.idf(t)) / norm);
    return out;
  }

  private docOf(id: string): Doc | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.docs[slot];
  }

  /**
   * Other enterprises' requests in the index that say the same thing as `r`,
   * best first (ties by id). `r` may be in the index (it is never its own
   * match) or not (a request at intake, before it is added). Reads only the
   * postings of `r`'s rarer terms (above).
   */
  similar(r: SimilarRequest, options: SimilarOptions = {}): SimilarMatch[] {
    const limit = options.limit ?? 10;
    const threshold = options.threshold ?? SIMILAR_THRESHOLD;
    const own = this.docOf(r.id);
    const counts = own?.counts ?? termCounts(r);
    if (this.scores.length < this.docs.length) this.scores = new Float64Array(Math.max(this.docs.length, this.scores.length * 2));
    const scores = this.scores;
    const touched: number[] = [];
    // Candidates come from the postings of the query's rarer terms only; the
    // common ones (园区, 员工… in thousands of requests) are then looked up in
    // each candidate, so every candidate's score is exact, and a request that
    // shares nothing but common words with the query, far below any
    // threshold, is never scored.
    const cap = Math.max(COMMON_MIN, this.size * COMMON_SHARE);
    const rare: Array<[string, number, Map<number, number>]> = [];
    const common: Array<[string, number]> = [];
    let qn = 0;
    for (const [t, w] of counts) {
      const idf = this.stats.idf(t);
      const x = w * idf;
      qn += x * x;
      const p = this.postings.get(t);
      if (!p) continue;
      if (p.size > cap) common.push([t, x * idf]);
      else rare.push([t, x * idf, p]);
    }
    // only common terms: read them all (a rare query; exact either way)
    if (rare.length === 0) for (const [t, xi] of common.splice(0)) rare.push([t, xi, this.postings.get(t) as Map<number, number>]);
    for (const [, xi, p] of rare) {
      for (const [slot, v] of p) {
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] ?? 0) + xi * v;
      }
    }
    if (common.length > 0) {
      for (const slot of touched) {
        const doc = this.docs[slot];
        if (!doc) continue;
        let extra = 0;
        for (const [t, xi] of common) {
          const v = doc.counts.get(t);
          if (v !== undefined) extra += xi * v;
        }
        scores[slot] = (scores[slot] ?? 0) + extra;
      }
    }
    const qnorm = Math.sqrt(qn);
    const out: SimilarMatch[] = [];
    for (const slot of touched) {
      const dot = scores[slot] ?? 0;
      scores[slot] = 0;
      const doc = this.docs[slot];
      if (!doc || doc.request.id === r.id) continue;
      if (!options.sameEnterprise && doc.request.enterpriseId === r.enterpriseId) continue;
      const score = (dot / (qnorm * this.normOf(doc))) * (doc.request.category === r.category ? 1 : CROSS_CATEGORY);
      if (score >= threshold) out.push({ id: doc.request.id, enterpriseId: doc.request.enterpriseId, category: doc.request.category, title: doc.request.title, score });
    }
    out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out.slice(0, limit);
  }
}

/** What a refresh reads of a ticket: the request, its status and when it last changed. */
export type IndexedTicket = SimilarRequest & Pick<Ticket, 'status' | 'updatedAt'>;

/**
 * Applies tickets changed since the last refresh to a warm index: an open or
 * recently closed ticket is added (or replaced: a new title, a new status),
 * any other removed; then requests closed beyond the recent window are pruned.
 * Returns the new watermark, the latest `updatedAt` seen (or the old one), from
 * which the next refresh reads (docs/architecture.md: one Query per intake).
 */
export function refreshIndex(index: SimilarityIndex, changed: Iterable<IndexedTicket>, now: string, watermark = '', recentDays = RECENT_DAYS): string {
  let latest = watermark;
  for (const t of changed) {
    if (isIndexable(t, now, recentDays)) index.add(t, OPEN_STATUSES.includes(t.status) ? undefined : t.updatedAt);
    else index.remove(t.id);
    if (t.updatedAt > latest) latest = t.updatedAt;
  }
  index.prune(now, recentDays);
  return latest;
}
