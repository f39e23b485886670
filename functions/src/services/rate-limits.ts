import { RateLimitedError, type RateLimitRule } from '@whistle/shared';
import type { Ports, RateLimitRequest } from '../ports.js';

/** One limit to apply: the rule, and whom and under which name it counts. */
export interface Limit {
  tenantId?: string;
  name: string;
  subject: string;
  rule: RateLimitRule;
}

const request = (l: Limit): RateLimitRequest => ({
  ...(l.tenantId === undefined ? {} : { tenantId: l.tenantId }),
  name: l.name,
  subject: l.subject,
  max: l.rule.max,
  windowSeconds: l.rule.windowSeconds,
});

/**
 * Counts one request against every limit, in order, at wall-clock `nowMs`
 * (never the domain clock, which the local stack may pin). When one refuses,
 * the takes before it are given back, so a refused request leaves no count,
 * and the caller hears RATE_LIMITED with when to retry. Answers a release that
 * gives every take back (an intake that turned out to be an idempotent replay).
 */
export async function enforce(
  ports: Pick<Ports, 'rateLimiter' | 'metrics'>,
  limits: readonly Limit[],
  what: string,
  nowMs = Date.now(),
): Promise<() => Promise<void>> {
  const taken: RateLimitRequest[] = [];
  const release = async () => {
    await Promise.all(taken.map((r) => ports.rateLimiter.giveBack(r, nowMs)));
  };
  for (const limit of limits) {
    const req = request(limit);
    const answer = await ports.rateLimiter.take(req, nowMs);
    if (!answer.ok) {
      await release();
      ports.metrics.addMetric('RateLimited', 'Count', 1);
      throw new RateLimitedError(answer.retryAfterSeconds, what);
    }
    taken.push(req);
  }
  return release;
}
