import { buildPolicyIndex, POLICY_STOP_WORDS, searchTerms, segmentWords, suggestFrom, type Searchable } from '@whistle/shared';
import { describe, expect, it } from 'vitest';

/** Chinese search over the catalogue (shared/src/policy/segment.ts, suggest.ts): ICU segmentation, no external service. */
const CATALOGUE: Searchable[] = [
  { id: 'wengang', title: '2026 年稳岗补贴', summary: '参保企业不裁员或少裁员的，按上年度实际缴纳失业保险费的一定比例返还。', category: 'employment', keywords: ['稳岗返还', '失业保险'] },
  { id: 'tiexi', title: '小微企业信用贷款贴息', summary: '对小微企业在合作银行获得的信用贷款，按贷款利息的 50% 给予贴息。', category: 'finance', keywords: ['信用贷', '贴息', '首贷'] },
  { id: 'zjtx', title: '专精特新企业奖励', summary: '新认定国家级专精特新“小巨人”企业一次性奖励 50 万元，市级 20 万元。', category: 'technology', keywords: ['小巨人'] },
  { id: 'gaoxin', title: '高新技术企业认定奖励', summary: '首次通过高新技术企业认定的，奖励 30 万元。', category: 'technology' },
  { id: 'rencai', title: '人才公寓申请', summary: '引进的硕士以上人才可申请人才公寓，三年内免租金。', category: 'talent', keywords: ['人才房', '租房补贴'] },
  { id: 'jiagong', title: '研发费用加计扣除辅导', summary: '税务局上门辅导研发费用加计扣除政策的申报。', category: 'tax', keywords: ['加计扣除'] },
];
const index = buildPolicyIndex(CATALOGUE);

describe('segmentation', () => {
  it('cuts Chinese into words with this runtime’s ICU (full ICU), Latin lower-cased, full-width folded', () => {
    expect(segmentWords('研发费用加计扣除')).toEqual(['研发', '费用', '加计', '扣除']);
    expect(segmentWords('ＡＢＣ公司')).toEqual(['abc', '公司']);
  });

  it('drops the stop-words and joins a lone character with its neighbour (稳|岗 → 稳岗)', () => {
    const terms = searchTerms('我们企业想申请稳岗补贴的材料');
    for (const w of ['我们', '企业', '的', '想']) expect(terms).not.toContain(w);
    expect(terms).toContain('稳岗');
    expect(terms).toContain('补贴');
    expect(POLICY_STOP_WORDS.has('企业')).toBe(true);
    expect(searchTerms('信用贷贴息')).toEqual(expect.arrayContaining(['信用', '信用贷', '贴息']));
  });
});

describe('suggestions while typing', () => {
  it('finds the policy a request is about, with the words it matched on', () => {
    const [first] = suggestFrom(index, '我们想问问今年的稳岗补贴怎么申请，需要什么材料？');
    expect(first?.id).toBe('wengang');
    expect(first?.words).toContain('稳岗');
    expect(suggestFrom(index, '银行贷款利息太高，有没有贴息政策')[0]?.id).toBe('tiexi');
    expect(suggestFrom(index, '我们刚评上小巨人，有什么奖励')[0]?.id).toBe('zjtx');
    expect(suggestFrom(index, '研发投入很大，加计扣除怎么算')[0]?.id).toBe('jiagong');
  });

  it('ranks the policy that holds the telling words above one that shares a common word', () => {
    const hits = index.search('高新技术企业认定以后有奖励吗');
    expect(hits[0]?.id).toBe('gaoxin');
    expect(hits.map((h) => h.id)).toContain('zjtx'); // shares 奖励 only
    expect((hits[0]?.score ?? 0) > (hits.find((h) => h.id === 'zjtx')?.score ?? 0) * 2).toBe(true);
  });

  it('suggests nothing for unrelated text, stop-words alone, or a lone character', () => {
    expect(suggestFrom(index, '今天天气很好，我们去公园散步')).toEqual([]);
    expect(suggestFrom(index, '我们企业的问题是什么')).toEqual([]);
    expect(suggestFrom(index, '厂房漏水，物业一直不来修')).toEqual([]);
    expect(suggestFrom(index, '贷')).toEqual([]);
    // the catalogue's search (no threshold) still finds by a lone character
    expect(index.search('贷').map((h) => h.id)).toEqual(['tiexi']);
  });

  it('an empty catalogue suggests nothing; one policy is still found', () => {
    expect(suggestFrom(buildPolicyIndex([]), '稳岗补贴')).toEqual([]);
    expect(suggestFrom(buildPolicyIndex([CATALOGUE[0] as Searchable]), '稳岗补贴怎么领')[0]?.id).toBe('wengang');
  });
});
