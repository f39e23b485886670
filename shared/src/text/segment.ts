/**
 * Chinese word segmentation for matching free text (requests, later policies),
 * in the functions, with no external service: ICU's dictionary segmenter
 * (`Intl.Segmenter('zh', { granularity: 'word' })`, in Node's default full-ICU
 * build and in Lambda's Node runtimes) plus three things ICU does not do:
 *
 * - normalisation: NFKC (full-width letters, digits and punctuation become
 *   half-width: "５Ｇ" → "5g"), then lower case;
 * - stop words: function words and the words every request uses ("企业",
 *   "希望", "问题", "能否"…), which would make any two requests look alike;
 * - a bigram fallback for unknown compounds: ICU's dictionary does not know
 *   much of the desk's vocabulary and breaks it into single characters
 *   ("增|容", "续|贷", "宽|带", "公|交", "危|废"); a run of adjacent single
 *   Han characters yields its character bigrams ("增容", "续贷"…), so the
 *   compound still matches itself. A lone single character is dropped: on its
 *   own it is mostly a function word ("很", "在") or too vague to match on.
 *
 * Pure; the segmenter is built on first use, so importing this module costs
 * nothing where it is never called (the mini-program bundle).
 */

let segmenter: Intl.Segmenter | undefined;
const wordSegmenter = (): Intl.Segmenter => (segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' }));

/** Full-width → half-width (NFKC), lower case: "ＡＧＶ小车" → "agv小车". */
export const normalizeText = (text: string): string => text.normalize('NFKC').toLowerCase();

/**
 * Words that say nothing about what a request is about: pronouns and
 * particles, politeness and request verbs, and the desk's own vocabulary
 * (every request is a 企业's 问题 that it 希望 someone will 协调 解决).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 了 着 过 吗 呢 吧 啊 呀 哦 嘛 么 之 其 及 与 和 或 并 而 且 但 则 即 也 都 就 还 又 再 才 很 太 更 最 挺 ' +
    '在 是 有 为 被 把 将 对 给 让 从 向 于 以 由 按 跟 等 这 那 哪 此 该 各 每 某 个 些 ' +
    '我 你 他 她 它 我们 你们 他们 她们 它们 咱们 自己 大家 本 我司 贵司 本公司 公司 企业 厂里 单位 ' +
    '请 请问 麻烦 谢谢 感谢 恳请 希望 希望能 建议 想 想要 想问 想了解 了解 咨询 反映 反应 申请 要求 需要 帮助 帮忙 协调 解决 处理 ' +
    '问题 情况 事情 方面 相关 有关 部门 政府 有关部门 相关部门 工作 办法 方式 ' +
    '能否 能不能 可否 可以 是否 能 会 要 应该 如何 怎么 怎么办 怎样 什么 多久 哪些 哪里 哪个 为什么 ' +
    '目前 现在 已经 一直 始终 至今 今年 去年 明年 最近 近期 这个 那个 这些 那些 一个 一些 一下 一次 ' +
    '非常 比较 特别 十分 确实 实在 真的 严重 很多 不少 许多 有点 ' +
    '因为 所以 但是 如果 虽然 而且 然后 还是 或者 以及 对于 关于 通过 进行 造成 导致 影响 ' +
    '有限公司 有限责任公司 股份有限公司 集团'
  ).split(/\s+/),
);

/** Single characters that never start or continue a compound in the bigram fallback. */
const STOP_CHARS: ReadonlySet<string> = new Set(
  '的了着过吗呢吧啊呀哦嘛么之其及与和或并而且但则即也都就还又再才很太更最挺在是有为被把将对给让从向于以由按跟等这那哪此该各每某个些我你他她它请想要能会'.split(''),
);

const HAN_CHAR = /^\p{Script=Han}$/u;
/** Digits alone (amounts, dates, counts): they differ between two tellings of the same problem. */
const NUMERIC = /^[\p{N}.,%]+$/u;

/** ICU's word-like segments of the normalised text, in order; `null` marks a break (punctuation, space). */
export function wordSegments(text: string): Array<string | null> {
  const out: Array<string | null> = [];
  for (const s of wordSegmenter().segment(normalizeText(text))) out.push(s.isWordLike ? s.segment : null);
  return out;
}

export interface SegmentOptions {
  /** words to drop (default `STOP_WORDS`) */
  stopWords?: ReadonlySet<string>;
}

/**
 * The terms of a text, in order, repeats kept (a caller counts them): ICU's
 * words minus stop words and bare numbers, plus the bigrams of each run of
 * adjacent single Han characters (see above).
 */
export function segment(text: string, options: SegmentOptions = {}): string[] {
  const stop = options.stopWords ?? STOP_WORDS;
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) {
      const bigram = `${run[i]}${run[i + 1]}`;
      if (!stop.has(bigram)) out.push(bigram);
    }
    run = [];
  };
  for (const w of wordSegments(text)) {
    if (w === null) {
      flush();
      continue;
    }
    if (HAN_CHAR.test(w)) {
      if (STOP_CHARS.has(w)) flush();
      else run.push(w);
      continue;
    }
    flush();
    if (!stop.has(w) && !NUMERIC.test(w)) out.push(w);
  }
  flush();
  return out;
}
