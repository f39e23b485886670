import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { systemClock } from './adapters/time.js';
import { TokenSigner } from './adapters/tokens.js';
import { SqsApi, sqsEndpoint } from './adapters/sqs-api.js';
import { SqsQueue } from './adapters/sqs-queue.js';
import { credentialsFromEnv } from './adapters/aws-signing.js';
import { installSourceMappedStacks } from './adapters/source-mapped-stacks.js';
import { getSecureParameter } from './adapters/ssm-parameter.js';
import { unconfiguredWechat, WechatApi } from './adapters/wechat.js';
import { config, type Config } from './config.js';
import { devControls, type DevControls } from './dev-controls.js';
import { keys } from './store/keys.js';
import type { Ports, WechatPort } from './ports.js';
import { DueStore } from './store/due-store.js';
import { Store } from './store/dynamo.js';
import { InboxStore } from './store/inbox-store.js';
import { NoticeStore } from './store/notice-store.js';
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
  sqs: SqsApi;
  tokens: () => Promise<TokenSigner>;
  /** whether the table and the queues answer (GET /api/health) */
  health: { store(): Promise<void>; queue(name: keyof Config['queueUrls']): Promise<void> };
  /** the dev routes' controls (the routes are 404 wherever DEV_ROUTES is off) */
  dev: DevControls;
  logger: Logger;
  /** business metrics (EMF); off in the local stack and tests */
  metrics: Metrics;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

function build(cfg: Config): Deps {
  // the bundles' stack traces, mapped when read (NODE_OPTIONS=--enable-source-maps, where set, maps them itself)
  if (cfg.lambda && !process.sourceMapsEnabled) installSourceMappedStacks();
  const local = cfg.endpoints.dynamodb !== undefined;
  // a local service takes any credentials; on Lambda the function's are in its environment (read per call: they rotate)
  const credentialsFor = (localEndpoint: string | undefined) => (localEndpoint ? () => LOCAL_CREDENTIALS : () => credentialsFromEnv());
  const store = new Store({
    tableName: cfg.tableName,
    region: cfg.region,
    ...(cfg.endpoints.dynamodb ? { endpoint: cfg.endpoints.dynamodb } : {}),
    credentials: credentialsFor(cfg.endpoints.dynamodb),
  });
  const sqs = new SqsApi({
    endpoint: cfg.endpoints.sqs ?? sqsEndpoint(cfg.region),
    region: cfg.region,
    credentials: credentialsFor(cfg.endpoints.sqs),
  });
  const queue = new SqsQueue(sqs, cfg.queueUrls);
  const refs = new ReferenceStore(store);
  const parameter = (name: string): Promise<string> => getSecureParameter(name, cfg.region);
  let signer: Promise<TokenSigner> | undefined;
  const tokens = () =>
    (signer ??= (cfg.token.key ? Promise.resolve(cfg.token.key) : parameter(cfg.token.parameterName ?? '')).then(
      (key) => new TokenSigner(key),
    ).catch((e: unknown) => {
      signer = undefined;
      throw e;
    }));
  let wechatSecret: Promise<string> | undefined;
  const wechat: WechatPort =
    cfg.wechat.appId && cfg.wechat.secretParameterName
      ? new WechatApi(cfg.wechat.appId, () => (wechatSecret ??= parameter(cfg.wechat.secretParameterName ?? '')))
      : unconfiguredWechat;
  return {
    config: cfg,
    store,
    refs,
    tickets: new TicketStore(store),
    notices: new NoticeStore(store),
    due: new DueStore(store),
    settings: new SettingsStore(store, refs),
    inbox: new InboxStore(store),
    queue,
    sqs,
    clock: systemClock,
    wechat,
    wechatTemplates: cfg.wechat.templates,
    health: {
      store: async () => void (await store.get(keys.counter('health', 'probe'))),
      queue: async (name) => void (await sqs.getQueueAttributes(cfg.queueUrls[name], ['ApproximateNumberOfMessages'])),
    },
    dev: devControls,
    tokens,
    logger: new Logger({ serviceName: 'whistle', logLevel: (local ? 'WARN' : cfg.logLevel) as 'INFO' }),
    metrics: new Metrics({ namespace: 'Whistle', serviceName: 'whistle', defaultDimensions: { stage: cfg.stage } }),
  };
}

let deps: Deps | undefined;
export const wire = (): Deps => (deps ??= build(config()));
/** The local stack and tests rewire after changing the environment. */
export const resetWiring = (): void => {
  deps = undefined;
};
