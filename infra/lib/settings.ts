/**
 * Deployment settings, read from CDK context (`-c key=value` or cdk.json) and
 * validated once. Everything here is public configuration: secrets are never
 * passed as context, only the names of the SSM parameters that hold them.
 */
export interface Settings {
  /** `dev` or `prod` (or another lower-case name; only `prod` is treated as production) */
  stage: string;
  isProd: boolean;
  /** AWS region (default ap-southeast-1) */
  region: string;
  /** deploy the devOnly routes and set DEV_ROUTES=true (only on a stage in `devRouteStages`) */
  devRoutes: boolean;
  /**
   * the explicit allowlist of stages that may turn dev routes on (context
   * `devRouteStages`, comma-separated; default `dev`; never `prod`); passed to
   * the functions as DEV_ROUTE_STAGES, which they check again at run time
   */
  devRouteStages: string[];
  /** host the H5 build (miniapp/dist/h5) on S3 + CloudFront */
  h5: boolean;
  /** origins allowed by the HTTP API's CORS (the H5 site's origin is added when `h5`) */
  corsOrigins: string[];
  /** e-mail subscribed to the alarm topic; no topic without it */
  alarmEmail?: string;
  logRetentionDays: number;
  logLevel: string;
  /** HTTP API stage throttling: steady requests per second and burst */
  apiRateLimit: number;
  apiBurstLimit: number;
  /** SSM SecureString holding the token signing key (set): read by the signing function only */
  tokenKeyParameter: string;
  /** SSM String holding the public keys of that set (npm run token:public-keys): resolved at deploy time into TOKEN_PUBLIC_KEYS */
  tokenPublicKeysParameter: string;
  /** SSM SecureString holding the WeChat app secret */
  wechatSecretParameter: string;
  /** the mini-program's AppID (public) */
  wechatAppId?: string;
  /** JSON object event → subscribe-message template id (public) */
  wechatTemplates?: string;
  /** sign-in rate limits per user / per source, `max/windowSeconds` (LOGIN_LIMIT_PER_USER / _PER_SOURCE; the functions' defaults otherwise) */
  loginLimitPerUser?: string;
  loginLimitPerSource?: string;
  /** customer-managed KMS key of the two SecureStrings, if not the AWS-managed aws/ssm key */
  parameterKmsKeyArn?: string;
  /** custom domain for the API (needed for the WeChat request whitelist with ICP filing) */
  apiDomainName?: string;
  /** ACM certificate (same region) for apiDomainName */
  apiCertificateArn?: string;
}

export type ContextReader = (key: string) => unknown;

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Retention values CloudWatch Logs accepts. */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const str = (v: unknown): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new SettingsError(`expected a string, got ${JSON.stringify(v)}`);
};

const bool = (key: string, v: unknown): boolean => {
  if (v === undefined || v === null || v === '') return false;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new SettingsError(`context ${key} must be true or false, got ${JSON.stringify(v)}`);
};

const list = (v: unknown): string[] => {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  return String(v)
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
};

/** The SSM parameters' names a stage has unless the context names others (scripts/token-public-keys.ts uses them too). */
export const defaultParameterNames = (stage: string): Pick<Settings, 'tokenKeyParameter' | 'tokenPublicKeysParameter' | 'wechatSecretParameter'> => ({
  tokenKeyParameter: `/whistle/${stage}/token-signing-key`,
  tokenPublicKeysParameter: `/whistle/${stage}/token-public-keys`,
  wechatSecretParameter: `/whistle/${stage}/wechat-app-secret`,
});

export function readSettings(get: ContextReader): Settings {
  const stage = str(get('stage')) ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) {
    throw new SettingsError(`context stage must be a short lower-case name such as dev or prod, got "${stage}"`);
  }
  const isProd = stage === 'prod';
  const region = str(get('region')) ?? process.env.CDK_DEPLOY_REGION ?? 'ap-southeast-1';
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new SettingsError(`context region is not a region name: "${region}"`);

  const devRouteStages = get('devRouteStages') === undefined ? ['dev'] : list(get('devRouteStages'));
  for (const s of devRouteStages) {
    if (!/^[a-z][a-z0-9-]{0,15}$/.test(s)) throw new SettingsError(`context devRouteStages: "${s}" is not a stage name`);
    if (s === 'prod') throw new SettingsError('context devRouteStages may not name prod: dev routes (demo sign-in, the clock) never exist in production');
  }
  const devRoutes = bool('devRoutes', get('devRoutes'));
  if (devRoutes && !devRouteStages.includes(stage)) {
    throw new SettingsError(
      `devRoutes=true is refused for stage "${stage}": dev routes (demo sign-in without a password, moving the clock) ` +
        `are allowed only on the stages of context devRouteStages (now: ${devRouteStages.join(', ') || 'none'})`,
    );
  }

  const logRetentionDays = Number(str(get('logRetentionDays')) ?? (isProd ? 90 : 30));
  if (!RETENTION_DAYS.includes(logRetentionDays)) {
    throw new SettingsError(`context logRetentionDays must be one of ${RETENTION_DAYS.join(', ')}`);
  }

  const positive = (key: string, fallback: number): number => {
    const n = Number(str(get(key)) ?? fallback);
    if (!Number.isInteger(n) || n <= 0) throw new SettingsError(`context ${key} must be a positive integer`);
    return n;
  };
  const apiRateLimit = positive('apiRateLimit', isProd ? 100 : 20);
  const apiBurstLimit = positive('apiBurstLimit', apiRateLimit * 2);

  const corsOrigins = list(get('corsOrigins'));
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new SettingsError(`context corsOrigins: "${origin}" is not an origin (scheme://host[:port], no path)`);
    }
  }

  const wechatTemplates = str(get('wechatTemplates'));
  if (wechatTemplates !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(wechatTemplates);
    } catch {
      throw new SettingsError('context wechatTemplates must be a JSON object of event → template id');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new SettingsError('context wechatTemplates must be a JSON object of event → template id');
    }
  }

  const rateRule = (key: string): string | undefined => {
    const v = str(get(key));
    if (v !== undefined && !/^[1-9]\d{0,5}\/[1-9]\d{0,4}$/.test(v)) throw new SettingsError(`context ${key} must be max/windowSeconds, such as 10/900`);
    return v;
  };

  const defaults = defaultParameterNames(stage);
  const parameterName = (key: string, fallback: string): string => {
    const name = str(get(key)) ?? fallback;
    if (!/^\/[A-Za-z0-9_.\-/]+$/.test(name)) {
      throw new SettingsError(`context ${key} must be an SSM parameter path such as ${fallback}`);
    }
    return name;
  };

  const apiDomainName = str(get('apiDomainName'));
  const apiCertificateArn = str(get('apiCertificateArn'));
  if ((apiDomainName === undefined) !== (apiCertificateArn === undefined)) {
    throw new SettingsError('context apiDomainName and apiCertificateArn go together');
  }

  const alarmEmail = str(get('alarmEmail'));
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+$/.test(alarmEmail)) {
    throw new SettingsError(`context alarmEmail is not an e-mail address: "${alarmEmail}"`);
  }

  const optional = <K extends string>(key: K, value: string | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

  return {
    stage,
    isProd,
    region,
    devRoutes,
    devRouteStages,
    h5: bool('h5', get('h5')),
    corsOrigins,
    logRetentionDays,
    logLevel: (str(get('logLevel')) ?? (isProd ? 'INFO' : 'DEBUG')).toUpperCase(),
    apiRateLimit,
    apiBurstLimit,
    tokenKeyParameter: parameterName('tokenKeyParameter', defaults.tokenKeyParameter),
    tokenPublicKeysParameter: parameterName('tokenPublicKeysParameter', defaults.tokenPublicKeysParameter),
    wechatSecretParameter: parameterName('wechatSecretParameter', defaults.wechatSecretParameter),
    ...optional('alarmEmail', alarmEmail),
    ...optional('wechatAppId', str(get('wechatAppId'))),
    ...optional('wechatTemplates', wechatTemplates),
    ...optional('loginLimitPerUser', rateRule('loginLimitPerUser')),
    ...optional('loginLimitPerSource', rateRule('loginLimitPerSource')),
    ...optional('parameterKmsKeyArn', str(get('parameterKmsKeyArn'))),
    ...optional('apiDomainName', apiDomainName),
    ...optional('apiCertificateArn', apiCertificateArn),
  };
}
