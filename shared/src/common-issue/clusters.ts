import type { Category } from '../schemas/common.js';
import { type SimilarityIndex } from './similarity.js';

/**
 * Proposing common issues (共性问题) to the supervisor, pure and
 * deterministic: the same requests and dismissals give the same proposals,
 * whatever order the requests came in.
 *
 * 1. A sparse graph: each request's most similar requests (any enterprise,
 *    at least `EDGE_THRESHOLD`), from the index's inverted index.
 * 2. Average-linkage agglomerative clustering on that graph: repeatedly merge
 *    the two groups whose average pairwise similarity (a missing edge counts
 *    as 0) is highest, while it is at least `threshold`. Every proposed group
 *    therefore has an average pairwise similarity ≥ `threshold`, and a chain
 *    of pairwise look-alikes (A~B~C, A≁C) does not pull unrelated requests
 *    together as single linkage would.
 * 3. A group is proposed when its requests come from at least `minEnterprises`
 *    distinct enterprises (one enterprise raising a thing twice is not a
 *    common issue), and it was not dismissed (below).
 *
 * Dismissal. A proposal is identified by its signature, the sorted ticket ids.
 * The supervisor's dismissal stores that signature. A group is not proposed
 * again when it adds no new enterprise to a dismissed one: for some dismissed
 * signature D, the group shares a ticket with D and every enterprise of its
 * tickets outside D already has a ticket in D (the same tickets, fewer of them
 * as some close, or the same enterprises writing again). A group that gains a
 * ticket from an enterprise not in D is new evidence that the problem is
 * common: it is proposed, for its new composition only (its own signature; D
 * stays dismissed), with `dismissedBefore` naming D so the supervisor sees it
 * was turned down once.
 */

/** A request's neighbours in the graph: at least this similar. */
export const EDGE_THRESHOLD = 0.15;
/** Default: a group's average pairwise similarity must reach this. */
export const CLUSTER_THRESHOLD = 0.23;
/** Default: how many distinct enterprises make a common issue. */
export const MIN_ENTERPRISES = 3;
/** Neighbours kept per request in the graph. */
const NEIGHBOURS = 40;
/** A topic taken from a title is cut to this many characters. */
const TOPIC_LENGTH = 20;

export interface ClusterOptions {
  /** distinct enterprises a proposal needs (default `MIN_ENTERPRISES`) */
  minEnterprises?: number;
  /** average pairwise similarity a proposal needs (default `CLUSTER_THRESHOLD`) */
  threshold?: number;
  /** signatures the supervisor dismissed (`signatureOf`) */
  dismissed?: Iterable<string>;
  /** only these requests of the index (default: all of them), e.g. those not yet linked to a common issue */
  ids?: Iterable<string>;
}

export interface ClusterProposal {
  /** the sorted ticket ids, comma-separated: what a dismissal stores */
  signature: string;
  /** "可能的共性问题：4 家企业反映园区周边就餐难" */
  title: string;
  /** what the title says the enterprises raise: the most central request's title, trimmed */
  topic: string;
  /** the category most of its requests were filed under (ties: the central request's) */
  category: Category;
  ticketIds: string[];
  /** distinct, sorted */
  enterpriseIds: string[];
  /** the request most similar on average to the others */
  centralId: string;
  /** the terms that weigh most across its requests, heaviest first */
  terms: string[];
  /** average pairwise similarity of its requests */
  cohesion: number;
  /** dismissed signatures this group overlaps and grew beyond (new enterprises since) */
  dismissedBefore: string[];
}

/** The signature of a set of tickets: sorted ids joined by commas. */
export const signatureOf = (ticketIds: Iterable<string>): string => [...new Set(ticketIds)].sort().join(',');

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Whether a group adds no new enterprise to some dismissed signature (see
 * above). `enterpriseOf` maps each of the group's tickets to its enterprise.
 */
export function isDismissed(ticketIds: readonly string[], enterpriseOf: (id: string) => string, dismissed: Iterable<string>): boolean {
  return dismissedBy(ticketIds, enterpriseOf, dismissed).suppressed;
}

function dismissedBy(ticketIds: readonly string[], enterpriseOf: (id: string) => string, dismissed: Iterable<string>): { suppressed: boolean; overlapping: string[] } {
  const overlapping: string[] = [];
  for (const signature of dismissed) {
    const d = new Set(signature.split(','));
    const inside = ticketIds.filter((id) => d.has(id));
    if (inside.length === 0) continue;
    const known = new Set(inside.map(enterpriseOf));
    if (ticketIds.every((id) => d.has(id) || known.has(enterpriseOf(id)))) return { suppressed: true, overlapping: [] };
    overlapping.push(signature);
  }
  return { suppressed: false, overlapping: overlapping.sort(byId) };
}

/** A title trimmed into a topic: no request verbs around it, up to its first pause. */
export function topicOf(title: string): string {
  let t = title.normalize('NFKC').trim();
  t = t.split(/[，,。；;！!？?（(：:]/)[0] ?? t;
  t = t.replace(/^(再次|又|关于|请求|申请|建议|希望|恳请|请|反映)+/, '').replace(/(的问题|问题|的诉求|诉求|咨询|的事)$/, '');
  return t.length > TOPIC_LENGTH ? t.slice(0, TOPIC_LENGTH) : t || title.slice(0, TOPIC_LENGTH);
}

/** "可能的共性问题：4 家企业反映园区周边就餐难" */
export const proposalTitle = (enterprises: number, topic: string): string => `可能的共性问题：${enterprises} 家企业反映${topic}`;

interface Group {
  members: number[];
  /** neighbour group → sum of similarities between the two groups' members */
  links: Map<number, number>;
  alive: boolean;
  /** bumped on every merge into it: heap entries made before are stale */
  version: number;
}

interface Merge {
  avg: number;
  a: number;
  b: number;
  /** the groups' versions when this entry was pushed */
  va: number;
  vb: number;
}

/** A max-heap of candidate merges, ties broken by the groups' numbers so the result is deterministic. */
class MergeHeap {
  private readonly items: Merge[] = [];
  private above(i: number, j: number): boolean {
    const x = this.items[i];
    const y = this.items[j];
    if (!x || !y) return false;
    return x.avg > y.avg || (x.avg === y.avg && (x.a < y.a || (x.a === y.a && x.b < y.b)));
  }
  private swap(i: number, j: number): void {
    const t = this.items[i];
    this.items[i] = this.items[j] as (typeof this.items)[number];
    this.items[j] = t as (typeof this.items)[number];
  }
  push(item: Merge): void {
    this.items.push(item);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  pop(): Merge | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length > 0 && last) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.items.length && this.above(l, best)) best = l;
        if (r < this.items.length && this.above(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}

/**
 * Groups of requests in the index that say the same thing, by average
 * linkage (above), whatever their number of enterprises; each group's member
 * ids sorted, groups by their first id. `proposeClusters` filters them.
 */
export function groupRequests(index: SimilarityIndex, options: Pick<ClusterOptions, 'threshold' | 'ids'> = {}): string[][] {
  const threshold = options.threshold ?? CLUSTER_THRESHOLD;
  index.freshen();
  const ids = [...new Set(options.ids ?? index.requests().map((r) => r.id))].filter((id) => index.has(id)).sort(byId);
  const numberOf = new Map(ids.map((id, i) => [id, i]));
  const groups: Group[] = ids.map((_, i) => ({ members: [i], links: new Map(), alive: true, version: 0 }));
  for (const [i, id] of ids.entries()) {
    const r = index.get(id);
    if (!r) continue;
    for (const m of index.similar(r, { limit: NEIGHBOURS, threshold: EDGE_THRESHOLD, sameEnterprise: true })) {
      const j = numberOf.get(m.id);
      if (j === undefined || j === i) continue;
      // symmetric: the similarity is, even when only one side kept the other among its neighbours
      (groups[i] as Group).links.set(j, m.score);
      (groups[j] as Group).links.set(i, m.score);
    }
  }
  const heap = new MergeHeap();
  for (const [a, g] of groups.entries()) for (const [b, sum] of g.links) if (a < b && sum >= threshold) heap.push({ avg: sum, a, b, va: 0, vb: 0 });
  for (let top = heap.pop(); top && top.avg >= threshold; top = heap.pop()) {
    const ga = groups[top.a];
    const gb = groups[top.b];
    // stale: a side was merged away, or grew, since this entry was pushed
    if (!ga?.alive || !gb?.alive || ga.version !== top.va || gb.version !== top.vb) continue;
    // merge b into a (a < b: the lower number survives, so the outcome is order-free)
    ga.members.push(...gb.members);
    gb.alive = false;
    ga.version++;
    ga.links.delete(top.b);
    for (const [c, sum] of gb.links) {
      if (c === top.a) continue;
      ga.links.set(c, (ga.links.get(c) ?? 0) + sum);
      const gc = groups[c] as Group;
      gc.links.delete(top.b);
    }
    for (const [c, sum] of ga.links) {
      const gc = groups[c] as Group;
      gc.links.set(top.a, sum);
      const avg = sum / (ga.members.length * gc.members.length);
      if (avg >= threshold) heap.push(top.a < c ? { avg, a: top.a, b: c, va: ga.version, vb: gc.version } : { avg, a: c, b: top.a, va: gc.version, vb: ga.version });
    }
  }
  return groups
    .filter((g) => g.alive)
    .map((g) => g.members.map((i) => ids[i] as string).sort(byId))
    .sort((x, y) => byId(x[0] ?? '', y[0] ?? ''));
}

/**
 * The clusters to propose to the supervisor, largest first (then by
 * signature): groups of at least `minEnterprises` enterprises, not dismissed.
 */
export function proposeClusters(index: SimilarityIndex, options: ClusterOptions = {}): ClusterProposal[] {
  const minEnterprises = options.minEnterprises ?? MIN_ENTERPRISES;
  const dismissed = [...new Set(options.dismissed ?? [])];
  const enterpriseOf = (id: string) => index.get(id)?.enterpriseId ?? '';
  const out: ClusterProposal[] = [];
  for (const ticketIds of groupRequests(index, options)) {
    const enterpriseIds = [...new Set(ticketIds.map(enterpriseOf))].sort(byId);
    if (enterpriseIds.length < minEnterprises) continue;
    const { suppressed, overlapping } = dismissedBy(ticketIds, enterpriseOf, dismissed);
    if (suppressed) continue;
    out.push(describe(index, ticketIds, enterpriseIds, overlapping));
  }
  return out.sort((a, b) => b.ticketIds.length - a.ticketIds.length || byId(a.signature, b.signature));
}

function describe(index: SimilarityIndex, ticketIds: string[], enterpriseIds: string[], dismissedBefore: string[]): ClusterProposal {
  // the central request: highest total similarity to the others (ties: lowest id)
  let centralId = ticketIds[0] as string;
  let best = -1;
  let total = 0;
  for (const a of ticketIds) {
    let s = 0;
    for (const b of ticketIds) if (a !== b) s += index.similarity(a, b);
    total += s;
    if (s > best) {
      best = s;
      centralId = a;
    }
  }
  const pairs = (ticketIds.length * (ticketIds.length - 1)) / 2;
  const central = index.get(centralId);
  const counts = new Map<Category, number>();
  for (const id of ticketIds) {
    const c = index.get(id)?.category;
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const top = Math.max(...counts.values());
  const tied = [...counts].filter(([, n]) => n === top).map(([c]) => c);
  const category = central && tied.includes(central.category) ? central.category : ([...tied].sort()[0] as Category);
  const weight = new Map<string, number>();
  for (const id of ticketIds) for (const [t, w] of index.weights(id)) weight.set(t, (weight.get(t) ?? 0) + w);
  const terms = [...weight]
    .sort((a, b) => b[1] - a[1] || byId(a[0], b[0]))
    .slice(0, 6)
    .map(([t]) => t);
  const topic = topicOf(central?.title ?? '');
  return {
    signature: signatureOf(ticketIds),
    title: proposalTitle(enterpriseIds.length, topic),
    topic,
    category,
    ticketIds,
    enterpriseIds,
    centralId,
    terms,
    cohesion: pairs > 0 ? total / 2 / pairs : 1,
    dismissedBefore,
  };
}
