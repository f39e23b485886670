import { searchTerms } from './segment.js';
import { POLICY_LABELS, type Policy } from './schemas.js';

/**
 * Search over the catalogue, pure: an inverted index of each policy's title,
 * keywords, category and summary (their search terms, segment.ts), queried
 * with the terms of what someone typed. A policy's score adds, for each term
 * of the query it holds, the term's rarity in the catalogue (1 + ln(N / df):
 * a term in every policy says little) times the weight of the best field it
 * is in (title and keywords count most). A lone character counts a third (贷,
 * 息 mean something, but little alone).
 *
 * Suggestions while typing keep only scores from SUGGEST_MIN_SCORE and need a
 * term of two characters or more: an unrelated sentence suggests nothing.
 */

/** What the index reads of a policy. */
export type Searchable = Pick<Policy, 'id' | 'title' | 'summary' | 'category'> & { keywords?: readonly string[] | undefined };

export interface SearchHit {
  id: string;
  /** the query's terms the policy holds, most telling first */
  words: string[];
  score: number;
}

/** A field's weight: where a term is found says how much it is about the policy. */
const FIELD_WEIGHTS = { title: 3, keywords: 3, category: 1, summary: 1 } as const;
const SINGLE_CHARACTER = 1 / 3;

/** A suggestion's least score: one telling term in a title (≥ 3), or several in summaries. */
export const SUGGEST_MIN_SCORE = 3;

export interface PolicyIndex {
  readonly size: number;
  /** the policies holding the text's terms, best first; `minScore` (default 0: any term) and `limit` trim it */
  search(text: string, opts?: { minScore?: number; limit?: number; requireWord?: boolean }): SearchHit[];
}

/** Builds the index of some policies (a tenant's catalogue: 500 take a few milliseconds). */
export function buildPolicyIndex(policies: readonly Searchable[]): PolicyIndex {
  // term → policy position → the best field weight it has there
  const postings = new Map<string, Map<number, number>>();
  const add = (term: string, at: number, weight: number) => {
    let list = postings.get(term);
    if (!list) postings.set(term, (list = new Map()));
    if ((list.get(at) ?? 0) < weight) list.set(at, weight);
  };
  policies.forEach((p, at) => {
    for (const t of searchTerms(p.title)) add(t, at, FIELD_WEIGHTS.title);
    for (const k of p.keywords ?? []) {
      const whole = k.normalize('NFKC').toLowerCase().trim();
      if (whole) add(whole, at, FIELD_WEIGHTS.keywords);
      for (const t of searchTerms(k)) add(t, at, FIELD_WEIGHTS.keywords);
    }
    for (const t of searchTerms(POLICY_LABELS.category[p.category])) add(t, at, FIELD_WEIGHTS.category);
    for (const t of searchTerms(p.summary)) add(t, at, FIELD_WEIGHTS.summary);
  });
  const n = policies.length;
  const rarity = (df: number) => 1 + Math.log(n / df);

  return {
    size: n,
    search(text, opts = {}) {
      const minScore = opts.minScore ?? 0;
      const scores = new Map<number, { score: number; words: Array<{ term: string; gain: number }>; word: boolean }>();
      for (const term of searchTerms(text)) {
        const list = postings.get(term);
        if (!list) continue;
        const single = [...term].length === 1;
        const idf = rarity(list.size) * (single ? SINGLE_CHARACTER : 1);
        for (const [at, weight] of list) {
          const gain = idf * weight;
          const s = scores.get(at) ?? { score: 0, words: [], word: false };
          s.score += gain;
          s.words.push({ term, gain });
          if (!single) s.word = true;
          scores.set(at, s);
        }
      }
      const hits: SearchHit[] = [];
      for (const [at, s] of scores) {
        if (s.score < minScore || (opts.requireWord && !s.word)) continue;
        const p = policies[at];
        if (!p) continue;
        const terms = s.words.sort((a, b) => b.gain - a.gain).map((w) => w.term);
        // a lone character inside a longer word it matched with says nothing more (稳 beside 稳岗)
        const words = terms.filter((t) => [...t].length > 1 || !terms.some((o) => o !== t && o.includes(t)));
        hits.push({ id: p.id, words, score: Math.round(s.score * 100) / 100 });
      }
      hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return opts.limit === undefined ? hits : hits.slice(0, opts.limit);
    },
  };
}

/** Suggestions while an owner writes a request: the telling matches only, the best few. */
export const suggestFrom = (index: PolicyIndex, text: string, limit = 5): SearchHit[] =>
  index.search(text, { minScore: SUGGEST_MIN_SCORE, requireWord: true, limit });
