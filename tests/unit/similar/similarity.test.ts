import {
  CROSS_CATEGORY,
  isIndexable,
  refreshIndex,
  SIMILAR_THRESHOLD,
  SimilarityIndex,
  similarity,
  type Category,
  type IndexedTicket,
  type SimilarRequest,
} from '@whistle/shared';
import { describe, expect, it } from 'vitest';

/** The similarity of requests and the inverted index (shared/src/common-issue/similarity.ts), on fixed inputs. */
const req = (id: string, enterpriseId: string, title: string, description: string, category: Category = 'other'): SimilarRequest => ({ id, enterpriseId, category, title, description });

const DINING_A = req('a', 'e1', '园区周边就餐难', '附近一家饭馆都没有，员工中午只能点外卖，送餐要等一个多小时，希望园区建个食堂。');
const DINING_B = req('b', 'e2', '员工吃饭问题希望协调', '厂里场地小建不了食堂，周边最近的餐馆开车都要十分钟，园区能不能集中配餐？');
const DINING_C = req('c', 'e3', '外卖进不了园区', '门岗不让外卖电动车进，员工走一公里到大门口取餐，饭菜都凉了，要么在园区里开个餐厅。');
const BROADBAND = req('d', 'e4', '厂区宽带网速太慢', '公司用的100兆宽带，高峰期网页都打不开，ERP系统经常掉线，运营商说光纤资源不够。', 'utilities');
const DINING_A2 = req('a2', 'e1', '再次反映园区没有食堂', '上个月反映过园区吃饭难的事，员工意见很大，请再催一下食堂。');

describe('similarity', () => {
  it('scores two tellings of one problem above the intake threshold, and different problems near 0', () => {
    expect(similarity(DINING_A, DINING_B)).toBeGreaterThan(SIMILAR_THRESHOLD);
    expect(similarity(DINING_A, BROADBAND)).toBeLessThan(0.05);
  });

  it('is symmetric, and 1 for the same text in the same category', () => {
    expect(similarity(DINING_A, DINING_C)).toBeCloseTo(similarity(DINING_C, DINING_A), 12);
    expect(similarity(DINING_A, { ...DINING_A, id: 'x', enterpriseId: 'e9' })).toBeCloseTo(1, 12);
  });

  it('counts the category as a weak feature: another category multiplies by CROSS_CATEGORY', () => {
    const same = similarity(DINING_A, DINING_B);
    expect(similarity(DINING_A, { ...DINING_B, category: 'talent' })).toBeCloseTo(same * CROSS_CATEGORY, 12);
  });
});

describe('SimilarityIndex', () => {
  const index = () => new SimilarityIndex([DINING_A, DINING_B, DINING_C, BROADBAND, DINING_A2]);

  it('finds other enterprises’ requests that say the same thing, best first, never the request itself', () => {
    const found = index().similar(DINING_A, { threshold: 0.1 });
    expect(found.map((m) => m.id).sort()).toEqual(['b', 'c']);
    expect(found[0]?.score).toBeGreaterThanOrEqual(found[1]?.score ?? 0);
    // the same enterprise's second telling only when asked for
    expect(index().similar(DINING_A, { threshold: 0.1, sameEnterprise: true }).map((m) => m.id)).toContain('a2');
  });

  it('answers a request at intake that is not in the index yet, with the same scores the pairwise similarity gives under the index’s idf', () => {
    const idx = index();
    const intake = req('new', 'e5', '园区没有职工食堂', '员工中午就餐很不方便，外卖也送不进来，希望园区开办食堂。');
    const found = idx.similar(intake, { threshold: 0 });
    expect(found.map((m) => m.id)).toEqual(expect.arrayContaining(['a', 'b', 'c', 'a2']));
    expect(found.some((m) => m.id === 'd')).toBe(false);
    expect(found[0]?.score).toBeCloseTo(similarity(intake, idx.get(found[0]?.id ?? '') as SimilarRequest, idx.stats), 9);
  });

  it('honours limit and threshold', () => {
    expect(index().similar(DINING_A, { threshold: 0, limit: 1 })).toHaveLength(1);
    expect(index().similar(DINING_A, { threshold: 0.99 })).toEqual([]);
  });

  it('forgets a removed request and replaces one added again under its id', () => {
    const idx = index();
    expect(idx.remove('b')).toBe(true);
    expect(idx.remove('b')).toBe(false);
    expect(idx.similar(DINING_A, { threshold: 0 }).map((m) => m.id)).not.toContain('b');
    idx.add({ ...BROADBAND, title: '园区食堂太少', description: '员工吃饭要排很久的队，希望多开一个餐厅。', category: 'other' });
    expect(idx.size).toBe(4);
    expect(idx.similar(DINING_A, { threshold: 0.1 }).map((m) => m.id)).toContain('d');
  });

  it('keeps its document frequencies incrementally: adding then removing leaves the statistics as they were', () => {
    const idx = index();
    const before = [idx.stats.documents, idx.stats.frequency('食堂'), idx.stats.idf('食堂')];
    idx.add(req('tmp', 'e7', '食堂', '食堂食堂'));
    expect(idx.stats.frequency('食堂')).toBe((before[1] ?? 0) + 1);
    idx.remove('tmp');
    expect([idx.stats.documents, idx.stats.frequency('食堂'), idx.stats.idf('食堂')]).toEqual(before);
  });

  it('scores the same whatever order the requests came in', () => {
    const one = new SimilarityIndex([DINING_A, DINING_B, DINING_C, BROADBAND, DINING_A2]);
    const two = new SimilarityIndex([DINING_A2, BROADBAND, DINING_C, DINING_B, DINING_A]);
    const scores = (idx: SimilarityIndex) => idx.similar(DINING_B, { threshold: 0 }).map((m) => [m.id, m.score.toFixed(12)]);
    expect(scores(two)).toEqual(scores(one));
  });

  it('finds every match a full scan finds, although common words’ postings are not read (many requests share 园区, 员工)', () => {
    const topics = [
      ['食堂', '吃饭难，外卖送不进来'],
      ['宽带', '网速太慢，经常掉线'],
      ['停车', '车位不够，路边停车被罚'],
      ['公交', '没有公交，通勤不便'],
    ];
    const requests = Array.from({ length: 240 }, (_, i) => {
      const [topic, text] = topics[i % topics.length] as [string, string];
      return req(`r${i}`, `e${i}`, `园区员工${topic}问题${i % 7 === 0 ? '严重' : ''}`, `园区员工反映${text}，第${i}次。`);
    });
    const idx = new SimilarityIndex(requests);
    idx.freshen();
    const query = requests[5] as SimilarRequest;
    const scan = requests
      .filter((r) => r.id !== query.id)
      .map((r) => ({ id: r.id, score: idx.similarity(query.id, r.id) }))
      .filter((m) => m.score >= 0.2)
      .map((m) => `${m.id} ${m.score.toFixed(9)}`)
      .sort();
    expect(scan.length).toBeGreaterThan(10);
    expect(idx.similar(query, { threshold: 0.2, limit: 1000 }).map((m) => `${m.id} ${m.score.toFixed(9)}`).sort()).toEqual(scan);
  });
});

describe('keeping the index warm', () => {
  const NOW = '2026-11-20T02:00:00.000Z';
  const ticket = (id: string, status: IndexedTicket['status'], updatedAt: string, r: SimilarRequest = DINING_A): IndexedTicket => ({ ...r, id, status, updatedAt });

  it('holds open tickets and those resolved or closed within the recent window', () => {
    expect(isIndexable({ status: 'claimed', updatedAt: '2025-01-01T00:00:00.000Z' }, NOW)).toBe(true);
    expect(isIndexable({ status: 'closed', updatedAt: '2026-10-01T00:00:00.000Z' }, NOW)).toBe(true);
    expect(isIndexable({ status: 'resolved', updatedAt: '2026-06-01T00:00:00.000Z' }, NOW)).toBe(false);
  });

  it('applies changed tickets, returns the new watermark, and lets closed ones age out', () => {
    const idx = new SimilarityIndex();
    let mark = refreshIndex(idx, [ticket('t1', 'published', '2026-11-19T01:00:00.000Z'), ticket('t2', 'resolved', '2026-11-10T01:00:00.000Z', DINING_B), ticket('t3', 'closed', '2026-03-01T01:00:00.000Z', DINING_C)], NOW);
    expect(mark).toBe('2026-11-19T01:00:00.000Z');
    expect(idx.requests().map((r) => r.id)).toEqual(['t1', 't2']);
    // nothing changed: the watermark stays
    expect(refreshIndex(idx, [], NOW, mark)).toBe(mark);
    // t1 is closed now; 95 days later t2 and t1 have aged out without changing again
    mark = refreshIndex(idx, [ticket('t1', 'closed', '2026-11-20T01:00:00.000Z')], NOW, mark);
    expect(idx.has('t1')).toBe(true);
    refreshIndex(idx, [], '2027-02-23T02:00:00.000Z', mark);
    expect(idx.size).toBe(0);
  });
});
