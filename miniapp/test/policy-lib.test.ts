import { describe, expect, it } from 'vitest';
import { policyApi, SUGGEST_MAX } from '../src/api/policy';
import { setRequest, type RequestOptions } from './taro';
import { recentMonths, selfServedRate } from '../src/policy/components/PolicyStatsCard';
import { fieldOf, inputOfForm, emptyPolicyForm, splitKeywords } from '../src/policy/lib/form';
import { consultTitle, daysUntil, expiryOf, expiryText, validityText } from '../src/policy/lib/words';

describe('policy words', () => {
  it('counts days to an end date in Shanghai, and says when a policy is about to end or has ended', () => {
    // 16:30 UTC on the 9th is already 00:30 on the 10th in Shanghai
    const late = Date.parse('2026-06-09T16:30:00Z');
    expect(daysUntil('2026-06-10', late)).toBe(0);
    expect(expiryText(expiryOf({ validTo: '2026-06-10' }, late))).toBe('今天到期');
    expect(expiryText(expiryOf({ validTo: '2026-07-01' }, late))).toBe('即将到期 · 还剩 21 天');
    expect(expiryText(expiryOf({ validTo: '2026-12-31' }, late))).toBeUndefined();
    expect(expiryText(expiryOf({ validTo: '2026-06-01' }, late))).toBe('已过期');
    expect(expiryOf({}, late)).toEqual({ state: 'open' });
    // the server's own window wins when it gave one
    expect(expiryText(expiryOf({ validTo: '2026-07-30' }, late, { daysLeft: 50, expiringSoon: true }))).toBe('即将到期 · 还剩 50 天');
    expect(validityText({ validFrom: '2026-01-01' })).toBe('2026-01-01 起长期有效');
    expect(validityText({ validFrom: '2026-01-01', validTo: '2026-12-31' })).toBe('2026-01-01 至 2026-12-31');
  });

  it('names a consultation after its policy within 60 characters', () => {
    expect(consultTitle(' 稳岗返还 ')).toBe('政策咨询：稳岗返还');
    expect(consultTitle('长'.repeat(55))).toBe(`政策咨询：${'长'.repeat(55)}`);
    const cut = consultTitle('长'.repeat(56));
    expect(cut).toHaveLength(60);
    expect(cut).toBe(`政策咨询：${'长'.repeat(54)}…`);
  });
});

describe('the policy form', () => {
  it('puts an API issue at the field it belongs to', () => {
    expect(fieldOf('contact.phone')).toBe('contact.phone');
    expect(fieldOf('contact')).toBe('contact');
    expect(fieldOf('conditions.tags.0')).toBe('conditions');
    expect(fieldOf('keywords.3')).toBe('keywords');
    // the whole body's issue is not the full text's
    expect(fieldOf('body', '不认识的字段：extra')).toBeUndefined();
    expect(fieldOf('body', '政策原文最多 20000 个字')).toBe('body');
    expect(fieldOf('rev')).toBeUndefined();
  });

  it('splits keywords on commas, 、 and spaces, once each, and leaves empty texts out', () => {
    expect(splitKeywords('信用贷、贴息，融资 信用贷;  ')).toEqual(['信用贷', '贴息', '融资']);
    const input = inputOfForm({ ...emptyPolicyForm(), body: '  ', link: '', keywords: ' ', validTo: '', conditions: { tags: [], keyOnly: false } });
    expect(input.body).toBeUndefined();
    expect(input.link).toBeUndefined();
    expect(input.keywords).toBeUndefined();
    expect(input.validTo).toBeUndefined();
    expect(input.conditions).toEqual({});
  });
});

describe('the supervisor’s figures', () => {
  it('reads this month and the last (across a new year), and the share answered by a policy', () => {
    expect(recentMonths(Date.parse('2026-12-31T17:00:00Z'))).toEqual(['2027-01', '2026-12']);
    expect(recentMonths(Date.parse('2026-06-09T02:00:00Z'))).toEqual(['2026-06', '2026-05']);
    expect(selfServedRate(1, 3)).toBe('25%');
    expect(selfServedRate(1, 2)).toBe('33.3%');
    expect(selfServedRate(0, 0)).toBe('—');
  });
});

describe('the suggestion query', () => {
  it('sends at most SUGGEST_MAX characters, never half an emoji', async () => {
    const sent: RequestOptions[] = [];
    setRequest((o) => {
      sent.push(o);
      return Promise.resolve({ statusCode: 200, data: { items: [] } });
    });
    await policyApi.suggest(`${'字'.repeat(SUGGEST_MAX - 1)}😀😀尾巴`);
    const q = decodeURIComponent(/[?&]q=([^&]*)/.exec(sent[0]?.url ?? '')?.[1] ?? '');
    expect(Array.from(q)).toHaveLength(SUGGEST_MAX);
    expect(q.endsWith('字😀')).toBe(true);
  });
});
