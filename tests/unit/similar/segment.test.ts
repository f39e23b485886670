import { deskLexicon, lexicon, normalizeText, segment, STOP_WORDS } from '@whistle/shared';
import { describe, expect, it } from 'vitest';

/** Chinese segmentation and the thesaurus (shared/src/text), on fixed inputs. */
describe('segment', () => {
  it('splits Chinese into words: this Node has full ICU (a small-ICU build would give no Chinese dictionary)', () => {
    expect(segment('园区周边没有食堂')).toEqual(expect.arrayContaining(['园区', '周边', '食堂']));
  });

  it('normalises full-width letters and digits to half-width, and lower case', () => {
    expect(normalizeText('ＡＧＶ小车５Ｇ信号')).toBe('agv小车5g信号');
    expect(segment('ＡＧＶ小车５Ｇ信号掉线')).toEqual(expect.arrayContaining(['agv', '5g', '信号']));
    expect(segment('ERP系统')).toContain('erp');
  });

  it('drops stop words, punctuation and bare numbers', () => {
    expect(segment('我们公司希望能否协调解决员工吃饭问题？')).toEqual(['员工', '吃饭']);
    const terms = segment('2026年贷款500万，12月到期');
    expect(terms).not.toContain('2026');
    expect(terms).not.toContain('500');
    expect(terms).toContain('贷款');
    for (const w of ['的', '企业', '请问', '希望', '问题', '能否']) expect(STOP_WORDS.has(w)).toBe(true);
  });

  it('glues unknown compounds ICU breaks into single characters back into bigrams', () => {
    // ICU gives 续|贷, 抽|贷, 增|容, 宽|带: each run of single characters yields its bigrams
    expect(segment('银行到期不给续贷还抽贷')).toEqual(expect.arrayContaining(['续贷', '抽贷']));
    expect(segment('工业用电增容排队')).toContain('增容');
    expect(segment('宽带网速太慢')).toContain('宽带');
    // a lone character is dropped, not kept as a term
    expect(segment('园区没有食堂很难')).not.toContain('难');
  });

  it('keeps repeats, for the caller to count', () => {
    expect(segment('停电，又停电').filter((t) => t === '停电')).toHaveLength(2);
  });
});

describe('lexicon', () => {
  it('finds the concept each wording says, once per occurrence', () => {
    expect(deskLexicon().concepts('员工吃饭难，外卖送不进来')).toEqual(['就餐', '就餐']);
    expect(deskLexicon().concepts('银行抽贷断贷')).toEqual(['贷款', '续贷', '续贷']);
  });

  it('prefers the longest form at each position, and forms never overlap', () => {
    // 进水管 (supply) is not 进水 (flooding); 管径 overlaps it, so it is not counted again
    expect(deskLexicon().concepts('进水管径太小')).toEqual(['供水']);
    expect(deskLexicon().concepts('车间进水三十公分')).toEqual(['排水']);
  });

  it('matches on normalised text, and inside words ICU split apart', () => {
    const l = lexicon({ 通信: ['5G', '基站'], 增容: ['增容'] });
    expect(l.concepts('５Ｇ基站')).toEqual(['通信', '通信']);
    expect(l.concepts('申请增容')).toEqual(['增容']);
    expect(l.concepts('没有关系')).toEqual([]);
  });
});
