import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
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

describe('SQS in the bundles', () => {
  it('is carried by exactly the functions that send (topology `sendsTo`) or check the queues, and every function whose code publishes may send', async () => {
    const wrong: string[] = [];
    for (const fn of Object.keys(FUNCTIONS) as FunctionName[]) {
      const inputs = await inputsOf(fn);
      const has = (path: string) => inputs.some((i) => i.includes(path));
      const sends = FUNCTIONS[fn].sendsTo.length > 0;
      const carriesSqs = has('@aws-sdk/client-sqs');
      if (carriesSqs !== (sends || CHECKS_QUEUES.has(fn))) wrong.push(`${fn}: carries the SQS client ${carriesSqs}, sends ${sends}`);
      // code that publishes (a commit's outbox, the sweep's jobs, an import's chunks) needs the queue wired and the permission
      const publishes = has('functions/src/services/effects.ts') || has('functions/src/services/sweep.ts') || has('functions/src/adapters/import-queue.ts');
      if (publishes && !sends) wrong.push(`${fn}: its code publishes but topology says it sends to no queue`);
      if (sends && !has('functions/src/wiring/queue.ts')) wrong.push(`${fn}: sends but its handler does not import wiring/queue.ts`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
