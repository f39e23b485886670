import { DEFAULT_LOGIN_RATE_LIMITS, type LoginRateLimits } from '@whistle/shared';
import * as z from 'zod/mini';
import type { PublicTokenKey } from './adapters/tokens.js';

/**
 * Configuration, read once from the environment; fails fast when something the
 * deployment must provide is missing. Nothing else reads process.env.
 */
export interface Config {
  stage: string;
  region: string;
  tableName: string;
  queueUrls: { escalation: string; outbox: string };
  /** the importer's queue (IMPORTER_QUEUE_URL): only the functions that start imports send to it */
  importQueueUrl?: string;
  /** local stack: endpoints of dynalite and fauxqs (and an SSM double in tests) */
  endpoints: { dynamodb?: string; sqs?: string; ssm?: string };
  /**
   * dev-only routes (dev sign-in, dev clock, run schedules): on only where
   * DEV_ROUTES=true and the stack is explicitly local (WHISTLE_LOCAL=true, set
   * by the local stack) or its STAGE is on the DEV_ROUTE_STAGES allowlist the
   * CDK stack passes (comma-separated; the CDK refuses the flag elsewhere)
   */
  devRoutes: boolean;
  /** the tenant whose personas the dev login offers */
  devTenant: string;
  /**
   * Tokens. A function verifies with `publicKeys` if set, else with the public keys of `key` (+ `previousKey`);
   * only the function that signs (auth) reads the private key set, from `key` or else the SSM `parameterName`.
   */
  token: {
    /** the public keys that verify (TOKEN_PUBLIC_KEYS, a JSON array of {kid, x}): not secret, set on AWS */
    publicKeys?: PublicTokenKey[];
    /** the current signing key (or a JSON key set), from the environment: the local stack, tests and benchmarks only */
    key?: string;
    /** the current key's id (its fingerprint by default) */
    keyId?: string;
    /** the key before the last rotation: tokens it signed stay valid until they expire */
    previousKey?: string;
    previousKeyId?: string;
    /** SSM SecureString holding the key: a single key or a JSON key set {current, previous} (set on the signing function only) */
    parameterName?: string;
    ttlSeconds: number;
    issuer: string;
    audience: string;
  };
  /**
   * `secret`: the app secret itself, for the local stack's WeChat double only (WECHAT_APP_SECRET, never set on AWS,
   * where it is read from SSM by `secretParameterName`)
   */
  wechat: { appId?: string; secretParameterName?: string; secret?: string; templates: Record<string, string>; apiBaseUrl?: string };
  /**
   * Sign-in rate limits, per deployment (not per tenant: the tenant is unknown
   * before sign-in). LOGIN_LIMIT_PER_USER and LOGIN_LIMIT_PER_SOURCE, each
   * `max/windowSeconds` (e.g. `10/900`); defaults DEFAULT_LOGIN_RATE_LIMITS.
   */
  loginLimits: LoginRateLimits;
  logLevel: string;
  /** running in AWS Lambda (the runtime sets AWS_LAMBDA_FUNCTION_NAME) */
  lambda: boolean;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_MISSING';
  constructor(readonly variable: string) {
    super(`missing required environment variable ${variable}`);
    this.name = 'ConfigError';
  }
}

/** TOKEN_PUBLIC_KEYS: `[{"kid", "x"}]`, x the raw 32-byte Ed25519 public key in base64url (npm run token:public-keys prints it) */
const PublicKeys = z
  .array(z.object({ kid: z.string().check(z.minLength(1)), x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)) }))
  .check(
    z.minLength(1),
    z.refine((keys) => new Set(keys.map((k) => k.kid)).size === keys.length, 'duplicate kid'),
  );

function publicKeys(raw: string): PublicTokenKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (cause) {
    throw new Error('TOKEN_PUBLIC_KEYS must be JSON: [{"kid": "…", "x": "<Ed25519 public key, base64url>"}]', { cause });
  }
  const result = PublicKeys.safeParse(parsed);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new Error(`TOKEN_PUBLIC_KEYS must be a non-empty array of {"kid", "x"} (x: 32 bytes in base64url, kids distinct): ${problems}`, {
      cause: result.error,
    });
  }
  return result.data;
}

/** `max/windowSeconds`, e.g. `10/900` (at most 100000 per at most a day) */
function rateRule(env: NodeJS.ProcessEnv, name: string, fallback: LoginRateLimits['perUser']): LoginRateLimits['perUser'] {
  const raw = env[name];
  if (!raw) return fallback;
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const max = Number(m?.[1]);
  const windowSeconds = Number(m?.[2]);
  if (!m || max < 1 || max > 100_000 || windowSeconds < 1 || windowSeconds > 86_400) {
    throw new Error(`${name} must be max/windowSeconds, e.g. 10/900 (max 1…100000, window 1…86400 s): ${raw}`);
  }
  return { max, windowSeconds };
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const need = (name: string): string => {
    const v = env[name];
    if (!v) throw new ConfigError(name);
    return v;
  };
  const token = {
    ttlSeconds: Number(env.TOKEN_TTL_SECONDS ?? 7 * 24 * 3600),
    ...(env.TOKEN_PUBLIC_KEYS ? { publicKeys: publicKeys(env.TOKEN_PUBLIC_KEYS) } : {}),
    ...(env.TOKEN_SIGNING_KEY ? { key: env.TOKEN_SIGNING_KEY } : {}),
    ...(env.TOKEN_KEY_ID ? { keyId: env.TOKEN_KEY_ID } : {}),
    ...(env.TOKEN_PREVIOUS_SIGNING_KEY ? { previousKey: env.TOKEN_PREVIOUS_SIGNING_KEY } : {}),
    ...(env.TOKEN_PREVIOUS_KEY_ID ? { previousKeyId: env.TOKEN_PREVIOUS_KEY_ID } : {}),
    ...(env.TOKEN_KEY_PARAMETER ? { parameterName: env.TOKEN_KEY_PARAMETER } : {}),
    issuer: env.TOKEN_ISSUER ?? 'whistle',
    audience: env.TOKEN_AUDIENCE ?? 'whistle-api',
  };
  // no token source is required here: functions that neither verify nor sign (the queue consumers, the schedules)
  // have none; the wiring names what is missing where a token is verified or signed
  let templates: Record<string, string> = {};
  if (env.WECHAT_TEMPLATES) {
    try {
      templates = JSON.parse(env.WECHAT_TEMPLATES) as Record<string, string>;
    } catch (cause) {
      throw new Error('WECHAT_TEMPLATES must be a JSON object of event → template id', { cause });
    }
  }
  return {
    stage: env.STAGE ?? 'local',
    region: env.AWS_REGION ?? 'cn-north-1',
    tableName: need('TABLE_NAME'),
    queueUrls: { escalation: need('ESCALATION_QUEUE_URL'), outbox: need('OUTBOX_QUEUE_URL') },
    ...(env.IMPORTER_QUEUE_URL ? { importQueueUrl: env.IMPORTER_QUEUE_URL } : {}),
    endpoints: {
      ...(env.DYNAMODB_ENDPOINT ? { dynamodb: env.DYNAMODB_ENDPOINT } : {}),
      ...(env.SQS_ENDPOINT ? { sqs: env.SQS_ENDPOINT } : {}),
      ...(env.SSM_ENDPOINT ? { ssm: env.SSM_ENDPOINT } : {}),
    },
    devRoutes: devRoutesOn(env),
    devTenant: env.DEV_TENANT ?? 'qingxi',
    token,
    wechat: {
      ...(env.WECHAT_APP_ID ? { appId: env.WECHAT_APP_ID } : {}),
      ...(env.WECHAT_SECRET_PARAMETER ? { secretParameterName: env.WECHAT_SECRET_PARAMETER } : {}),
      ...(env.WECHAT_APP_SECRET ? { secret: env.WECHAT_APP_SECRET } : {}),
      templates,
      ...(env.WECHAT_API_BASE_URL ? { apiBaseUrl: env.WECHAT_API_BASE_URL } : {}),
    },
    loginLimits: {
      perUser: rateRule(env, 'LOGIN_LIMIT_PER_USER', DEFAULT_LOGIN_RATE_LIMITS.perUser),
      perSource: rateRule(env, 'LOGIN_LIMIT_PER_SOURCE', DEFAULT_LOGIN_RATE_LIMITS.perSource),
    },
    // Powertools' variable first; the local stack logs warnings and errors only unless told otherwise
    logLevel: env.POWERTOOLS_LOG_LEVEL ?? env.LOG_LEVEL ?? (env.DYNAMODB_ENDPOINT ? 'WARN' : 'INFO'),
    lambda: env.AWS_LAMBDA_FUNCTION_NAME !== undefined,
  };
}

/** The dev routes' switch: the flag alone is not enough, the place must be local or allowlisted. */
export function devRoutesOn(env: NodeJS.ProcessEnv): boolean {
  if (env.DEV_ROUTES !== 'true') return false;
  if (env.WHISTLE_LOCAL === 'true') return true;
  const stage = env.STAGE ?? '';
  const allowed = (env.DEV_ROUTE_STAGES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return stage !== '' && allowed.includes(stage);
}

let cached: Config | undefined;
/** The process's configuration (read on first use, then fixed). */
export const config = (): Config => (cached ??= loadConfig(process.env));
/** Tests and the local stack re-read after setting the environment. */
export const resetConfig = (): void => {
  cached = undefined;
};
