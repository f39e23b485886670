import '../../functions/src/wiring/queue.js';
import '../../functions/src/wiring/tokens.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { resetConfig } from '../../functions/src/config.js';
import { ensureQueues, ensureTable, startLocalServices, type LocalServices } from '../../functions/src/local/services.js';
import { resetWiring, wire, type Deps } from '../../functions/src/wiring.js';

/** The benches' token key (benches sign their own tokens; nothing of it is secret). */
export const BENCH_TOKEN_KEY = 'bench-signing-key-0123456789abcdef0123456789';
export const BENCH_TABLE = 'whistle-bench';

export interface DiskBench {
  services: LocalServices;
  deps: Deps;
  tableName: string;
  /** stops the services and removes their data */
  stop(): Promise<void>;
}

/**
 * The local services with dynalite on LevelDB under .bench/<name>-<time>/ (the
 * benches that write 100,000 tickets), the functions wired to them as the
 * local stack wires them.
 */
export async function startDiskBench(name: string): Promise<DiskBench> {
  const dataDir = join(process.cwd(), '.bench', `${name}-${Date.now()}`);
  const services = await startLocalServices({ dataDir });
  await ensureTable(services.dynamodbEndpoint, BENCH_TABLE);
  const queues = await ensureQueues(services.sqsEndpoint, 'bench-');
  Object.assign(process.env, {
    TABLE_NAME: BENCH_TABLE,
    DYNAMODB_ENDPOINT: services.dynamodbEndpoint,
    SQS_ENDPOINT: services.sqsEndpoint,
    AWS_REGION: 'us-east-1',
    ESCALATION_QUEUE_URL: queues.escalation,
    OUTBOX_QUEUE_URL: queues.outbox,
    TOKEN_SIGNING_KEY: BENCH_TOKEN_KEY,
    STAGE: 'bench',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  resetConfig();
  resetWiring();
  return {
    services,
    deps: wire(),
    tableName: BENCH_TABLE,
    stop: async () => {
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Unconditional batch writes, 25 items a request, `concurrency` requests in flight. */
export async function writeAll(deps: Deps, items: ReadonlyArray<Record<string, unknown>>, concurrency = 16): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let at = next; at < items.length; at = next) {
      next += 25;
      await deps.store.batchWrite(items.slice(at, at + 25));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
