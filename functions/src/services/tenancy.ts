import { createHash } from 'node:crypto';
import {
  AUDIT_LABELS,
  ConflictError,
  DEFAULT_CLOCK_POLICY,
  DEFAULT_RATE_LIMITS,
  firstAdminId,
  IdempotencyMismatchError,
  LABELS,
  mayCreateTenants,
  monthOf,
  newTenant,
  type AuditEntry,
  type CliTenantBody,
  firstAdminRoles,
  type Principal,
  type Tenant,
  type TenantCreatedResponse,
  type TenantsResponse,
  type User,
} from '@whistle/shared';
import type { Ports, TenantCreation } from '../ports.js';
import { eachLimited } from './each-limited.js';

/**
 * Tenants created by a platform operator (or the CLI, scripts/create-tenant.ts,
 * through this same service): the tenant written on its absence, listed in the
 * registry (and under its province), registered for the deadline sweep, its
 * settings written, its first admin created, each step recorded in the audit
 * trail. A retry of the same request (same caller and Idempotency-Key, same
 * body) finishes whatever a crash left undone and answers the same; another
 * request for an id that exists is 409.
 */
export interface Actor {
  userId: string;
  name: string;
  /** the operator's own tenant (the platform); absent for the CLI */
  tenantId?: string;
}

/** The caller as an operator of the platform tenant, or 403. */
export async function operatorOf(ports: Pick<Ports, 'refs'>, p: Principal): Promise<Actor> {
  mayCreateTenants(p, await ports.refs.tenant(p.tenantId));
  return { userId: p.userId, name: p.name, tenantId: p.tenantId };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** the request's body, key order fixed (a retry from another client serialises it the same) */
const canonical = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(canonical).join(',')}]` : v && typeof v === 'object'
    ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`
    : JSON.stringify(v);

/** An audit entry's id: stable per tenant and step, so a retry records nothing twice. */
const auditId = (tenantId: string, step: string) => `ten-${sha256(`${tenantId}|${step}`).slice(0, 24)}`;

const SIGN_IN = '本地环境：在登录页的演示账号中选择该管理员；正式环境：由平台为该管理员签发微信邀请，绑定后以微信登录';

/** `body`: the API's (a district or a province) or the CLI's (also the platform itself) */
export async function createTenant(ports: Ports, actor: Actor, body: CliTenantBody, idempotencyKey: string): Promise<{ answer: TenantCreatedResponse; replayed: boolean }> {
  const province = body.kind === 'district' && body.provinceId ? (await ports.tenants.get(body.provinceId))?.tenant : undefined;
  const tenant = newTenant(body, province);
  const created: TenantCreation = {
    at: ports.clock.now().toISOString(),
    by: { userId: actor.userId, name: actor.name, ...(actor.tenantId ? { tenantId: actor.tenantId } : {}) },
    requestKey: sha256(`${actor.tenantId ?? ''}|${actor.userId}|${idempotencyKey}`),
    requestHash: sha256(canonical(body)),
  };
  let replayed = false;
  let at = created.at;
  const outcome = await ports.tenants.create(tenant, created);
  if (!outcome.created) {
    const was = outcome.existing.created;
    if (was?.requestKey !== created.requestKey) throw new ConflictError(`租户编号「${tenant.id}」已被使用`, { tenantId: tenant.id });
    if (was.requestHash !== created.requestHash) throw new IdempotencyMismatchError();
    replayed = true;
    at = was.at;
  }
  // every step below is idempotent: a retry finishes what a crash left
  const adminId = firstAdminId(body);
  await ports.tenants.register(tenant, at);
  await ports.due.registerTenant(tenant.id, at);
  const adminThere = replayed ? await ports.refs.user(tenant.id, adminId) : undefined;
  // settings are written before the admin: once the admin exists they were, and an admin may have changed them since
  if (!adminThere) {
    await Promise.all([
      ports.settings.putPolicy(tenant.id, body.clockPolicy ?? DEFAULT_CLOCK_POLICY),
      ports.settings.putRateLimits(tenant.id, structuredClone(DEFAULT_RATE_LIMITS)),
      ...(body.calendar
        ? [
            ports.settings.putCalendarYear(tenant.id, body.calendar.year, {
              holidays: [...body.calendar.holidays].sort(),
              workdays: [...body.calendar.workdays].sort(),
              source: body.calendar.source ?? `开通时由 ${actor.name} 导入`,
            }),
          ]
        : []),
    ]);
  }
  const admin: User = { id: adminId, tenantId: tenant.id, name: body.admin.name, phone: body.admin.phone, roles: firstAdminRoles(tenant.kind ?? 'district'), title: tenant.kind === 'platform' ? '平台运营' : '系统管理员' };
  await ports.refs.put('USER', admin, { ifAbsent: true });
  const who = { userId: actor.userId, name: actor.name, ...(actor.tenantId ? { tenantId: actor.tenantId } : {}) };
  const kindLabel = tenant.kind === 'province' ? '省级租户' : tenant.kind === 'platform' ? '平台' : '区县';
  const entry = (tenantId: string, step: string, e: Pick<AuditEntry, 'target' | 'targetId' | 'after' | 'summary'>): AuditEntry => ({
    id: auditId(tenant.id, `${tenantId}|${step}`),
    tenantId,
    at,
    actor: who,
    action: 'create',
    ...e,
  });
  const opened = `${AUDIT_LABELS.create}${kindLabel}「${tenant.name}」`;
  await Promise.all([
    ports.audit.record(entry(tenant.id, 'tenant', { target: 'TENANT', targetId: tenant.id, after: tenant, summary: opened })),
    ports.audit.record(entry(tenant.id, 'admin', { target: 'USER', targetId: adminId, after: admin, summary: `${AUDIT_LABELS.create}${LABELS.role[admin.roles[0] ?? 'admin']}「${admin.name}」` })),
    // the operator's own trail: what the platform opened
    ...(actor.tenantId ? [ports.audit.record(entry(actor.tenantId, 'tenant', { target: 'TENANT', targetId: tenant.id, after: tenant, summary: opened }))] : []),
  ]);
  return {
    answer: { tenant, createdAt: at, admin: { userId: adminId, name: admin.name, phone: body.admin.phone }, signIn: SIGN_IN },
    replayed,
  };
}

/** How many tenants' figures are read at once. */
const CONCURRENCY = 8;

/**
 * Every registered tenant with a few figures: its units, enterprises and
 * users (their partitions' keys counted), and the requests raised this month
 * that a unit took on (the month's assessment aggregates: one query). Never a
 * ticket.
 */
export async function listTenants(ports: Ports, p: Principal): Promise<TenantsResponse> {
  await operatorOf(ports, p);
  const month = monthOf(ports.clock.now().toISOString());
  const entries = await ports.tenants.list();
  const items: TenantsResponse['items'] = entries.map((e) => ({ tenant: e.tenant, ...(e.createdAt ? { createdAt: e.createdAt } : {}) }));
  await eachLimited(items, CONCURRENCY, async (item) => {
    const id = item.tenant.id;
    const [units, enterprises, users, figures] = await Promise.all([
      ports.tenants.count(id, 'UNIT'),
      ports.tenants.count(id, 'ENT'),
      ports.tenants.count(id, 'USER'),
      ports.assessment.period(id, month),
    ]);
    let ticketsThisMonth = 0;
    for (const c of figures.counters.values()) ticketsThisMonth += c.handled;
    item.figures = { units, enterprises, users, ticketsThisMonth };
  });
  items.sort((a, b) => kindOrder(a.tenant) - kindOrder(b.tenant) || a.tenant.id.localeCompare(b.tenant.id));
  return { month, items };
}

const kindOrder = (t: Tenant) => ({ platform: 0, province: 1, district: 2 })[t.kind ?? 'district'];
