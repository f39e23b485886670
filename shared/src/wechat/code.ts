import * as z from 'zod/mini';
import { cleanText } from '../schemas/common.js';

/**
 * The invitation code alone (邀请码: its alphabet, length, normal form and
 * schema), apart from the rest of the WeChat domain so the request bodies
 * that carry a code do not bring it all into every function's bundle.
 */

// ── invitations (邀请码) ────────────────────────────────────────────────────

/**
 * The letters a code is made of: digits and capitals without the ones people
 * confuse when they read or type them (0/O, 1/I/L, U/V keeps V): 30 symbols.
 */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/** symbols per code: 30^10 ≈ 5.9 × 10^14, unguessable behind the sign-in rate limits */
export const INVITE_CODE_LENGTH = 10;
/** how long an invitation stays usable unless the admin says otherwise */
export const INVITE_DEFAULT_DAYS = 7;
export const INVITE_MAX_DAYS = 30;
/** users one request may invite at once */
export const INVITE_MAX_USERS = 200;

/**
 * A code from random bytes (crypto random, given by the caller: the domain is
 * pure). Rejection sampling keeps every symbol equally likely; answers
 * undefined when the bytes ran out first (ask again with more).
 */
export function inviteCodeFrom(bytes: Uint8Array): string | undefined {
  const n = INVITE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = '';
  for (const b of bytes) {
    if (b >= limit) continue;
    code += INVITE_ALPHABET[b % n];
    if (code.length === INVITE_CODE_LENGTH) return code;
  }
  return undefined;
}

/** What a person types, as the code is stored: capitals, no spaces or dashes (`abcde-fghjk` → `ABCDEFGHJK`). */
export const normalizeInviteCode = (typed: string): string => typed.replace(/[\s-]+/g, '').toUpperCase();

/** The code as shown to a person: two groups of five (`ABCDE-FGHJK`). */
export const displayInviteCode = (code: string): string => (code.length === INVITE_CODE_LENGTH ? `${code.slice(0, 5)}-${code.slice(5)}` : code);

/** The mini-program page the invitation's QR code opens, with the code (the console draws the QR from it). */
export const invitePath = (code: string): string => `pages/login/index?invite=${code}`;

const INVITE_CODE_PATTERN = new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`);

/** An invitation code as typed (spaces, dashes and lower case allowed), normalised. */
export const InvitationCode = z.pipe(
  z.string({ error: '请填写邀请码' }).check(z.maxLength(32, { error: '邀请码格式不正确' }), cleanText()),
  z.pipe(
    z.transform((s: string) => normalizeInviteCode(s)),
    z.string().check(z.regex(INVITE_CODE_PATTERN, { error: '邀请码格式不正确（10 位字母和数字）' })),
  ),
);
