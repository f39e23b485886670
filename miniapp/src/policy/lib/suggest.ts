import Taro from '@tarojs/taro';
import type { PolicySuggestion } from '@whistle/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { policyApi } from '../../api/policy';
import { toastError } from '../../lib/toast';

/** Typing pauses this long before the words are looked up, and fewer characters than this ask for nothing. */
export const SUGGEST_DELAY_MS = 400;
export const SUGGEST_MIN_CHARS = 4;
/** At most this many suggestions under the form. */
export const SUGGEST_SHOWN = 3;

/**
 * Suggested policies for what the owner is typing: looked up once typing
 * pauses, the answer to an older text dropped. A failure shows nothing (the
 * suggestions are a help, never in the way of raising the request). `cancel`
 * stops a pending lookup (the form is being sent).
 */
export function useSuggestions(text: string, enabled: boolean, delayMs = SUGGEST_DELAY_MS) {
  const [items, setItems] = useState<PolicySuggestion[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const cancel = useCallback(() => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
    seq.current++;
  }, []);
  useEffect(() => {
    const q = text.trim();
    cancel();
    if (!enabled || q.length < SUGGEST_MIN_CHARS) {
      setItems([]);
      return;
    }
    const mine = seq.current;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      policyApi
        .suggest(q)
        .then((r) => {
          if (mine === seq.current) setItems(r.items.slice(0, SUGGEST_SHOWN));
        })
        .catch(() => {
          if (mine === seq.current) setItems([]);
        });
    }, delayMs);
    return cancel;
  }, [text, enabled, delayMs, cancel]);
  return { items, cancel };
}

/**
 * "已解决，不再提交": counted once, then a kind word and back (`leave`). A
 * failure says so and the owner stays on the form.
 */
export function useAnswered(leave: () => void) {
  const [busyId, setBusyId] = useState<string | undefined>(undefined);
  const answered = async (s: PolicySuggestion, q: string) => {
    if (busyId) return;
    setBusyId(s.policy.id);
    try {
      await policyApi.answered(s.policy.id, q.trim() || undefined);
    } catch (e) {
      toastError(e, '提交');
      setBusyId(undefined);
      return;
    }
    await Taro.showModal({
      title: '很高兴帮到您',
      content: `“${s.policy.title}”已解答您的问题，这次就不提交诉求了。之后如有疑问，可随时联系首问负责人${s.contact.name}（${s.contact.phone}），或再来吹哨。`,
      showCancel: false,
      confirmText: '好的',
    });
    setBusyId(undefined);
    leave();
  };
  return { busyId, answered };
}
