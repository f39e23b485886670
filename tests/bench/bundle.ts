/**
 * Mini-program bundle sizes (issue 5): the weapp main package (WeChat's hard
 * limit is 2 MB; our target 600 KB), every subpackage, the whole weapp output,
 * and the H5 initial JavaScript (the scripts index.html loads before the first
 * page). Builds what is missing. Figures only: no assertions.
 *
 *   npx tsx tests/bench/bundle.ts        (WHISTLE_BENCH_REBUILD=1 rebuilds both)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEAPP = join(ROOT, 'miniapp', 'dist', 'weapp');
const H5 = join(ROOT, 'miniapp', 'dist', 'h5');
const rebuild = process.env.WHISTLE_BENCH_REBUILD === '1';

function build(script: 'build:weapp' | 'build:h5', marker: string): number | undefined {
  if (existsSync(marker) && !rebuild) return undefined;
  const t0 = Date.now();
  const out = spawnSync('npm', ['run', script, '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (out.status !== 0) throw new Error(`npm run ${script} failed`);
  return Date.now() - t0;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const size = (paths: string[]) => paths.reduce((s, p) => s + statSync(p).size, 0);

function main(): void {
  const weappMs = build('build:weapp', join(WEAPP, 'app.json'));
  const h5Ms = build('build:h5', join(H5, 'index.html'));
  if (weappMs !== undefined) console.log(`weapp build: ${(weappMs / 1000).toFixed(1)} s`);
  if (h5Ms !== undefined) console.log(`h5 build: ${(h5Ms / 1000).toFixed(1)} s`);

  // weapp: the main package is everything outside the subpackage roots (source maps are not uploaded)
  const app = JSON.parse(readFileSync(join(WEAPP, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }> };
  const roots = (app.subPackages ?? []).map((s) => s.root.replace(/\/+$/, ''));
  const all = files(WEAPP).filter((p) => !p.endsWith('.map'));
  const rootOf = (p: string) => roots.find((r) => relative(WEAPP, p).startsWith(`${r}/`));
  const main = all.filter((p) => !rootOf(p));
  console.log(`weapp main package: ${kb(size(main))} (limit 2048 KB, target 600 KB)`);
  for (const r of roots) console.log(`weapp subpackage ${r}: ${kb(size(all.filter((p) => rootOf(p) === r)))}`);
  console.log(`weapp total: ${kb(size(all))}`);

  // h5: the scripts index.html loads up front
  const html = readFileSync(join(H5, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => join(H5, (m[1] ?? '').replace(/^\//, '')));
  const initial = scripts.filter((p) => existsSync(p));
  const gz = initial.reduce((s, p) => s + gzipSync(readFileSync(p)).length, 0);
  console.log(`h5 initial JS: ${kb(size(initial))} (${kb(gz)} gzipped, ${initial.length} files)`);
  const js = files(H5).filter((p) => p.endsWith('.js'));
  console.log(`h5 all JS: ${kb(size(js))} (${js.length} files)`);
}

main();
