import '../wiring/queue.js';
import '../wiring/common-issues.js';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { finishLeftovers, runProposals, type ProposalRun } from '../services/common-issues.js';
import { wire } from '../wiring.js';

/**
 * Common-issue suggestions (可能的共性问题), run by an EventBridge rule every hour for every
 * tenant: first what a crashed writer left owing to a common issue's tickets is finished
 * (finishLeftovers), then the tenant's open and recent requests are clustered and the
 * suggestions written idempotently (services/common-issues.ts runProposals). A tenant that fails is logged; the others still run.
 */
export const handler = async (_event: ScheduledEvent, context?: Context): Promise<{ tenants: number; failed: number } & ProposalRun> => {
  const deps = wire();
  if (context) deps.logger.addContext(context);
  const total = { tenants: 0, failed: 0, proposed: 0, waiting: 0, scanned: 0 };
  for (const tenantId of await deps.due.tenants()) {
    total.tenants++;
    try {
      const finished = await finishLeftovers(deps, tenantId);
      if (finished > 0) deps.logger.info('common issues’ ticket writes finished', { tenantId, finished });
      const run = await runProposals(deps, tenantId);
      total.proposed += run.proposed;
      total.waiting += run.waiting;
      total.scanned += run.scanned;
      if (run.proposed > 0) deps.logger.info('common-issue suggestions', { tenantId, ...run });
    } catch (e) {
      total.failed++;
      deps.logger.error('common-issue suggestions failed', { tenantId, error: e as Error });
    }
  }
  return total;
};
