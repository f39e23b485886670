import '../wiring/queue.js';
import '../wiring/holders.js';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { sweepAll, type SweepReport } from '../services/sweep.js';
import { wire } from '../wiring.js';

/**
 * The deadline sweep, run by an EventBridge rule every minute. "Now" is the
 * clock port's (real time on AWS; the local stack may pin it), not the event's
 * time, so a pinned local clock ages tickets the same way.
 */
export const handler = async (_event: ScheduledEvent, context?: Context): Promise<SweepReport> => {
  const deps = wire();
  if (context) deps.logger.addContext(context);
  const report = await sweepAll(deps);
  if (report.jobs > 0 || report.truncated || report.contended > 0) deps.logger.info('sweep', { ...report });
  return report;
};
