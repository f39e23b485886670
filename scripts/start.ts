/**
 * `npm start`: the whole of Whistle on this machine, no cloud account.
 * PORT (default 3000), DATA_DIR (default .data/), HOST (default 127.0.0.1).
 */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { PortInUseError, startLocalStack } from '../functions/src/local/stack.js';

// the AWS SDK's notice that its 2027 releases need Node 22 is for maintainers (see README), not every start
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const h5Dir = resolve('miniapp/dist/h5');
const t0 = Date.now();
const say = (line: string) => console.log(`[whistle] ${line}`);

/** The H5 build is made once, in the background: the API answers at once, the page appears when it is built. */
function buildH5IfMissing(): void {
  if (existsSync(`${h5Dir}/index.html`) || process.env.SKIP_H5_BUILD === '1') return;
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(dataDir, 'h5-build.log');
  say(`building the mini-program for H5 in the background (first start only; log: ${logFile}); the page appears when it is done`);
  const log = openSync(logFile, 'w');
  const build = spawn('npm', ['run', 'build:h5', '--silent'], { stdio: ['ignore', log, log] });
  build.on('exit', (code) => {
    closeSync(log);
    say(code === 0 ? 'H5 build ready: refresh the page' : `H5 build failed (see ${logFile}): the API still runs; fix it and run \`npm run build:h5\``);
  });
}

try {
  const stack = await startLocalStack({ port, dataDir, h5Dir, ...(process.env.HOST ? { host: process.env.HOST } : {}), log: say });
  say(`data in ${dataDir}`);
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${stack.url}   (API: ${stack.url}/api/health)`);
  say('press Ctrl-C to stop; data is kept for the next start');
  buildH5IfMissing();
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
