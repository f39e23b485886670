import '../wiring/queue.js';
import { SYSTEM_ROUTES } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';
import type { Deps } from '../wiring.js';

async function check(f: () => Promise<unknown>): Promise<{ ok: boolean; ms: number; error?: string }> {
  const t0 = performance.now();
  try {
    await f();
    return { ok: true, ms: Math.round(performance.now() - t0) };
  } catch (e) {
    return { ok: false, ms: Math.round(performance.now() - t0), error: e instanceof Error ? e.message : String(e) };
  }
}

async function health(deps: Deps) {
  // side by side: a probe that hangs must not delay the others' answers
  const [store, escalationQueue, outboxQueue] = await Promise.all([
    check(() => deps.health.store()),
    check(() => deps.health.queue('escalation')),
    check(() => deps.health.queue('outbox')),
  ]);
  const checks = { store, escalationQueue, outboxQueue };
  const ok = Object.values(checks).every((c) => c.ok);
  return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', checks } };
}

export const handler = httpFunction(SYSTEM_ROUTES, {
  'GET /api/health': { public: async ({ deps }) => health(deps) },
});
