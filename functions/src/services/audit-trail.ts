import {
  changeSummary,
  ForbiddenError,
  hasRole,
  hash8,
  type AuditAction,
  type AuditEntry,
  type AuditTrailResponse,
  type Principal,
} from '@whistle/shared';
import type { Ports } from '../ports.js';

/**
 * The audit trail (操作日志): one entry per administrator's change, with who,
 * when, before and after. Entry ids come from the change itself, so a retried
 * request records the entry it already recorded (the store writes an id once).
 */

export interface Change {
  action: AuditAction;
  /** a reference type (UNIT … USER, TENANT) or SETTINGS */
  target: string;
  targetId: string;
  /** what it is, for the summary: 单位, 工作时间规则 … */
  label: string;
  /** which one, when it has a name: 「商务委」 */
  name?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** the entry's id, derived from the change */
  id: string;
  /** the change's instant (a retry re-recording an entry passes the original one) */
  at: string;
  /** the summary, when the changed fields do not say it (a setting is one value) */
  summary?: string;
}

export async function recordChange(deps: Pick<Ports, 'audit'>, p: Principal, c: Change): Promise<AuditEntry> {
  const entry: AuditEntry = {
    id: c.id,
    tenantId: p.tenantId,
    at: c.at,
    actor: { userId: p.userId, name: p.name },
    action: c.action,
    target: c.target,
    targetId: c.targetId,
    ...(c.before !== undefined ? { before: c.before } : {}),
    ...(c.after !== undefined ? { after: c.after } : {}),
    summary: c.summary ?? changeSummary(c.action, c.label, c.name, c.before, c.after),
  };
  await deps.audit.record(entry);
  return entry;
}

/**
 * A setting's change (calendar year, clock policy, duty roster, rate limits, office hours): recorded when the
 * value differs from the one before (re-putting the same value records nothing). Its id is derived from the
 * setting and the values before and after, so a retry of the same change records it once.
 */
export async function recordSettingChange(
  deps: Pick<Ports, 'audit' | 'clock'>,
  p: Principal,
  setting: { targetId: string; label: string; before: unknown; after: unknown },
): Promise<void> {
  const before = JSON.stringify(setting.before);
  const after = JSON.stringify(setting.after);
  if (before === after) return;
  const wrap = (v: unknown): Record<string, unknown> | undefined => (v === undefined ? undefined : { value: v });
  await recordChange(deps, p, {
    action: setting.before === undefined ? 'create' : 'update',
    target: 'SETTINGS',
    targetId: setting.targetId,
    label: setting.label,
    ...(wrap(setting.before) ? { before: wrap(setting.before) } : {}),
    ...(wrap(setting.after) ? { after: wrap(setting.after) } : {}),
    summary: changeSummary(setting.before === undefined ? 'create' : 'update', setting.label, undefined),
    id: `settings-${setting.targetId.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}-${hash8(before ?? '')}-${hash8(after ?? '')}`,
    at: deps.clock.now().toISOString(),
  });
}

/** `GET /api/admin/audit`: a month's entries, newest first; admins and the supervisor. */
export async function auditTrail(
  deps: Pick<Ports, 'audit' | 'clock'>,
  p: Principal,
  q: { month?: string; target?: string; targetId?: string; cursor?: string; limit?: number },
): Promise<AuditTrailResponse> {
  if (!hasRole(p, 'admin', 'supervisor')) throw new ForbiddenError('只有管理员和督办人员可以查看操作日志');
  const month = q.month ?? deps.clock.now().toISOString().slice(0, 7);
  const page = await deps.audit.list(p.tenantId, {
    month,
    ...(q.target ? { target: q.target } : {}),
    ...(q.targetId ? { targetId: q.targetId } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
  });
  return { month, items: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) };
}
