import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { keys } from '../store/keys.js';
import { httpFunction } from '../http/handler.js';
import { openApiDocument } from '../http/openapi.js';
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

const queueDepth = (deps: Deps, url: string) =>
  deps.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }));

async function health(deps: Deps) {
  const checks = {
    store: await check(() => deps.store.get(keys.counter('health', 'probe'))),
    escalationQueue: await check(() => queueDepth(deps, deps.config.queueUrls.escalation)),
    outboxQueue: await check(() => queueDepth(deps, deps.config.queueUrls.outbox)),
  };
  const ok = Object.values(checks).every((c) => c.ok);
  return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', checks } };
}

export const handler = httpFunction('system', {
  'GET /api/health': { public: async ({ deps }) => health(deps) },
  'GET /api/openapi.json': { public: async ({ deps }) => ({ body: openApiDocument({ devRoutes: deps.config.devRoutes }) }) },
});
