import { DEFAULT_LOGIN_RATE_LIMITS, type LoginRateLimits, type Principal } from '@whistle/shared';
import type { TenantData } from '../../../functions/src/local/demo-data.js';
import type { Ports } from '../../../functions/src/ports.js';
import { principalOf } from '../../../functions/src/services/principal.js';
import { MemoryAnalysis } from './analysis.js';
import { MemoryRetrospectives } from './retrospectives.js';
import { MemoryCommonIssues } from './common-issues.js';
import { MemoryAssessment } from './assessment.js';
import { MemoryAudit } from './audit.js';
import { FakeClock } from './clock.js';
import { MemoryDeliveries } from './deliveries.js';
import { MemoryDue } from './due.js';
import { MemoryHolders } from './holders.js';
import { MemoryInbox } from './inbox.js';
import { MemoryImportQueue, MemoryImports } from './imports.js';
import { MemoryNotices } from './notices.js';
import { MemoryOutbox } from './outbox.js';
import { MemoryLogger, MemoryMetrics } from './observability.js';
import { MemoryQueue } from './queue.js';
import { MemoryPolicies } from './policies.js';
import { MemoryRaces } from './races.js';
import { MemoryVisits } from './visits.js';
import { MemoryRateLimiter } from './rate-limits.js';
import { MemoryRefs } from './refs.js';
import { seedTenant } from './seed.js';
import { MemorySettings } from './settings.js';
import { MemoryTable } from './table.js';
import { MemoryTickets } from './tickets.js';
import { MemoryTenants } from './tenants.js';
import { MemoryWechat } from './wechat.js';
import { MemoryWechatAccounts } from './wechat-accounts.js';

export { MemoryImportQueue, MemoryImports };
export { MemoryPolicies };
export { FakeClock, MemoryAssessment, MemoryAudit, MemoryDeliveries, MemoryDue, MemoryOutbox, MemoryInbox, MemoryLogger, MemoryMetrics, MemoryNotices, MemoryQueue, MemoryRaces, MemoryRateLimiter, MemoryRefs, MemorySettings, MemoryTable, MemoryTickets, MemoryWechat, MemoryWechatAccounts, seedTenant };
export { MemoryAnalysis, MemoryCommonIssues, MemoryRetrospectives, MemoryTenants, MemoryVisits };
export { parseStored } from './tickets.js';
export { roundTrip, seedRoundTrips } from './table.js';

/** Every port in memory, each adapter's own type kept so tests can look inside (the table, the queue, the clock). */
export interface MemoryPorts extends Ports {
  table: MemoryTable;
  tickets: MemoryTickets;
  audit: MemoryAudit;
  imports: MemoryImports;
  importQueue: MemoryImportQueue;
  assessment: MemoryAssessment;
  analysis: MemoryAnalysis;
  tenants: MemoryTenants;
  notices: MemoryNotices;
  races: MemoryRaces;
  visits: MemoryVisits;
  retrospectives: MemoryRetrospectives;
  commonIssues: MemoryCommonIssues;
  policies: MemoryPolicies;
  due: MemoryDue;
  holders: MemoryHolders;
  refs: MemoryRefs;
  settings: MemorySettings;
  inbox: MemoryInbox;
  deliveries: MemoryDeliveries;
  outbox: MemoryOutbox;
  rateLimiter: MemoryRateLimiter;
  queue: MemoryQueue;
  clock: FakeClock;
  wechat: MemoryWechat;
  wechatAccounts: MemoryWechatAccounts;
  logger: MemoryLogger;
  metrics: MemoryMetrics;
}

export interface MemoryPortsOptions {
  /** the fake clock's start (default 2026-11-30T02:00Z: a Monday, 10:00 in Shanghai, office hours) */
  now?: string | Date;
  wechatTemplates?: Record<string, string>;
  /** sign-in limits (default DEFAULT_LOGIN_RATE_LIMITS, as the configuration's) */
  loginLimits?: LoginRateLimits;
}

/** A full set of ports over one in-memory table, with a fake clock; no reference data (see `demoPorts`). */
export function memoryPorts(opts: MemoryPortsOptions = {}): MemoryPorts {
  const table = new MemoryTable();
  const refs = new MemoryRefs(table);
  return {
    table,
    tickets: new MemoryTickets(table),
    audit: new MemoryAudit(table),
    imports: new MemoryImports(table),
    importQueue: new MemoryImportQueue(),
    assessment: new MemoryAssessment(table),
    analysis: new MemoryAnalysis(table),
    retrospectives: new MemoryRetrospectives(table),
    commonIssues: new MemoryCommonIssues(table),
    tenants: new MemoryTenants(table),
    notices: new MemoryNotices(table),
    races: new MemoryRaces(table),
    visits: new MemoryVisits(table),
    policies: new MemoryPolicies(table),
    due: new MemoryDue(table),
    holders: new MemoryHolders(table),
    refs,
    settings: new MemorySettings(table, refs),
    inbox: new MemoryInbox(table),
    deliveries: new MemoryDeliveries(table),
    outbox: new MemoryOutbox(table),
    rateLimiter: new MemoryRateLimiter(table),
    queue: new MemoryQueue(),
    clock: new FakeClock(opts.now),
    wechat: new MemoryWechat(),
    wechatAccounts: new MemoryWechatAccounts(table),
    logger: new MemoryLogger(),
    metrics: new MemoryMetrics(),
    wechatTemplates: opts.wechatTemplates ?? {},
    loginLimits: opts.loginLimits ?? DEFAULT_LOGIN_RATE_LIMITS,
  };
}

/** Ports with the demo district (functions/src/local/demo-data.ts) loaded, and a way to act as any of its users. */
export async function demoPorts(opts: MemoryPortsOptions & { data?: TenantData } = {}): Promise<{ ports: MemoryPorts; data: TenantData; as: (userId: string) => Promise<Principal> }> {
  const ports = memoryPorts(opts);
  const data = await seedTenant(ports, opts.data, ports.clock.iso());
  const as = (userId: string) => principalOf(ports, { sub: userId, ten: data.tenant.id });
  return { ports, data, as };
}
