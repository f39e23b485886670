import * as z from 'zod/mini';

/**
 * Per-caller rate limits. A limit is `max` requests per fixed window of
 * `windowSeconds` (wall-clock time, counted in the store so it holds across
 * Lambda instances). Intake and claim limits are per tenant (a setting an
 * admin changes: GET/PUT /api/admin/rate-limits); login limits are per
 * deployment (configuration: the tenant is unknown before sign-in).
 */
export const RateLimitRule = z.strictObject({
  max: z.int({ error: '次数上限应为整数' }).check(z.minimum(1, { error: '次数上限至少为 1' }), z.maximum(100_000, { error: '次数上限最多为 100000' })),
  windowSeconds: z
    .int({ error: '时间窗口应为整数秒' })
    .check(z.minimum(1, { error: '时间窗口至少 1 秒' }), z.maximum(86_400, { error: '时间窗口最长 86400 秒（一天）' })),
});
export type RateLimitRule = z.infer<typeof RateLimitRule>;

/** A tenant's limits (the setting). */
export const RateLimits = z.strictObject({
  /** 企业吹哨: new requests per enterprise (idempotent replays are free) */
  intakePerEnterprise: RateLimitRule,
  /** 部门报到: claim attempts per officer (won or lost) */
  claimsPerOfficer: RateLimitRule,
});
export type RateLimits = z.infer<typeof RateLimits>;

/**
 * Defaults, for the demo district and every tenant that has not set its own:
 * - intake 20 per enterprise per hour: an enterprise raises a few requests a
 *   month; 20 in an hour is a script or a stuck retry loop, not a person, and
 *   still leaves room for a secretary entering a backlog;
 * - claims 30 per officer per minute: claiming is one tap on a card; a person
 *   clears a feed at a few per minute, a bot claiming everything at many per
 *   second.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  intakePerEnterprise: { max: 20, windowSeconds: 3600 },
  claimsPerOfficer: { max: 30, windowSeconds: 60 },
};

/** Login limits: per deployment (functions/src/config.ts), shown read-only with the tenant's. */
export const LoginRateLimits = z.object({
  /** sign-in attempts per user (dev-login: the persona; WeChat: the openid) */
  perUser: RateLimitRule,
  /** sign-in attempts per source IP */
  perSource: RateLimitRule,
});
export type LoginRateLimits = z.infer<typeof LoginRateLimits>;

/**
 * Login defaults: 10 per user per 15 minutes (a person mistyping or
 * re-opening the app a few times never reaches it; guessing does) and 60 per
 * source per 15 minutes (an office behind one NAT signs in a few dozen people
 * in the morning).
 */
export const DEFAULT_LOGIN_RATE_LIMITS: LoginRateLimits = {
  perUser: { max: 10, windowSeconds: 900 },
  perSource: { max: 60, windowSeconds: 900 },
};

export const RateLimitsResponse = z.object({
  limits: RateLimits,
  /** no setting stored: the defaults apply */
  isDefault: z.boolean(),
  /** the deployment's login limits (configuration, not per tenant) */
  login: LoginRateLimits,
});
export type RateLimitsResponse = z.infer<typeof RateLimitsResponse>;
