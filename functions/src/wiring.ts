import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { systemClock } from './adapters/time.js';
import type { TokenSigner, TokenVerifier } from './adapters/tokens.js';
import { installSourceMappedStacks } from './adapters/source-mapped-stacks.js';
import type { SecretReader } from './adapters/secrets.js';
import { unconfiguredWechat, WechatApi } from './adapters/wechat.js';
import { config, type Config } from './config.js';
import { devControls, type DevControls } from './dev-controls.js';
import { keys } from './store/keys.js';
import { METRICS } from './topology.js';
import type { Ports, WechatPort } from './ports.js';
import { AuditStore } from './store/audit-store.js';
import { DeliveryStore } from './store/delivery-store.js';
import { DueStore } from './store/due-store.js';
import { OutboxStore } from './store/outbox-store.js';
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
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Ports only some functions use (the assessment: its API, the notifier and
 * the exports; the races and the visits: their API; the ladder's holders: the
 * sweep and the escalation worker) are provided by a module their handlers
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
  | 'holders'
  | 'queue';
/**
 * Built from the table, the SQS client (made on first use: only the functions
 * that send import the SQS client, functions/src/wiring/queue.ts) and the configuration.
 */
type PortFactory<K extends OptionalPort> = (store: Store, sqs: () => SQSClient, cfg: Config) => Ports[K];
const factories: { [K in OptionalPort]?: PortFactory<K> } = {};
export function provide<K extends OptionalPort>(name: K, make: PortFactory<K>): void {
  (factories as Record<K, PortFactory<K>>)[name] = make;
}

/**
 * A part of the wiring only some functions carry (the SQS client, the SSM secret reader, the tokens), so that no
 * other bundle carries its library: the module their handlers import (functions/src/wiring/<module>.ts)
 * registers it, and a function that uses it without registering it fails naming that module.
 */
function registered<T>(what: string, module: string): { provide(value: T): void; need(): T } {
  let value: T | undefined;
  return {
    provide: (v) => {
      value = v;
    },
    need: () => {
      if (value === undefined) throw new Error(`${what} is not wired in this function: its handler imports functions/src/wiring/${module}.ts`);
      return value;
    },
  };
}

/** What is made once per container, on first use. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** SQS as the functions that send or check queues have it */
export interface SqsWiring {
  client(cfg: Config): SQSClient;
  /** resolves when the queue answers (the health check) */
  answers(sqs: SQSClient, queueUrl: string): Promise<void>;
}
const sqsPart = registered<SqsWiring>('SQS', 'queue');
export const provideSqs = sqsPart.provide;

/** SSM SecureStrings (the token signing key, the WeChat app secret): auth and the notifier only */
const secretsPart = registered<(cfg: Config) => SecretReader>('SSM secrets', 'secrets');
export const provideSecrets = secretsPart.provide;

/** Tokens as a function that verifies (every HTTP function: http/handler.ts imports the module) or signs (`auth`) has them. */
export interface TokenWiring {
  verifier(): TokenVerifier;
  signer(): Promise<TokenSigner>;
}
const tokensPart = registered<(cfg: Config, secrets: SecretReader) => TokenWiring>('tokens', 'tokens');
export const provideTokens = tokensPart.provide;

function build(cfg: Config): Deps {
  // the bundles' stack traces, mapped when read (NODE_OPTIONS=--enable-source-maps, where set, maps them itself)
  if (cfg.lambda && !process.sourceMapsEnabled) installSourceMappedStacks();
  const store = new Store({
    tableName: cfg.tableName,
    region: cfg.region,
    ...(cfg.endpoints.dynamodb ? { endpoint: cfg.endpoints.dynamodb, credentials: LOCAL_CREDENTIALS } : {}),
  });
  const sqs = once(() => sqsPart.need().client(cfg));
  const refs = new ReferenceStore(store);
  const secretReader = once(() => secretsPart.need()(cfg));
  const secrets: SecretReader = async (name) => secretReader()(name);
  const tokens = once(() => tokensPart.need()(cfg, secrets));
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
    get holders() {
      return port('holders');
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
      queue: (name) => sqsPart.need().answers(sqs(), cfg.queueUrls[name]),
    },
    dev: devControls,
    get verifier() {
      return tokens().verifier();
    },
    signer: () => tokens().signer(),
    logger: new Logger({ serviceName: 'whistle', logLevel: cfg.logLevel.toUpperCase() as 'INFO' }),
    metrics: new Metrics({ namespace: METRICS.namespace, serviceName: METRICS.service, defaultDimensions: { stage: cfg.stage } }),
  };
}

let deps: Deps | undefined;
export const wire = (): Deps => (deps ??= build(config()));
/** The local stack and tests rewire after changing the environment. */
export const resetWiring = (): void => {
  deps = undefined;
};
