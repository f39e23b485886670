import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthError, Role } from '@whistle/shared';
import * as z from 'zod/mini';

/**
 * Signed bearer tokens (JWT, HS256): tenant, user and roles, with an expiry.
 * Verified in one place (the HTTP wrapper) for every route but the public ones.
 */
export const TokenClaims = z.object({
  sub: z.string(),
  ten: z.string(),
  roles: z.array(Role).check(z.minLength(1)),
  iat: z.number(),
  exp: z.number(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

const b64 = (v: string | Buffer) => Buffer.from(v).toString('base64url');
const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export class TokenSigner {
  constructor(private readonly key: string) {
    if (key.length < 32) throw new Error('token signing key must be at least 32 characters');
  }

  sign(claims: Omit<TokenClaims, 'iat' | 'exp'>, nowMs: number, ttlSeconds: number): { token: string; expiresAt: string } {
    const iat = Math.floor(nowMs / 1000);
    const body = b64(JSON.stringify({ ...claims, iat, exp: iat + ttlSeconds }));
    const sig = createHmac('sha256', this.key).update(`${HEADER}.${body}`).digest('base64url');
    return { token: `${HEADER}.${body}.${sig}`, expiresAt: new Date((iat + ttlSeconds) * 1000).toISOString() };
  }

  verify(token: string, nowMs: number): TokenClaims {
    const parts = token.split('.');
    if (parts.length !== 3) throw new AuthError('登录凭证无效，请重新登录');
    const [h, body, sig] = parts as [string, string, string];
    const expected = createHmac('sha256', this.key).update(`${h}.${body}`).digest();
    const given = Buffer.from(sig, 'base64url');
    if (h !== HEADER || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AuthError('登录凭证无效，请重新登录');
    }
    let claims: TokenClaims;
    try {
      claims = TokenClaims.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    } catch (cause) {
      throw new AuthError('登录凭证无效，请重新登录', cause);
    }
    // wall-clock expiry: the dev clock must not make tokens live forever or die early
    if (claims.exp * 1000 <= nowMs) throw new AuthError('登录已过期，请重新登录');
    return claims;
  }
}
