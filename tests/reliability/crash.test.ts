import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { demoTenant } from '../../functions/src/local/demo-data.js';
import { localDocumentClient, startLocalServices } from '../../functions/src/local/services.js';
import { keys } from '../../functions/src/store/keys.js';
import { freePort } from '../e2e/support.js';

/**
 * `kill -9` of `npm start` under intake load, then a restart and one sweep:
 * every acknowledged ticket's notifications are delivered, once. The local
 * queue (fauxqs) is in memory and dies with the process, as a message does
 * when a function dies between its commit and its send on AWS: what brings
 * them back is the durable outbox in the store.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'whistle-crash-'));
const CONCURRENCY = 16;
/** the load runs at least this long, and until this many tickets are acknowledged (a slow machine takes longer), before the kill */
const LOAD_MS = 2_500;
const ACKED_BEFORE_KILL = 30;
const LOAD_MAX_MS = 30_000;

interface Running {
  child: ChildProcess;
  url: string;
}

async function startStack(port: number): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SKIP_H5_BUILD: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: 'ignore',
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { child, url };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the local stack did not come up');
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

async function post(url: string, path: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

const login = async (url: string, userId: string) => String((await post(url, '/api/auth/dev-login', { userId })).body?.token);

let running: Running | undefined;
afterAll(async () => {
  if (running) {
    process.kill(-(running.child.pid ?? 0), 'SIGKILL');
    await exited(running.child);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 under load', () => {
  it('loses no acknowledged ticket and no notification: after a restart and one sweep, each is delivered once', async () => {
    const port = await freePort();
    running = await startStack(port);
    const data = demoTenant();
    const owners = data.users.filter((u) => u.roles.includes('owner'));
    const tokens = await Promise.all(owners.map((o) => login(running?.url ?? '', o.id)));

    // intake load at concurrency 16, until the process is killed in the middle of it
    const acked: Array<{ id: string; enterpriseId: string }> = [];
    let killed = false;
    let n = 0;
    const worker = async () => {
      while (!killed) {
        const i = n++;
        const res = await post(running?.url ?? '', '/api/tickets', { title: `断电测试 ${i}`, description: '压力下强行终止进程，重启后通知不能丢。', category: 'utilities' }, tokens[i % tokens.length], {
          'idempotency-key': `crash-${i}-${Date.now()}`,
        }).catch(() => undefined);
        if (res?.status === 201) {
          const t = res.body?.ticket as { id: string; enterpriseId: string };
          acked.push({ id: t.id, enterpriseId: t.enterpriseId });
        }
      }
    };
    const load = Array.from({ length: CONCURRENCY }, worker);
    const loadStart = Date.now();
    while (Date.now() - loadStart < LOAD_MS || (acked.length < ACKED_BEFORE_KILL && Date.now() - loadStart < LOAD_MAX_MS)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    process.kill(-(running.child.pid ?? 0), 'SIGKILL');
    killed = true;
    await exited(running.child);
    await Promise.all(load);
    expect(acked.length).toBeGreaterThan(20);

    // restart on the same data; one sweep past the outbox's redelivery time, then wait for the queues to drain
    running = await startStack(port);
    const supervisor = await login(running.url, 'supervisor');
    const later = new Date(Date.now() + 15 * 60_000).toISOString();
    expect((await post(running.url, '/api/dev/clock', { now: later }, supervisor)).status).toBe(200);
    const swept = await post(running.url, '/api/dev/run-schedules', {}, supervisor);
    expect(swept.status).toBe(200);
    expect(swept.body?.undrained, `queues still busy after the sweep: ${JSON.stringify(swept.body)}`).toEqual([]);

    // stop cleanly, and read the store behind the stack's back
    process.kill(-(running.child.pid ?? 0), 'SIGTERM');
    await exited(running.child);
    running = undefined;
    const services = await startLocalServices({ dataDir: join(dataDir, 'dynamodb') });
    try {
      const doc = localDocumentClient(services.dynamodbEndpoint);
      const query = async (pk: string) => {
        const items: Array<Record<string, unknown>> = [];
        let start: Record<string, unknown> | undefined;
        do {
          const out = await doc.send(new QueryCommand({ TableName: 'whistle', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey: start }));
          items.push(...(out.Items ?? []));
          start = out.LastEvaluatedKey;
        } while (start);
        return items;
      };
      // every acknowledged ticket's "published" message reached its grid officer's inbox exactly once,
      // and no outbox record is left waiting
      const gridOf = new Map(data.enterprises.map((e) => [e.id, e.gridId]));
      const officerOf = new Map(data.grids.map((g) => [g.id, g.officer.userId ?? '']));
      const inboxes = new Map<string, Array<Record<string, unknown>>>();
      let lost = 0;
      let duplicated = 0;
      let waiting = 0;
      const details: string[] = [];
      for (const t of acked) {
        const officer = officerOf.get(gridOf.get(t.enterpriseId) ?? '') ?? '';
        if (!inboxes.has(officer)) inboxes.set(officer, await query(keys.inboxPk(data.tenant.id, officer)));
        const mine = (inboxes.get(officer) ?? []).filter((i) => i.id === `${t.id}:1:0:${officer}`);
        if (mine.length === 0) lost++;
        if (mine.length > 1) duplicated++;
        const left = (await query(keys.ticketPk(data.tenant.id, t.id))).filter((i) => i.entity === 'OUTBOX' && i.duePk !== undefined);
        if (mine.length !== 1) details.push(`${t.id}: ${mine.length} inbox items for ${officer}`);
        for (const r of left) details.push(JSON.stringify({ ticket: t.id, sk: r.sk, attempts: r.attempts, dueSk: r.dueSk, event: (r.message as { event?: string }).event }));
        waiting += left.length;
      }
      console.log(`[crash] acknowledged ${acked.length} tickets before kill -9; after restart and one sweep: lost ${lost}, duplicated ${duplicated}, still waiting ${waiting}`);
      // the details go into the failure message: CI keeps only the tail of the run
      expect({ lost, duplicated, waiting }, details.slice(0, 20).join('\n')).toEqual({ lost: 0, duplicated: 0, waiting: 0 });
    } finally {
      await services.stop();
    }
  });
});
