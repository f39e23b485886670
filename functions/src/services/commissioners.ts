import {
  commissionerIdsOf,
  commissionerIssues,
  ConflictError,
  ForbiddenError,
  hasRole,
  lastCommissionerRefusal,
  NotFoundError,
  pairedWith,
  pairings,
  ValidationError,
  withCommissioners,
  type CommissionersPutBody,
  type Enterprise,
  type FieldIssue,
  type PairingsQuery,
  type PairingsResponse,
  type PairManyBody,
  type PairManyResponse,
  type Principal,
} from '@whistle/shared';
import type { Ports, RevisedRef } from '../ports.js';
import { recordRevision, stale, writeRecord, type RecordView } from './directory-admin.js';
import { eachLimited } from './each-limited.js';

/**
 * Resident service commissioners (亲清特使): the supervisor (and the admin)
 * pairs officials with enterprises. Pairings live on the enterprise
 * (`commissionerUserIds`), so every change is an enterprise's revision:
 * conditional on the revision read, checked with the directory's rules (an
 * official of the tenant; a key enterprise keeps one), on the audit trail.
 */

const mayPair = (p: Principal) => {
  if (!hasRole(p, 'supervisor', 'admin')) throw new ForbiddenError('只有督办人员和管理员可以结对亲清特使');
};

/** `GET /api/admin/commissioners`: the pairings within the filters, a page of commissioners at a time. */
export async function listPairings(deps: Pick<Ports, 'refs'>, p: Principal, q: PairingsQuery): Promise<PairingsResponse> {
  mayPair(p);
  // opened (the first page): the enterprises as stored now (an import or another console may have written)
  const [revised, users, units] = await Promise.all([
    deps.refs.listRevised('ENT', p.tenantId, { fresh: q.cursor === undefined }),
    deps.refs.list('USER', p.tenantId),
    deps.refs.list('UNIT', p.tenantId),
  ]);
  const all = pairings(
    { enterprises: revised.map((r) => r.value), users, units },
    { unitId: q.unitId, gridId: q.gridId, key: q.key === undefined ? undefined : q.key === 'true', q: q.q },
  );
  let start = 0;
  if (q.cursor !== undefined) {
    start = all.commissioners.findIndex((c) => c.userId === q.cursor) + 1;
    if (start === 0) throw new ValidationError([{ field: 'cursor', message: '分页游标无效，请从第一页重新加载' }]);
  }
  const page = all.commissioners.slice(start, start + q.limit);
  const last = page[page.length - 1];
  const more = start + q.limit < all.commissioners.length;
  return { ...all, commissioners: page, ...(more && last ? { cursor: last.userId } : {}) };
}

/** `PUT /api/admin/enterprises/{id}/commissioners`: the enterprise's commissioners, conditional on the revision read. */
export async function setCommissioners(
  deps: Pick<Ports, 'refs' | 'audit' | 'clock'>,
  p: Principal,
  enterpriseId: string,
  body: CommissionersPutBody,
): Promise<{ record: RecordView; changed: boolean; created: boolean }> {
  mayPair(p);
  const current = await deps.refs.revised('ENT', p.tenantId, enterpriseId);
  if (!current) throw new NotFoundError('企业');
  const desired = withCommissioners(current.value, body.commissionerUserIds);
  // exactly what is there: a retry of this change after it went through answers it unchanged
  if (body.rev !== current.revision.rev && JSON.stringify(commissionerIdsOf(desired)) !== JSON.stringify(commissionerIdsOf(current.value))) {
    throw stale('ENT', current);
  }
  const { id: _id, tenantId: _t, ...fields } = desired;
  return writeRecord(deps, p, 'ENT', enterpriseId, { ...fields, rev: body.rev });
}

/** How many enterprises' writes a pairing of many runs at once. */
const WRITES_AT_ONCE = 8;
/** A write that lost to another (the revision moved) reads again and retries this often. */
const ATTEMPTS = 4;

/**
 * `POST /api/admin/commissioners/{userId}/enterprises`: pairs one official with many enterprises and unpairs
 * others, each enterprise its own conditional write (no transactions: a retry of the request redoes only what is
 * left, since pairing a paired enterprise changes nothing). Checked first as a whole: an unknown enterprise, a user
 * who is no official, or a key enterprise that would lose its last commissioner refuses the request, nothing written.
 */
export async function pairCommissioner(
  deps: Pick<Ports, 'refs' | 'audit' | 'clock'>,
  p: Principal,
  userId: string,
  body: PairManyBody,
): Promise<PairManyResponse> {
  mayPair(p);
  const issues: FieldIssue[] = [];
  if (body.add.length + body.remove.length === 0) issues.push({ field: 'add', message: '请至少选择一家企业' });
  body.remove.forEach((id, i) => {
    if (body.add.includes(id)) issues.push({ field: `remove.${i}`, message: '同一家企业不能同时结对和解除' });
  });
  const user = await deps.refs.user(p.tenantId, userId);
  if (body.add.length > 0) issues.push(...commissionerIssues(user, userId, 'userId'));
  else if (!user) throw new NotFoundError('用户');
  const byId = new Map((await deps.refs.listRevised('ENT', p.tenantId, { fresh: true })).map((r) => [r.value.id, r]));
  const asked = [...body.add.map((id, i) => ({ id, paired: true, field: `add.${i}` })), ...body.remove.map((id, i) => ({ id, paired: false, field: `remove.${i}` }))];
  for (const a of asked) if (!byId.has(a.id)) issues.push({ field: a.field, message: `企业 ${a.id} 不存在` });
  if (issues.length > 0) throw new ValidationError(issues);
  const refusals = asked.flatMap((a) => {
    const e = byId.get(a.id)?.value as Enterprise;
    const refusal = lastCommissionerRefusal(e, pairedWith(e, userId, a.paired));
    return refusal ? [{ enterpriseId: a.id, message: refusal }] : [];
  });
  if (refusals.length > 0) throw new ConflictError(refusals.map((r) => r.message).join('；'), { field: 'remove', enterprises: refusals });

  const results = new Map<string, PairManyResponse['results'][number]>();
  await eachLimited(asked, WRITES_AT_ONCE, async (a) => {
    results.set(a.id, await pairOne(deps, p, byId.get(a.id) as RevisedRef<'ENT'>, userId, a.paired));
  });
  return { userId, name: user?.name ?? userId, results: asked.map((a) => results.get(a.id) as PairManyResponse['results'][number]) };
}

/** One enterprise paired (or unpaired) with the user: conditional on the revision read, read again when it moved. */
async function pairOne(deps: Pick<Ports, 'refs' | 'audit' | 'clock'>, p: Principal, read: RevisedRef<'ENT'>, userId: string, paired: boolean): Promise<PairManyResponse['results'][number]> {
  let current: RevisedRef<'ENT'> | undefined = read;
  for (let attempt = 0; attempt < ATTEMPTS && current; attempt++) {
    const e: Enterprise = current.value;
    const after: Enterprise = pairedWith(e, userId, paired);
    const outcome = { enterpriseId: e.id, name: e.name, paired };
    if (JSON.stringify(commissionerIdsOf(after)) === JSON.stringify(commissionerIdsOf(e))) return { ...outcome, changed: false, rev: current.revision.rev };
    const refusal = lastCommissionerRefusal(e, after);
    if (refusal) throw new ConflictError(refusal, { field: 'remove', enterprises: [{ enterpriseId: e.id, message: refusal }] });
    const revision = { rev: current.revision.rev + 1, at: deps.clock.now().toISOString(), prior: JSON.stringify(e) };
    if (await deps.refs.putRevised('ENT', after, { rev: current.revision.rev }, revision)) {
      await recordRevision(deps, p, 'ENT', { value: after, revision });
      return { ...outcome, changed: true, rev: revision.rev };
    }
    current = await deps.refs.revised('ENT', p.tenantId, e.id);
  }
  if (!current) throw new ConflictError(`企业 ${read.value.id} 已被他人删除`);
  throw new ConflictError(`企业「${read.value.name}」正被他人同时修改，请稍后重试`);
}
