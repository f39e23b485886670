import { ROUTES, type HttpFunctionName } from '@whistle/shared';

/**
 * The deployment topology as data: functions, queues, schedules and what each
 * function may touch. The CDK stack builds exactly this; the local stack runs
 * exactly this (timers for schedules, pollers for queues).
 */
/** visibility timeout 6× the consumer's timeout (AWS guidance for event source mappings) */
export const QUEUES = {
  escalation: { name: 'escalation', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, batchSize: 10 },
  outbox: { name: 'outbox', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, batchSize: 10 },
  // one message per chunk of an import job (100 rows: 4 BatchWriteItem requests); two at a time keeps a job's writes under the table's burst
  importer: { name: 'importer', visibilityTimeoutSeconds: 360, maxReceiveCount: 5, batchSize: 2 },
} as const;
export type QueueName = keyof typeof QUEUES;
export const dlqName = (q: QueueName): string => `${QUEUES[q].name}-dlq`;

export type FunctionName = HttpFunctionName | 'sweeper' | 'escalation' | 'notifier' | 'importer' | 'proposals';

export interface FunctionSpec {
  /** module under functions/src/handlers exporting `handler` */
  entry: string;
  /** `none`: no table access at all */
  table: 'none' | 'read' | 'readWrite';
  /** verifies tokens: gets the public keys (TOKEN_PUBLIC_KEYS), which are not secret */
  tokenKey?: true;
  /** signs tokens: reads the token signing key set (an SSM SecureString); only the sign-in function */
  signsTokens?: true;
  sendsTo: QueueName[];
  consumes?: QueueName;
  schedule?: { name: string; everyMinutes: number };
  memoryMb: number;
  timeoutSeconds: number;
  /** reads the WeChat app secret */
  wechatSecret?: true;
}

const http = (entry: string, table: FunctionSpec['table'], sendsTo: QueueName[] = []): FunctionSpec => ({
  entry,
  table,
  sendsTo,
  memoryMb: 512,
  timeoutSeconds: 10,
  tokenKey: true,
});

export const FUNCTIONS: Record<FunctionName, FunctionSpec> = {
  // 典型问题复盘: opened and edited by the supervisor (its Word document: retrospectiveDocs)
  retrospectives: http('retrospectives', 'readWrite'),
  // a retrospective as a Word document (the `docx` library only here): reads the record and its subject's story
  retrospectiveDocs: http('retrospective-docs', 'read'),
  // 共性问题: suggestions, confirming, linking and solving (each linked ticket is a commit with its outbox)
  commonIssues: http('common-issues', 'readWrite', ['outbox']),
  system: http('system', 'read'),
  docs: { entry: 'docs', table: 'none', sendsTo: [], memoryMb: 256, timeoutSeconds: 10 },
  // binds WeChat at sign-in with an invitation: writes the invitation, the openid link and the user; signs the tokens
  auth: { ...http('auth', 'readWrite'), wechatSecret: true, signsTokens: true },
  directory: http('directory', 'read'),
  intake: http('intake', 'readWrite', ['outbox']),
  claim: http('claim', 'readWrite', ['outbox']),
  tickets: http('tickets', 'readWrite', ['outbox']),
  inbox: http('inbox', 'readWrite'),
  desk: http('desk', 'readWrite', ['outbox']),
  supervision: http('supervision', 'readWrite'),
  races: http('races', 'readWrite'),
  admin: http('admin', 'readWrite'),
  assessment: http('assessment', 'readWrite'),
  // reads a whole period (a few thousand tickets a month) and writes the workbook in memory: more memory
  // (and CPU with it) and time than a JSON route; within API Gateway's 30 s integration limit
  exports: { ...http('exports', 'read'), memoryMb: 1024, timeoutSeconds: 29 },
  dev: http('dev', 'readWrite', ['escalation', 'outbox']),
  // invitations, bindings and consents; binds nobody itself (sign-in does, in `auth`), so no WeChat secret
  wechat: http('wechat', 'readWrite'),
  // tenants created by an operator; the province view (reads its districts' aggregates)
  platform: http('platform', 'readWrite'),
  // the catalogue, 我的政策, suggestions; publishing pushes to the matched enterprises through the outbox
  policies: http('policies', 'readWrite', ['outbox']),
  // visits, the enterprise ledger and coverage; a finding turned into a ticket goes through intake (its outbox)
  visits: http('visits', 'readWrite', ['outbox']),
  sweeper: {
    entry: 'sweeper',
    table: 'readWrite',
    sendsTo: ['escalation'],
    schedule: { name: 'deadline-sweep', everyMinutes: 1 },
    memoryMb: 512,
    timeoutSeconds: 55,
  },
  // 可能的共性问题: every hour, each tenant's open and recent requests clustered into suggestions for the supervisor;
  // it also finishes a crashed solve's leftover ticket writes, whose messages go out through the outbox
  proposals: {
    entry: 'proposals',
    table: 'readWrite',
    sendsTo: ['outbox'],
    schedule: { name: 'common-issue-proposals', everyMinutes: 60 },
    memoryMb: 1024,
    timeoutSeconds: 120,
  },
  escalation: {
    entry: 'escalation',
    table: 'readWrite',
    sendsTo: ['outbox'],
    consumes: 'escalation',
    memoryMb: 512,
    timeoutSeconds: 30,
  },
  notifier: { entry: 'notifier', table: 'readWrite', sendsTo: [], consumes: 'outbox', memoryMb: 256, timeoutSeconds: 30, wechatSecret: true },
  // reads the uploaded workbook and checks every row against the directory (8,205 enterprises: about a second): time and memory like the exports
  imports: { ...http('imports', 'readWrite', ['importer']), memoryMb: 1024, timeoutSeconds: 29 },
  // an import's template, filled with the directory on request (8,205 enterprises: a workbook of that size), like an export
  importTemplates: { ...http('import-templates', 'read'), memoryMb: 1024, timeoutSeconds: 29 },
  importer: { entry: 'importer', table: 'readWrite', sendsTo: [], consumes: 'importer', memoryMb: 512, timeoutSeconds: 60 },
};

/** Business metrics (Powertools Metrics, EMF): one namespace and service; every metric also carries the stage. */
export const METRICS = { namespace: 'Whistle', service: 'whistle' } as const;

/** Routes each HTTP function serves, from the one route table. */
export const routesOf = (fn: HttpFunctionName) => ROUTES.filter((r) => r.fn === fn);
