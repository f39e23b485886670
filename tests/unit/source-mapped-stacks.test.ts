import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { esbuildOptions, LAMBDA_BUNDLING } from '../../infra/lib/bundling.js';
import { REPO_ROOT } from '../../infra/lib/topology.js';

/**
 * A bundle built as the stack builds the functions (minified ESM, external
 * map), run in a fresh Node process without --enable-source-maps: the stack of
 * an error it logs names the source file, line and function, not index.mjs.
 */
const dir = mkdtempSync(join(tmpdir(), 'whistle-stacks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = `import { installSourceMappedStacks } from ${JSON.stringify(join(REPO_ROOT, 'functions/src/adapters/source-mapped-stacks.ts'))};

export function claimTicket(id: string): never {
  throw new Error('认领失败 ' + id);
}

export function run(install: boolean): string {
  if (install) installSourceMappedStacks();
  try {
    claimTicket('T-1');
  } catch (e) {
    return (e as Error).stack ?? '';
  }
  return '';
}
console.log(run(process.argv[2] === 'install'));
`;

async function bundleAndRun(install: boolean): Promise<string> {
  const entry = join(dir, 'claim-source.ts');
  writeFileSync(entry, SOURCE);
  const outfile = join(dir, 'out', LAMBDA_BUNDLING.outFile);
  await build({ ...esbuildOptions(), entryPoints: [entry], outfile, logLevel: 'error' });
  const out = spawnSync(process.execPath, [outfile, install ? 'install' : 'plain'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout.trim();
}

describe('source-mapped stacks', () => {
  it('name the source file, line and function of each bundled frame', async () => {
    const stack = await bundleAndRun(true);
    const lines = stack.split('\n');
    expect(lines[0]).toBe('Error: 认领失败 T-1');
    expect(lines[1]).toMatch(/^ {4}at claimTicket \(.*claim-source\.ts:4:\d+\)$/);
    expect(lines[2]).toMatch(/^ {4}at run \(.*claim-source\.ts:10:\d+\)$/);
    expect(stack).not.toContain('index.mjs');
  });

  it('leave the stack as V8 writes it when not installed (the minified bundle positions)', async () => {
    const stack = await bundleAndRun(false);
    expect(stack.split('\n')[0]).toBe('Error: 认领失败 T-1');
    expect(stack).toContain('index.mjs:');
    expect(stack).not.toContain('claim-source.ts');
  });
});
