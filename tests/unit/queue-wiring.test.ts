import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleAliases, esbuildOptions, externalModules } from '../../infra/lib/bundling.js';
import { entryPath, FUNCTIONS, REPO_ROOT, type FunctionName } from '../../infra/lib/topology.js';

/** the repo files and packages a function's bundle carries, bundled as the stack bundles it */
async function inputsOf(fn: FunctionName): Promise<string[]> {
  const out = await build({
    ...esbuildOptions(),
    minify: false,
    sourcemap: false,
    entryPoints: [entryPath(FUNCTIONS[fn])],
    outdir: '/tmp/whistle-queue-wiring',
    write: false,
    metafile: true,
    external: externalModules(),
    alias: bundleAliases(REPO_ROOT),
    absWorkingDir: REPO_ROOT,
    logLevel: 'silent',
  });
  return Object.keys(out.metafile.inputs);
}

/** the function checks the queues (GET /api/health) without sending to them */
const CHECKS_QUEUES: ReadonlySet<FunctionName> = new Set(['system']);

/** every function's bundle inputs, bundled once (one after another: a bundle is CPU-bound) for every test here */
const bundles = new Map<FunctionName, (path: string) => boolean>();
beforeAll(async () => {
  for (const fn of Object.keys(FUNCTIONS) as FunctionName[]) {
    const inputs = await inputsOf(fn);
    bundles.set(fn, (path) => inputs.some((i) => i.includes(path)));
  }
}, 120_000);

const eachBundle = (): Array<[FunctionName, (path: string) => boolean]> => {
  expect(bundles.size).toBe(Object.keys(FUNCTIONS).length);
  return [...bundles];
};

describe('SQS in the bundles', () => {
  it('is carried by exactly the functions that send (topology `sendsTo`) or check the queues, and every function whose code publishes may send', () => {
    const wrong: string[] = [];
    for (const [fn, has] of eachBundle()) {
      const sends = FUNCTIONS[fn].sendsTo.length > 0;
      const carriesSqs = has('@aws-sdk/client-sqs');
      if (carriesSqs !== (sends || CHECKS_QUEUES.has(fn))) wrong.push(`${fn}: carries the SQS client ${carriesSqs}, sends ${sends}`);
      // code that publishes (a commit's outbox, the sweep's jobs, an import's chunks) needs the queue wired and the permission
      const publishes = has('functions/src/services/effects.ts') || has('functions/src/services/sweep.ts') || has('functions/src/adapters/import-queue.ts');
      if (publishes && !sends) wrong.push(`${fn}: its code publishes but topology says it sends to no queue`);
      if (sends && !has('functions/src/wiring/queue.ts')) wrong.push(`${fn}: sends but its handler does not import wiring/queue.ts`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the ladder holders in the bundles', () => {
  it('are carried by exactly the functions whose handler wires them, and every function that sweeps or escalates wires them', () => {
    const wrong: string[] = [];
    for (const [fn, has] of eachBundle()) {
      const wired = has('functions/src/wiring/holders.ts');
      // the holder kinds (and through them the retrospective and common-issue items and schemas)
      const carriesHolders = has('functions/src/store/holder-items.ts');
      if (carriesHolders !== wired) wrong.push(`${fn}: carries the holder kinds ${carriesHolders}, its handler imports wiring/holders.ts ${wired}`);
      // the sweep reads the holders' partition of the due index; the escalation worker applies their jobs (applyHolderJob)
      const reachesHolders = has('functions/src/services/sweep.ts') || has('functions/src/services/escalation.ts');
      if (reachesHolders && !wired) wrong.push(`${fn}: its code reaches the holders but its handler does not import wiring/holders.ts`);
    }
    expect(wrong).toEqual([]);
  });

  it('are not carried by the ticket functions, nor the retrospective and common-issue stores unless their own routes need them', () => {
    const carried = (['intake', 'claim', 'tickets', 'inbox', 'desk', 'supervision', 'notifier'] as FunctionName[]).flatMap((fn) =>
      ['holder-items.ts', 'holder-store.ts', 'retrospective-store.ts', 'common-issue-store.ts']
        .filter((file) => bundles.get(fn)?.(`functions/src/store/${file}`) !== false)
        .map((file) => `${fn}: ${file}`),
    );
    expect(carried).toEqual([]);
  });
});
