import { CATEGORIES, MIN_ENTERPRISES, type ClusterProposal } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { evaluate, quality } from '../../fixtures/similar/quality.js';
import { labelledRequests, type LabelledRequest } from '../../fixtures/similar/requests.js';

/**
 * The proposed clusters against the labelled set (tests/fixtures/similar):
 * pairwise precision and recall (defined in fixtures/similar/quality.ts: over
 * pairs of requests placed in the same proposal vs pairs in the same labelled
 * cluster) must both reach 0.8. Speed is the bench's (tests/bench/similar.ts).
 */
const requests = labelledRequests();

describe('the labelled set', () => {
  it('is at least 300 requests in 30–40 clusters of three or more enterprises, with individual matters', () => {
    expect(requests.length).toBeGreaterThanOrEqual(300);
    const clusters = new Map<string, LabelledRequest[]>();
    for (const r of requests) if (r.cluster) clusters.set(r.cluster, [...(clusters.get(r.cluster) ?? []), r]);
    expect(clusters.size).toBeGreaterThanOrEqual(30);
    expect(clusters.size).toBeLessThanOrEqual(40);
    for (const members of clusters.values()) expect(new Set(members.map((m) => m.enterpriseId)).size).toBeGreaterThanOrEqual(MIN_ENTERPRISES);
    expect(requests.filter((r) => !r.cluster).length).toBeGreaterThanOrEqual(60);
    for (const r of requests) {
      expect(r.title.length).toBeLessThanOrEqual(60);
      expect(CATEGORIES).toContain(r.category);
    }
    expect(new Set(requests.map((r) => r.id)).size).toBe(requests.length);
  });
});

describe('quality of the proposals', () => {
  it('reaches pairwise precision and recall of 0.8 on the labelled set', () => {
    const { quality: q } = evaluate(requests);
    expect(q.precision).toBeGreaterThanOrEqual(0.8);
    expect(q.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('is measured so that it can fail: a proposal merging two clusters costs precision, a missing one recall', () => {
    const ids = (cluster: string) => requests.filter((r) => r.cluster === cluster).map((r) => r.id);
    const proposal = (ticketIds: string[]) => ({ ticketIds }) as ClusterProposal;
    const names = [...new Set(requests.flatMap((r) => (r.cluster ? [r.cluster] : [])))];
    const perfect = names.map((c) => proposal(ids(c)));
    expect(quality(requests, perfect)).toMatchObject({ precision: 1, recall: 1, dismissed: 0, strays: 0, found: names.length });
    const others = names.filter((c) => c !== 'dining' && c !== 'bus').map((c) => proposal(ids(c)));
    const merged = quality(requests, [proposal([...ids('dining'), ...ids('bus')]), ...others]);
    expect(merged.precision).toBeLessThan(1);
    expect(merged.recall).toBe(1);
    const missing = quality(requests, others);
    expect(missing.recall).toBeLessThan(1);
    expect(missing.precision).toBe(1);
    // a proposal of individual matters only would be dismissed
    expect(quality(requests, [proposal(requests.filter((r) => !r.cluster).slice(0, 4).map((r) => r.id))]).dismissed).toBe(1);
  });
});
