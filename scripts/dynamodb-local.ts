/**
 * The official DynamoDB Local (Java), for the conformance run of the store
 * tests: the jar ships inside the npm package amplify-dynamodb-simulator, so it
 * comes from the npm registry like everything else (no other download).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, cpSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const CACHE = resolve('.cache/dynamodb-local');

export function ensureDynamoDbLocal(): string {
  const jar = join(CACHE, 'DynamoDBLocal.jar');
  if (existsSync(jar)) return CACHE;
  const tmp = mkdtempSync(join(tmpdir(), 'ddb-local-'));
  try {
    console.log(`[test] fetching DynamoDB Local from the npm package ${PACKAGE}…`);
    execFileSync('npm', ['pack', PACKAGE, '--pack-destination', tmp, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tgz = execFileSync('sh', ['-c', `ls ${tmp}/*.tgz`]).toString().trim();
    execFileSync('tar', ['-xzf', tgz, '-C', tmp, 'package/emulator']);
    mkdirSync(CACHE, { recursive: true });
    cpSync(join(tmp, 'package/emulator'), CACHE, { recursive: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return CACHE;
}

const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });

export async function startDynamoDbLocal(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const dir = ensureDynamoDbLocal();
  const port = await freePort();
  const child: ChildProcess = spawn(
    'java',
    [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'), '-inMemory', '-port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited: ${output}`);
    try {
      const res = await fetch(endpoint, { method: 'POST' });
      if (res.status > 0) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
      }),
  };
}
