import * as z from 'zod/mini';
import { Id, Instant } from '../schemas/common.js';

/**
 * The audit trail (操作日志): every change an administrator makes to a
 * tenant's directory, settings, invitations and bindings, with who made it,
 * when, and the record before and after. An import is one entry (its job
 * keeps the rows' before and after); a re-import that changes nothing writes
 * nothing.
 */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'import', 'invite', 'bind', 'unbind', 'revoke'] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z.object({
  id: Id,
  tenantId: Id,
  at: Instant,
  actor: z.object({ userId: Id, name: z.string(), tenantId: z.optional(Id) }),
  action: AuditAction,
  /** what was changed (`target`, `targetId`): a reference type (UNIT, GROUP, GRID, AREA, ENT, USER, TENANT), SETTINGS, INVITATION, BINDING, IMPORT */
  target: z.string(),
  targetId: z.string(),
  before: z.optional(z.unknown()),
  after: z.optional(z.unknown()),
  /** one line a person reads: 新增单位「商务委」 */
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AUDIT_LABELS: Record<AuditAction, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  import: '导入',
  invite: '发出邀请',
  bind: '绑定微信',
  unbind: '解除绑定',
  revoke: '作废邀请',
};

/** The fields whose value differs between two records (shallow, by JSON): what an update changed. */
export function changedFields(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k])).sort();
}
