import { wordSegments } from '../text/segment.js';

/**
 * Chinese text into search terms, with no external service: the runtime's
 * ICU word segmentation (Intl.Segmenter, granularity `word`; Node ships full
 * ICU). ICU's dictionary splits much policy jargon into single characters
 * (稳|岗, 贴|息, 专精|特|新), so a single CJK character is also joined with its
 * neighbour into a pair (稳岗, 贴息, 特新): the catalogue and the query are cut
 * the same way, so such pairs meet. Stop-words (的, 了, 我们, 企业 …) are
 * dropped: they say nothing about which policy is meant.
 */

/**
 * Words that carry no meaning for choosing a policy (not the common issues' list,
 * text/segment.ts: 申请, 咨询, 补贴 pick policies but not problems) — function words, pronouns, the everyday words of a request.
 */
export const POLICY_STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '和', '与', '及', '或', '是', '在', '有', '对', '为', '把', '被', '给', '从', '到', '向', '于', '以', '之', '等', '也', '都', '就', '还', '又', '而', '但', '并', '且',
  '吗', '呢', '吧', '啊', '呀', '嘛', '哦', '么', '着', '过', '个', '这', '那', '些', '其', '该', '此', '每', '各', '能', '会', '要', '想', '请', '问', '让', '去', '来', '做', '用',
  '我', '你', '他', '她', '它', '您', '我们', '你们', '他们', '咱们', '大家', '自己', '本', '贵',
  '企业', '公司', '单位', '我司', '本公司', '有限公司', '厂', '工厂',
  '什么', '怎么', '怎样', '如何', '哪些', '哪个', '哪里', '多少', '为什么', '是否', '能否', '可否', '可以', '能够', '需要', '应该', '一下', '一些', '这个', '那个', '这些', '那些',
  '有没有', '是不是', '还有', '以及', '关于', '相关', '问题', '情况', '事情', '请问', '谢谢', '你好', '您好', '麻烦', '帮忙', '目前', '现在', '今年', '已经', '没有', '不', '很', '最',
  '今天', '明天', '昨天', '最近', '马上', '时候', '一直', '非常', '比较', '特别', '感觉', '觉得', '知道', '了解', '看看', '问问',
]);

const CJK = /^[\u3400-\u9fff\uf900-\ufaff]$/u;
const isCjkChar = (s: string): boolean => CJK.test(s);

/** The word-like pieces of a text, in order (the one ICU segmenter and normalisation: shared/src/text). */
export const segmentWords = (text: string): string[] => wordSegments(text).filter((w): w is string => w !== null);

/**
 * The distinct search terms of a text: its words less the stop-words, and
 * each single CJK character joined with the CJK word next to it. In the order
 * they first appear.
 */
export function searchTerms(text: string): string[] {
  const words = segmentWords(text);
  const terms = new Set<string>();
  const cjkWord = (w: string | undefined) => w !== undefined && [...w].every(isCjkChar);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (!POLICY_STOP_WORDS.has(w)) terms.add(w);
    const next = words[i + 1];
    // a pair around a lone character: 稳|岗 → 稳岗, 信用|贷 → 信用贷 (a stop-word never pairs: 的补贴 means nothing)
    if (next !== undefined && cjkWord(w) && cjkWord(next) && ([...w].length === 1 || [...next].length === 1) && !POLICY_STOP_WORDS.has(w) && !POLICY_STOP_WORDS.has(next)) {
      terms.add(w + next);
    }
  }
  return [...terms];
}
