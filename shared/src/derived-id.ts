/**
 * Ids derived from what a record is (its holder, title, tickets…), so the same thing asked for twice
 * (a retry, a double tap, many racers) is the same id and a conditional put makes it once.
 */

/** FNV-1a of a string's UTF-16 code units, from `seed`: small, stable, not cryptographic. */
export function fnv1a(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Ten base-36 characters from two differently seeded hashes of `key` (about 52 bits). */
export const tenChars = (key: string): string =>
  fnv1a(key, 0x811c9dc5).toString(36).padStart(7, '0').slice(-5) + fnv1a(key, 0x01000193 ^ 0x5bd1e995).toString(36).padStart(7, '0').slice(-5);
