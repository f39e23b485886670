import type { ClockPolicy, Group, WorkingCalendar } from '@whistle/shared';
import type { Ports } from '../ports.js';

/** What every ticket operation needs of the tenant: calendar, policy, groups. */
export interface TenantContext {
  calendar: WorkingCalendar;
  policy: ClockPolicy;
  groups: Group[];
}

export async function tenantContext(ports: Pick<Ports, 'settings' | 'refs'>, tenantId: string): Promise<TenantContext> {
  const [calendar, policy, groups] = await Promise.all([
    ports.settings.calendar(tenantId),
    ports.settings.policy(tenantId),
    ports.refs.list('GROUP', tenantId),
  ]);
  return { calendar, policy, groups };
}

/**
 * The prefetch of the functions whose requests are rate limited (claim, intake): the tenant's
 * context and its limits, read beside the caller's own records instead of after them.
 */
export const tenantContextAndLimits = (ports: Pick<Ports, 'settings' | 'refs'>, tenantId: string): Promise<unknown> =>
  Promise.all([tenantContext(ports, tenantId), ports.settings.rateLimits(tenantId)]);
