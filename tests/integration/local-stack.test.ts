import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PortInUseError, startLocalStack } from '../../functions/src/local/stack.js';

/** `npm start`'s stack: persisted, seeded once, restartable, honest about a taken port. */
const dataDir = mkdtempSync(join(tmpdir(), 'whistle-stack-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function json(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const tokenOf = async (url: string, userId: string) =>
  String(
    (await json(`${url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) })).body
      .token,
  );

/** every ticket of the district, as the supervisor pages through them */
async function allTickets(url: string, token: string): Promise<Array<{ id: string; number: string }>> {
  const items: Array<{ id: string; number: string }> = [];
  let cursor: string | undefined;
  do {
    const page = await json(`${url}/api/tickets?view=supervision&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    items.push(...(page.body.items as Array<{ id: string; number: string }>));
    cursor = page.body.cursor as string | undefined;
  } while (cursor);
  return items;
}

describe('local stack', () => {
  it('serves health, keeps data across a restart and never duplicates the demo data', async () => {
    let stack = await startLocalStack({ port: 0, dataDir, timers: false });
    const health = await json(`${stack.url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const users = (await json(`${stack.url}/api/auth/dev-users`)).body as unknown as unknown[];
    expect(users.length).toBeGreaterThan(40);
    const login = await json(`${stack.url}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'owner-02' }),
    });
    const token = String(login.body.token);
    const created = await json(`${stack.url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': 'restart-test-0001' },
      body: JSON.stringify({ title: '招工难', description: '急需焊工 20 名', category: 'talent' }),
    });
    expect(created.status).toBe(201);
    const id = (created.body.ticket as { id: string }).id;
    // the district comes with its history (13 weeks of requests); the new one is numbered after them
    const supervisor = await tokenOf(stack.url, 'supervisor');
    const district = await allTickets(stack.url, supervisor);
    expect(district.length).toBeGreaterThan(320);
    expect(district.map((t) => t.number).sort().at(-1)).toBe((created.body.ticket as { number: string }).number);
    const mineBefore = await json(`${stack.url}/api/tickets?view=mine&limit=100`, { headers: { authorization: `Bearer ${token}` } });
    // the platform's tenants, each with the date it was opened, the same after a restart
    const opened = async () => {
      const login = await json(`${stack.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'operator', tenantId: 'platform' }) });
      const list = await json(`${stack.url}/api/platform/tenants`, { headers: { authorization: `Bearer ${String(login.body.token)}` } });
      return Object.fromEntries((list.body.items as Array<{ tenant: { id: string }; createdAt?: string }>).map((e) => [e.tenant.id, e.createdAt]));
    };
    const openedBefore = await opened();
    expect(Object.keys(openedBefore).length).toBeGreaterThanOrEqual(4);
    expect(Object.values(openedBefore).every((at) => typeof at === 'string' && at < new Date().toISOString())).toBe(true);
    await stack.stop();

    stack = await startLocalStack({ port: 0, dataDir, timers: false });
    try {
      // the same personas, none twice (the demo import's three officers may have landed after the first listing)
      const again = (await json(`${stack.url}/api/auth/dev-users`)).body as unknown as unknown[];
      const ids = (list: unknown[]) => list.map((u) => JSON.stringify([(u as { tenantId?: string }).tenantId, (u as { userId: string }).userId]));
      expect(new Set(ids(again)).size).toBe(again.length);
      expect(ids(again)).toEqual(expect.arrayContaining(ids(users)));
      expect(again.length - users.length).toBeLessThanOrEqual(3);
      // the token survives too: the signing key lives in the data folder
      const read = await json(`${stack.url}/api/tickets/${id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(read.status).toBe(200);
      expect((read.body.ticket as { title: string }).title).toBe('招工难');
      const mine = await json(`${stack.url}/api/tickets?view=mine&limit=100`, { headers: { authorization: `Bearer ${token}` } });
      expect((mine.body.items as Array<{ id: string }>)[0]?.id).toBe(id);
      expect(mine.body.items).toEqual(mineBefore.body.items);
      // the history was loaded once: a restart adds nothing
      expect((await allTickets(stack.url, supervisor)).map((t) => t.id).sort()).toEqual(district.map((t) => t.id).sort());
      // the demo races, once: last quarter's closed with its tally, this quarter's open
      const races = (await json(`${stack.url}/api/races`, { headers: { authorization: `Bearer ${token}` } })).body.items as Array<{ id: string; status: string; tally?: unknown }>;
      expect(races.map((r) => [r.id, r.status])).toEqual([
        ['2026-Q4', 'open'],
        ['2026-Q3', 'closed'],
      ]);
      expect(races[1]?.tally).toBeDefined();
      expect(await opened()).toEqual(openedBefore);
    } finally {
      await stack.stop();
    }
  });

  it('says clearly when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startLocalStack({ port, dataDir: join(dataDir, 'other'), timers: false, seed: false })).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      blocker.close();
    }
  });
});
