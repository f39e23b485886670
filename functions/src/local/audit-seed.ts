import { changeSummary, DEFAULT_RATE_LIMITS, DIRECTORY_LABELS, type AuditEntry, type DirectoryType } from '@whistle/shared';
import type { AuditLog } from '../ports.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';
import type { TenantData } from './demo-data.js';

/**
 * The demo district's audit trail is not empty on first open: a few changes
 * the admin made in the hours before the first start (each one's "after" is
 * the district as loaded). The anchor instant is written first, conditionally,
 * and read back, so every start records the same entries (same ids, same
 * instants): the trail's own idempotency keeps them once.
 */
export async function seedDemoAudit(audit: AuditLog, store: Store, data: TenantData, now: Date): Promise<'seeded' | 'present'> {
  const tenantId = data.tenant.id;
  const marker = keys.demoAudit(tenantId);
  await store.put({ ...marker, entity: 'SEED', anchor: now.toISOString() }, { expression: 'attribute_not_exists(pk)' });
  const anchor = (await store.get(marker, true))?.anchor;
  if (typeof anchor !== 'string') return 'present';
  for (const e of demoAuditEntries(data, anchor)) await audit.record(e);
  return 'seeded';
}

/** The entries, at instants before `anchor` within its month (the trail opens on the current month). */
export function demoAuditEntries(data: TenantData, anchor: string): AuditEntry[] {
  const admin = data.users.find((u) => u.roles.includes('admin'));
  if (!admin) return [];
  const monthStart = Date.parse(`${anchor.slice(0, 7)}-01T00:00:00.000Z`);
  const at = (minutesBefore: number) => new Date(Math.max(monthStart, Date.parse(anchor) - minutesBefore * 60_000)).toISOString();
  const entry = (n: number, minutesBefore: number, e: Omit<AuditEntry, 'id' | 'tenantId' | 'at' | 'actor' | 'summary'> & { label: string; name?: string }): AuditEntry => {
    const { label, name, ...rest } = e;
    const before = rest.before as Record<string, unknown> | undefined;
    const after = rest.after as Record<string, unknown> | undefined;
    return {
      id: `demo-${n}`,
      tenantId: data.tenant.id,
      at: at(minutesBefore),
      actor: { userId: admin.id, name: admin.name },
      ...rest,
      summary: rest.target === 'SETTINGS' ? changeSummary(rest.action, label, name) : changeSummary(rest.action, label, name, before, after),
    };
  };
  const out: AuditEntry[] = [];
  const dir = (type: DirectoryType) => DIRECTORY_LABELS[type];
  const town = data.groups.find((g) => g.kind === 'township');
  if (town) {
    const before = { ...town, memberUnitIds: town.memberUnitIds.filter((u) => u !== 'scjg') };
    out.push(entry(1, 180, { action: 'update', target: 'GROUP', targetId: town.id, label: dir('GROUP'), name: town.name, before, after: { ...town } }));
  }
  const officer = data.users.find((u) => u.id === 'officer-rsj');
  if (officer?.phone) {
    const before = { ...officer, phone: '13800000000', title: '科员' };
    out.push(entry(2, 120, { action: 'update', target: 'USER', targetId: officer.id, label: dir('USER'), name: officer.name, before, after: { ...officer } }));
  }
  const lead = data.users.find((u) => u.id === 'lead-swj');
  if (lead) out.push(entry(3, 90, { action: 'create', target: 'USER', targetId: lead.id, label: dir('USER'), name: lead.name, after: { ...lead } }));
  out.push(
    entry(4, 30, {
      action: 'update',
      target: 'SETTINGS',
      targetId: 'RATE_LIMITS',
      label: '频率限制',
      before: { value: { ...DEFAULT_RATE_LIMITS, intakePerEnterprise: { max: 10, windowSeconds: 3600 } } },
      after: { value: data.rateLimits },
    }),
  );
  return out;
}
