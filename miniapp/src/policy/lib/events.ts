/** Page-to-page news within the policy pages (Taro's event centre). */

/** An enterprise profile was saved (payload: the enterprise): 我的政策 matches again. */
export const PROFILE_SAVED = 'whistle:policy-profile-saved';
/** A policy was written, published or retired (payload: the policy): lists and its page load again. */
export const POLICY_CHANGED = 'whistle:policy-changed';
