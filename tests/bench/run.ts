/**
 * Runs the benchmarks one after another, each in its own Node process (they
 * start their own local services, pin clocks and set the environment):
 *
 *   npm run bench                 every bench below that exists
 *   npm run bench -- claim intake only these
 *
 * Benches print figures; none asserts a timing. A bench file that does not
 * exist (yet) is skipped with a note; a bench that fails is reported and the
 * run goes on, exiting non-zero at the end.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  { name: 'store', what: 'DynamoDB baseline: PutItem, GetItem, conditional UpdateItem (issue 3)' },
  { name: 'claim', what: '200 concurrent claims from 20 units over HTTP (issue 3)' },
  { name: 'intake', what: 'intake tickets/s at concurrency 16 over HTTP (issue 3)' },
  { name: 'sweep', what: 'deadline sweep cost per due clock, 1k vs 100k tickets (issue 4)' },
  { name: 'calendar', what: 'working-calendar deadline computations (issue 4)' },
  { name: 'lambda', what: 'Lambda bundle sizes and cold starts (issue 6)' },
  { name: 'bundle', what: 'bundle sizes (issue 6)' },
  { name: 'import', what: '10,000 enterprises from an .xlsx end to end vs a raw BatchWriteItem of the same items (issue 15)' },
  { name: 'similar', what: 'common issues: precision and recall of the proposed clusters, similar() at intake against 10,000 open requests, store reads added (issue 14)' },
  { name: 'intake-similar', what: 'similar requests at intake on dynalite against 10,000 open requests: the store reads intake adds (counted), the similar step p99 vs its floor, a cold container (issue 14)' },
  { name: 'policy', what: 'a policy pushed to 8,000 enterprises vs a raw BatchWriteItem of the same inbox items; suggestions p99 against 500 policies (issue 13)' },
  { name: 'province', what: '100 districts compressed: hot partitions at 100 claims/s, sweep per shard as tenants grow, store calls per route, the cost on paper (issue 15)' },
] as const;

const fileOf = (name: string) => fileURLToPath(new URL(`./${name}.ts`, import.meta.url));

function runOne(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit', env: process.env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(', ')} (known: ${BENCHES.map((b) => b.name).join(', ')})`);
    return 2;
  }
  const chosen = wanted.length > 0 ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
  const summary: string[] = [];
  let failed = 0;
  for (const bench of chosen) {
    const file = fileOf(bench.name);
    if (!existsSync(file)) {
      console.log(`\n── ${bench.name}: skipped (tests/bench/${bench.name}.ts does not exist yet)`);
      summary.push(`${bench.name.padEnd(14)} skipped (missing)`);
      continue;
    }
    console.log(`\n── ${bench.name}: ${bench.what}`);
    const t0 = performance.now();
    const code = await runOne(file);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    if (code !== 0) failed++;
    summary.push(`${bench.name.padEnd(14)} ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${secs} s`);
  }
  console.log('\n── summary');
  for (const line of summary) console.log(`  ${line}`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
