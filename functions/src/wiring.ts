import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { systemClock } from './adapters/time.js';
import { parseKeySet, publicKeysOf, TokenSigner, TokenVerifier, type TokenKeySet } from './adapters/tokens.js';
import { installSourceMappedStacks } from './adapters/source-mapped-stacks.js';
import type { SecretReader } from './adapters/secrets.js';
import { unconfiguredWechat, WechatApi } from './adapters/wechat.js';
import { config, ConfigError, type Config } from './config.js';
import { devControls, type DevControls } from './dev-controls.js';
import { keys } from './store/keys.js';
import { METRICS } from './topology.js';
import type { Ports, WechatPort } from './ports.js';
import { AuditStore } from './store/audit-store.js';
import { DeliveryStore } from './store/delivery-store.js';
import { DueStore } from './store/due-store.js';
import { OutboxStore } from './store/outbox-store.js';
import { HolderStore } from './store/holder-store.js';
import { Store } from './store/dynamo.js';
import { InboxStore } from './store/inbox-store.js';
import { NoticeStore } from './store/notice-store.js';
import { RateLimitStore } from './store/rate-limit-store.js';
import { ReferenceStore } from './store/reference-store.js';
import { SettingsStore } from './store/settings-store.js';
import { TicketStore } from './store/ticket-store.js';

/**
 * Adapters wired once per process (module scope in each handler): clients are
 * reused across invocations of a warm Lambda. The services see the ports;
 * the handlers also reach configuration, tokens and the health checks.
 */
export interface Deps extends Ports {
  config: Config;
  /** the table itself: the health check and the local stack's seeding only */
  store: Store;
  /** SQS for the functions: SendMessageBatch (through `queue`) and the health check's GetQueueAttributes */
  sqs: SQSClient;
  /** verifies tokens with public keys only (TOKEN_PUBLIC_KEYS, or those of TOKEN_SIGNING_KEY): no secret, no SSM */
  verifier: TokenVerifier;
  /**
   * signs tokens (the `auth` function): the private key set from TOKEN_SIGNING_KEY, or on AWS from SSM
   * (TOKEN_KEY_PARAMETER), through the secret reader functions/src/wiring/secrets.ts provides
   */
  signer: () => Promise<TokenSigner>;
  /** whether the table and the queues answer (GET /api/health) */
  health: { store(): Promise<void>; queue(name: keyof Config['queueUrls']): Promise<void> };
  /** the dev routes' controls (the routes are 404 wherever DEV_ROUTES is off) */
  dev: DevControls;
  logger: Logger;
  /** business metrics (EMF); off in the local stack and tests */
  metrics: Metrics;
}

/** a local service (dynalite, fauxqs, a test double) takes any credentials; on Lambda the SDK's default provider chain */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Ports only some functions use (the assessment: its API, the notifier and
 * the exports; the races and the visits: their API) are provided by a module their handlers
 * import (functions/src/wiring/<port>.ts), so no other function's bundle
 * carries their adapters. Built once per container, on first use.
 */
export type OptionalPort =
  | 'assessment'
  | 'analysis'
  | 'races'
  | 'visits'
  | 'policies'
  | 'imports'
  | 'importQueue'
  | 'tenants'
  | 'wechatAccounts'
  | 'retrospectives'
  | 'commonIssues'
  | 'queue';
/**
 * Built from the table, the SQS client (made on first use: only the functions
 * that send import the SQS client, functions/src/wiring/queue.ts) and the configuration.
 */
type PortFactory<K extends OptionalPort> = (store: Store, sqs: () => SQSClient, cfg: Config) => Ports[K];
/** SQS as the functions that send or check queues have it (functions/src/wiring/queue.ts registers it) */
export interface SqsWiring {
  client(cfg: Config): SQSClient;
  /** resolves when the queue answers (the health check) */
  answers(sqs: SQSClient, queueUrl: string): Promise<void>;
}
let sqsWiring: SqsWiring | undefined;
export function provideSqs(wiring: SqsWiring): void {
  sqsWiring = wiring;
}
const needSqs = (): SqsWiring => {
  if (!sqsWiring) throw new Error('SQS is not wired in this function: its handler imports functions/src/wiring/queue.ts');
  return sqsWiring;
};
const factories: { [K in OptionalPort]?: PortFactory<K> } = {};
export function provide<K extends OptionalPort>(name: K, make: PortFactory<K>): void {
  (factories as Record<K, PortFactory<K>>)[name] = make;
}

/**
 * SSM SecureStrings (the token signing key, the WeChat app secret) are read through a module only the functions
 * that need them import (functions/src/wiring/secrets.ts: auth, notifier), so no other bundle carries the SSM client.
 */
type SecretsFactory = (cfg: Config) => SecretReader;
let secretsFactory: SecretsFactory | undefined;
export function provideSecrets(make: SecretsFactory): void {
  secretsFactory = make;
}

function build(cfg: Config): Deps {
  // the bundles' stack traces, mapped when read (NODE_OPTIONS=--enable-source-maps, where set, maps them itself)
  if (cfg.lambda && !process.sourceMapsEnabled) installSourceMappedStacks();
  const store = new Store({
    tableName: cfg.tableName,
    region: cfg.region,
    ...(cfg.endpoints.dynamodb ? { endpoint: cfg.endpoints.dynamodb, credentials: LOCAL_CREDENTIALS } : {}),
  });
  let sqsClient: SQSClient | undefined;
  const sqs = (): SQSClient => (sqsClient ??= needSqs().client(cfg));
  const refs = new ReferenceStore(store);
  let secretReader: SecretReader | undefined;
  const secrets: SecretReader = async (name) => {
    if (!secretsFactory) throw new Error(`SSM secrets are not wired in this function (${name}): its handler imports functions/src/wiring/secrets.ts`);
    return (secretReader ??= secretsFactory(cfg))(name);
  };
  const tokenOptions = { issuer: cfg.token.issuer, audience: cfg.token.audience };
  // the key set in the environment (the local stack, tests, benchmarks), read on first use
  let envKeys: { set: TokenKeySet | undefined } | undefined;
  const envKeySet = (): TokenKeySet | undefined => {
    if (!envKeys) {
      const set = cfg.token.key ? parseKeySet(cfg.token.key, cfg.token.keyId) : undefined;
      const previous = cfg.token.previousKey ? parseKeySet(cfg.token.previousKey, cfg.token.previousKeyId).current : undefined;
      envKeys = { set: set && { current: set.current, previous: [...(set.previous ?? []), ...(previous ? [previous] : [])] } };
    }
    return envKeys.set;
  };
  let verifier: TokenVerifier | undefined;
  const tokenVerifier = (): TokenVerifier => {
    if (verifier) return verifier;
    const set = cfg.token.publicKeys ? undefined : envKeySet();
    const keys = cfg.token.publicKeys ?? (set && publicKeysOf(set));
    if (!keys) throw new ConfigError('TOKEN_PUBLIC_KEYS or TOKEN_SIGNING_KEY');
    return (verifier = new TokenVerifier(keys, tokenOptions));
  };
  let fromEnv: TokenSigner | undefined;
  let fromParameter: { raw: string; signer: TokenSigner } | undefined;
  // the key set from the environment, or from SSM (Powertools' cache: a rotated key reaches warm functions)
  const signer = async (): Promise<TokenSigner> => {
    const set = envKeySet();
    if (set) return (fromEnv ??= new TokenSigner(set, tokenOptions));
    if (!cfg.token.parameterName) throw new ConfigError('TOKEN_SIGNING_KEY or TOKEN_KEY_PARAMETER');
    const raw = await secrets(cfg.token.parameterName);
    if (fromParameter?.raw !== raw) fromParameter = { raw, signer: publishedSigner(new TokenSigner(parseKeySet(raw, cfg.token.keyId), tokenOptions), cfg) };
    return fromParameter.signer;
  };
  const localSecret = cfg.wechat.secret;
  const wechat: WechatPort =
    cfg.wechat.appId && (cfg.wechat.secretParameterName || localSecret)
      ? new WechatApi(
          cfg.wechat.appId,
          // the local stack's double takes its secret from the environment; on AWS it comes from SSM
          localSecret ? () => Promise.resolve(localSecret) : () => secrets(cfg.wechat.secretParameterName ?? ''),
          cfg.wechat.apiBaseUrl ? { baseUrl: cfg.wechat.apiBaseUrl } : {},
        )
      : unconfiguredWechat;
  const optional = new Map<OptionalPort, unknown>();
  const port = <K extends OptionalPort>(name: K): Ports[K] => {
    const make = factories[name];
    if (!make) throw new Error(`the ${name} port is not wired in this function: its handler imports functions/src/wiring/${name}.ts`);
    if (!optional.has(name)) optional.set(name, make(store, sqs, cfg));
    return optional.get(name) as Ports[K];
  };
  return {
    config: cfg,
    get assessment() {
      return port('assessment');
    },
    get analysis() {
      return port('analysis');
    },
    get races() {
      return port('races');
    },
    get visits() {
      return port('visits');
    },
    get retrospectives() {
      return port('retrospectives');
    },
    get commonIssues() {
      return port('commonIssues');
    },
    get policies() {
      return port('policies');
    },
    get imports() {
      return port('imports');
    },
    get importQueue() {
      return port('importQueue');
    },
    get tenants() {
      return port('tenants');
    },
    get wechatAccounts() {
      return port('wechatAccounts');
    },
    get queue() {
      return port('queue');
    },
    get sqs() {
      return sqs();
    },
    store,
    refs,
    tickets: new TicketStore(store),
    audit: new AuditStore(store),
    notices: new NoticeStore(store),
    due: new DueStore(store),
    holders: new HolderStore(store),
    settings: new SettingsStore(store, refs),
    inbox: new InboxStore(store),
    deliveries: new DeliveryStore(store),
    outbox: new OutboxStore(store),
    rateLimiter: new RateLimitStore(store),
    clock: systemClock,
    wechat,
    // read from the configuration at each use (the configuration is the one source)
    get wechatTemplates() {
      return cfg.wechat.templates;
    },
    get loginLimits() {
      return cfg.loginLimits;
    },
    health: {
      store: async () => void (await store.get(keys.counter('health', 'probe'))),
      queue: (name) => needSqs().answers(sqs(), cfg.queueUrls[name]),
    },
    dev: devControls,
    get verifier() {
      return tokenVerifier();
    },
    signer,
    logger: new Logger({ serviceName: 'whistle', logLevel: cfg.logLevel.toUpperCase() as 'INFO' }),
    metrics: new Metrics({ namespace: METRICS.namespace, serviceName: METRICS.service, defaultDimensions: { stage: cfg.stage } }),
  };
}

/**
 * A signer whose current key the verifiers know: its public key must be in TOKEN_PUBLIC_KEYS (where that is set),
 * or every token it signed would be refused (docs/deploy.md: publish the public key, deploy, then switch the key).
 */
function publishedSigner(signer: TokenSigner, cfg: Config): TokenSigner {
  const current = signer.publicKeys[0];
  const published = cfg.token.publicKeys;
  if (current && published && !published.some((k) => k.kid === current.kid && k.x === current.x)) {
    throw new Error(
      `the current token signing key ${current.kid} is not in TOKEN_PUBLIC_KEYS: publish its public key (npm run token:public-keys -- --put) and deploy before switching to it`,
    );
  }
  return signer;
}

let deps: Deps | undefined;
export const wire = (): Deps => (deps ??= build(config()));
/** The local stack and tests rewire after changing the environment. */
export const resetWiring = (): void => {
  deps = undefined;
};
