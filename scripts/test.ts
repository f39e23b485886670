/**
 * `npm test`: type check, lint, unit, integration (dynalite + fauxqs), the
 * store tests again on the official DynamoDB Local (Java), and the browser
 * tests (Debian Chromium). System packages a tier needs are checked first:
 * installed when we can (root), otherwise we stop with the exact command.
 * Never a silent skip.
 *
 *   npm test                    every tier
 *   npm test -- unit integration   only the tiers named
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from './dynamodb-local.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ALL = ['typecheck', 'lint', 'unit', 'integration', 'reliability', 'dynamodb-local', 'e2e'] as const;
type Tier = (typeof ALL)[number];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-')) as Tier[];
for (const a of asked) {
  if (!ALL.includes(a)) {
    console.error(`unknown tier "${a}"; tiers: ${ALL.join(', ')}`);
    process.exit(2);
  }
}
const tiers: readonly Tier[] = asked.length ? asked : ALL;
const results: Array<{ tier: string; ok: boolean; seconds: number }> = [];

function run(tier: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  console.log(`\n━━ ${tier}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const out = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = out.status === 0;
  results.push({ tier, ok, seconds: Math.round((Date.now() - t0) / 100) / 10 });
  if (!ok) finish(1);
}

function finish(code: number): never {
  console.log('\n━━ summary');
  for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.tier} (${r.seconds} s)`);
  const passed = results.filter((r) => r.ok).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exit(code);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let aptUpdated = false;
/** Makes sure a system package is there: installs it as root, or stops with the command to run. */
function needSystem(what: string, present: () => boolean, aptPackages: string[]): void {
  if (present()) return;
  const command = `apt-get update && apt-get install -y ${aptPackages.join(' ')}`;
  if (!isRoot) {
    console.error(`\n${what} is needed for these tests and is not installed. Run:\n\n  sudo sh -c '${command}'\n\nthen run npm test again.`);
    finish(1);
  }
  console.log(`[test] installing ${what}: ${command}`);
  if (!aptUpdated) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    aptUpdated = true;
  }
  const out = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...aptPackages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (out.status !== 0 || !present()) {
    console.error(`could not install ${what}; run: ${command}`);
    finish(1);
  }
}

const hasCommand = (c: string) => spawnSync('sh', ['-c', `command -v ${c}`]).status === 0;
const hasCjkFont = () => spawnSync('sh', ['-c', 'fc-list :lang=zh | grep -q .']).status === 0;

for (const tier of tiers) {
  switch (tier) {
    case 'typecheck':
      run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']);
      if (existsSync('miniapp/tsconfig.json')) run('typecheck (miniapp)', 'npx', ['tsc', '-p', 'miniapp/tsconfig.json', '--noEmit']);
      break;
    case 'lint': {
      run('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
      // the API description GET /api/openapi.json serves (dev routes included), by Redocly's recommended rules (redocly.yaml)
      const { openApiDocument } = await import('../functions/src/http/openapi.js');
      const openapi = join(mkdtempSync(join(tmpdir(), 'whistle-openapi-')), 'openapi.json');
      writeFileSync(openapi, JSON.stringify(openApiDocument({ devRoutes: true }), null, 2));
      run('lint (openapi)', 'npx', ['redocly', 'lint', openapi, '--config', 'redocly.yaml'], { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' });
      break;
    }
    case 'unit':
      run('unit', 'npx', ['vitest', 'run', '--project', 'unit', ...(existsSync('miniapp/vitest.config.ts') ? ['--project', 'components'] : [])]);
      break;
    case 'integration':
      run('integration', 'npx', ['vitest', 'run', '--project', 'integration']);
      break;
    case 'reliability':
      if (existsSync('tests/reliability')) run('reliability', 'npx', ['vitest', 'run', '--project', 'reliability']);
      break;
    case 'dynamodb-local': {
      needSystem('Java (for the official DynamoDB Local)', () => hasCommand('java'), ['openjdk-17-jre-headless']);
      const ddb = await startDynamoDbLocal();
      try {
        run('store tests on DynamoDB Local', 'npx', ['vitest', 'run', '--project', 'integration', 'tests/integration/store'], {
          WHISTLE_DYNAMODB_ENDPOINT: ddb.endpoint,
        });
      } finally {
        await ddb.stop();
      }
      break;
    }
    case 'e2e': {
      needSystem('Chromium', () => existsSync('/usr/bin/chromium'), ['chromium']);
      needSystem('a CJK font (Chinese text renders as boxes without one)', hasCjkFont, ['fonts-wqy-zenhei', 'fontconfig']);
      // built again when missing, in CI, or older than what it is built from (the browser tests test this code)
      if (process.env.CI || h5BuildStale()) run('build:h5', 'npm', ['run', 'build:h5', '--silent']);
      run('e2e', 'npx', ['vitest', 'run', '--project', 'e2e']);
      break;
    }
  }
}
finish(0);

/** Whether the H5 build is missing or older than a source of the mini-program or the shared package. */
function h5BuildStale(): boolean {
  const built = 'miniapp/dist/h5/index.html';
  if (!existsSync(built)) return true;
  const at = statSync(built).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) => {
      const path = join(dir, e.name);
      return e.isDirectory() ? newer(path) : statSync(path).mtimeMs > at;
    });
  return ['miniapp/src', 'shared/src', 'miniapp/config'].some((d) => existsSync(d) && newer(d));
}
