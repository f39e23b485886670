/**
 * `npm start`: the whole of Whistle on this machine, no cloud account.
 * PORT (default 3000), DATA_DIR (default .data/), HOST (default 127.0.0.1).
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { PortInUseError, startLocalStack } from '../functions/src/local/stack.js';

// the AWS SDK's notice that its 2027 releases need Node 22 is for maintainers (see README), not every start
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const h5Dir = resolve('miniapp/dist/h5');
const t0 = Date.now();
const say = (line: string) => console.log(`[whistle] ${line}`);

if (!existsSync(`${h5Dir}/index.html`) && process.env.SKIP_H5_BUILD !== '1') {
  say('building the mini-program for H5 (first start only, ~20 s)…');
  const out = spawnSync('npm', ['run', 'build:h5', '--silent'], { stdio: 'inherit' });
  if (out.status !== 0) say('H5 build failed: the API still runs; fix the build and run `npm run build:h5`.');
}

try {
  const stack = await startLocalStack({ port, dataDir, h5Dir, ...(process.env.HOST ? { host: process.env.HOST } : {}), log: say });
  say(`data in ${dataDir}`);
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${stack.url}   (API: ${stack.url}/api/health)`);
  say('press Ctrl-C to stop; data is kept for the next start');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping…`);
    stack.stop().then(
      () => {
        say('stopped; data saved');
        process.exit(0);
      },
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (e) {
  if (e instanceof PortInUseError) {
    console.error(`[whistle] port ${e.port} is already in use (another Whistle, or another program).`);
    console.error(`[whistle] stop it, or choose another port:  PORT=${e.port + 1} npm start`);
    process.exit(2);
  }
  throw e;
}
