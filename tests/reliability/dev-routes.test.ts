/**
 * Dev routes exist only where the stack is explicitly local or its stage is on
 * the allowlist the CDK stack passes, and moving time takes a supervisor or an
 * admin: the demo sign-in stays public locally, but no signed-in owner moves
 * the clock or runs the schedules.
 */
import { ROUTES, routeKey } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devRoutesOn, loadConfig } from '../../functions/src/config.js';
import { handler as authHandler } from '../../functions/src/handlers/auth.js';
import { handler as devHandler } from '../../functions/src/handlers/dev.js';
import { handler as docsHandler } from '../../functions/src/handlers/docs.js';
import { httpEvent, snapshotDiff, startKit, tenantSnapshot, withEnv, WORKING_MORNING, type Kit } from '../integration/requests-kit.js';

let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.close();
});

const DEV_ROUTES = ROUTES.filter((r) => r.devOnly);

describe('where dev routes exist', () => {
  it('DEV_ROUTES=true alone is not enough: the stack must be local, or its stage on DEV_ROUTE_STAGES', () => {
    const cases: Array<[Record<string, string>, boolean]> = [
      [{ DEV_ROUTES: 'true' }, false],
      [{ DEV_ROUTES: 'true', STAGE: 'staging' }, false],
      [{ DEV_ROUTES: 'true', STAGE: 'prod' }, false],
      [{ DEV_ROUTES: 'true', STAGE: 'prod', DEV_ROUTE_STAGES: 'dev' }, false],
      [{ DEV_ROUTES: 'true', STAGE: 'dev-2', DEV_ROUTE_STAGES: 'dev' }, false],
      [{ DEV_ROUTES: 'true', STAGE: 'dev', DEV_ROUTE_STAGES: '' }, false],
      [{ DEV_ROUTES: 'true', STAGE: 'dev', DEV_ROUTE_STAGES: 'dev' }, true],
      [{ DEV_ROUTES: 'true', STAGE: 'qa', DEV_ROUTE_STAGES: 'dev, qa' }, true],
      [{ DEV_ROUTES: 'true', WHISTLE_LOCAL: 'true' }, true],
      [{ DEV_ROUTES: 'true', WHISTLE_LOCAL: '1' }, false],
      [{ DEV_ROUTES: 'false', WHISTLE_LOCAL: 'true' }, false],
      [{ DEV_ROUTES: 'TRUE', WHISTLE_LOCAL: 'true' }, false],
      [{ WHISTLE_LOCAL: 'true', STAGE: 'dev', DEV_ROUTE_STAGES: 'dev' }, false],
    ];
    for (const [env, on] of cases) {
      expect(devRoutesOn(env), JSON.stringify(env)).toBe(on);
      const full = { TABLE_NAME: 't', ESCALATION_QUEUE_URL: 'e', OUTBOX_QUEUE_URL: 'o', ...env };
      expect(loadConfig(full).devRoutes, JSON.stringify(env)).toBe(on);
    }
  });

  it('on a deployed stage outside the allowlist, every dev route is 404 and the API description leaves them out, even with DEV_ROUTES=true', async () => {
    const supervisor = await kit.token('supervisor');
    await withEnv({ WHISTLE_LOCAL: undefined, STAGE: 'staging', DEV_ROUTES: 'true', DEV_ROUTE_STAGES: 'dev' }, async () => {
      for (const route of DEV_ROUTES) {
        const res = await kit.api.call(route.method, route.path, { token: supervisor, ...(route.method === 'POST' ? { body: route.path === '/api/dev/clock' ? { now: null } : { userId: 'supervisor' } } : {}) });
        expect(res.status, routeKey(route)).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      }
      const doc = JSON.parse(String((await docsHandler()).body)) as { paths: Record<string, unknown> };
      for (const route of DEV_ROUTES) expect(doc.paths[route.path], route.path).toBeUndefined();
    });
    // a stage on the list (as the CDK stack passes it): on
    await withEnv({ WHISTLE_LOCAL: undefined, STAGE: 'dev', DEV_ROUTES: 'true', DEV_ROUTE_STAGES: 'dev' }, async () => {
      expect((await authHandler(httpEvent('GET', '/api/auth/dev-users'))).statusCode).toBe(200);
    });
    // the local stack: on
    expect((await kit.api.call('GET', '/api/auth/dev-users')).status).toBe(200);
  });
});

describe('moving time', () => {
  it('the clock and the schedules are for a signed-in supervisor or admin: 403 for everyone else, 401 without a token', async () => {
    const before = await tenantSnapshot(kit.env);
    const now = kit.now().toISOString();
    for (const user of ['owner-01', 'officer-jxw', 'lead-dgjd', 'agent-1', 'leader-zhang', 'grid-g01']) {
      const token = await kit.token(user);
      const clock = await kit.api.call('POST', '/api/dev/clock', { token, body: { now: '2030-01-01T00:00:00.000Z' } });
      expect(clock.status, user).toBe(403);
      expect(clock.body.error.code).toBe('FORBIDDEN');
      expect(clock.body.error.message).toMatch(/督办人员或管理员/);
      const run = await kit.api.call('POST', '/api/dev/run-schedules', { token });
      expect(run.status, user).toBe(403);
    }
    expect((await kit.api.call('POST', '/api/dev/clock', { body: { now: null } })).status).toBe(401);
    expect((await kit.api.call('POST', '/api/dev/run-schedules')).status).toBe(401);
    // the clock did not move, and nothing was written
    expect(kit.now().toISOString()).toBe(now);
    const direct = await devHandler(httpEvent('POST', '/api/dev/clock', { headers: { authorization: `Bearer ${await kit.token('owner-01')}` }, body: { now: null } }));
    expect(direct.statusCode).toBe(403);
    expect(snapshotDiff(before, await tenantSnapshot(kit.env))).toEqual([]);
  });

  it('the supervisor and the admin move the clock; the schedules answer (501 without a local runtime)', async () => {
    try {
      for (const user of ['supervisor', 'admin']) {
        const res = await kit.api.call('POST', '/api/dev/clock', { token: await kit.token(user), body: { now: '2026-11-25T02:00:00.000Z' } });
        expect(res.status, user).toBe(200);
        expect(res.body).toEqual({ now: '2026-11-25T02:00:00.000Z', pinned: true });
        const run = await kit.api.call('POST', '/api/dev/run-schedules', { token: await kit.token(user) });
        expect([200, 501], user).toContain(run.status);
      }
    } finally {
      kit.setNow(WORKING_MORNING);
    }
  });

  it('the dev sign-in stays public locally', async () => {
    expect((await kit.api.call('GET', '/api/auth/dev-users')).status).toBe(200);
    const login = await kit.api.call('POST', '/api/auth/dev-login', { body: { userId: 'owner-01' } });
    expect(login.status).toBe(200);
  });
});
