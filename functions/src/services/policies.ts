import { randomBytes } from 'node:crypto';
import {
  buildPolicyIndex,
  compareMatches,
  ConflictError,
  curatesCatalogue,
  directoryAuditId,
  EnterpriseProfile,
  ForbiddenError,
  hasRole,
  localDate,
  matchPolicy,
  mayManagePolicies,
  maySeePolicy,
  NotFoundError,
  policyState,
  policyToday,
  POLICY_PUSH_EVENT,
  relationTo,
  SHANGHAI_OFFSET_MS,
  suggestFrom,
  ValidationError,
  type Enterprise,
  type EnterpriseProfileBody,
  type FieldIssue,
  type MatchSubject,
  type MyPoliciesResponse,
  type PoliciesResponse,
  type Policy,
  policyCard,
  type PolicyConditions,
  type PolicyEditBody,
  type PolicyIndex,
  type PolicyInput,
  type PolicyListQuery,
  type PolicyResponse,
  type PolicyStatsResponse,
  type Principal,
  type SuggestionsResponse,
} from '@whistle/shared';
import type { OutboxMessage, Ports, StoredPolicy } from '../ports.js';
import { recordChange } from './audit-trail.js';
import { publish } from './effects.js';

/**
 * The policy supermarket (政策超市): the catalogue (listed, searched in
 * Chinese, filtered), its policies written, published and retired by their
 * units and curated by the supervisor, 我的政策 (each enterprise's universal
 * and matched policies, with why), suggestions while an owner writes a
 * request, the owners a suggestion answered, and the enterprise profile the
 * matching reads. A publication, or an edit of a published policy, owes a push
 * (services/policy-push.ts), written with the policy in one conditional write
 * and sent to the outbox queue: the answer does not wait for it.
 */
type PolicyPorts = Pick<Ports, 'policies' | 'refs' | 'clock' | 'queue' | 'logger' | 'metrics'>;

const nowIso = (ports: Pick<Ports, 'clock'>) => ports.clock.now().toISOString();

// ── the catalogue, warm ────────────────────────────────────────────────────

interface WarmCatalogue {
  rev: number;
  loadedAt: number;
  policies: Policy[];
  byId: Map<string, Policy>;
  /** search indexes over parts of it, built on first use: `all`, `live:<today>` */
  indexes: Map<string, PolicyIndex>;
}

/** How long a warm copy is trusted at most, whatever its revision says (a bump lost to a crash heals by then). */
const WARM_MS = 60_000;
/** per repository (a container has one; tests have many), per tenant */
const warm = new WeakMap<object, Map<string, WarmCatalogue>>();

/**
 * The tenant's catalogue as this container holds it: read again when its
 * revision moved (every write bumps it), so suggestions never miss a
 * publication; otherwise one small read per request.
 */
export async function catalogueOf(ports: Pick<Ports, 'policies'>, tenantId: string): Promise<WarmCatalogue> {
  let byTenant = warm.get(ports.policies);
  if (!byTenant) warm.set(ports.policies, (byTenant = new Map()));
  const rev = await ports.policies.catalogueRevision(tenantId);
  const hit = byTenant.get(tenantId);
  if (hit && hit.rev === rev && Date.now() - hit.loadedAt < WARM_MS) return hit;
  const policies = await ports.policies.list(tenantId);
  const fresh: WarmCatalogue = { rev, loadedAt: Date.now(), policies, byId: new Map(policies.map((p) => [p.id, p])), indexes: new Map() };
  byTenant.set(tenantId, fresh);
  return fresh;
}

function indexOf(cat: WarmCatalogue, key: string, which: (p: Policy) => boolean): PolicyIndex {
  let index = cat.indexes.get(key);
  if (!index) cat.indexes.set(key, (index = buildPolicyIndex(cat.policies.filter(which))));
  return index;
}

/** The index of the policies live today (what suggestions offer). */
const liveIndex = (cat: WarmCatalogue, today: string) => indexOf(cat, `live:${today}`, (p) => policyState(p, today) === 'live');


// ── reading ────────────────────────────────────────────────────────────────

const PAGE = 50;

/**
 * `GET /api/policies`: the catalogue. Published policies for everyone; drafts
 * and retired ones for their unit's staff (their unit's) and the curators.
 * `q` searches in Chinese (best first); otherwise the newest first.
 */
export async function listPolicies(ports: Pick<Ports, 'policies'>, p: Principal, q: PolicyListQuery): Promise<PoliciesResponse> {
  const status = q.status ?? 'published';
  if (status !== 'published' && !curatesCatalogue(p) && !hasRole(p, 'officer', 'unitLead')) {
    throw new ForbiddenError('只有单位工作人员和督办人员可以查看草稿和已下架的政策');
  }
  const start = q.cursor === undefined ? 0 : Number(q.cursor);
  if (!Number.isInteger(start) || start < 0) throw new ValidationError([{ field: 'cursor', message: '分页游标无效，请从第一页重新加载' }]);
  const cat = await catalogueOf(ports, p.tenantId);
  const keep = (x: Policy) =>
    x.status === status &&
    maySeePolicy(p, x) &&
    (q.category === undefined || x.category === q.category) &&
    (q.level === undefined || x.level === q.level) &&
    (q.unitId === undefined || x.unitId === q.unitId) &&
    (q.industry === undefined || !x.conditions.industries?.length || x.conditions.industries.includes(q.industry));
  let ordered: Policy[];
  if (q.q) {
    const text = q.q;
    const hits = indexOf(cat, 'all', () => true).search(text);
    const scored = new Map(hits.map((h) => [h.id, h.score]));
    // a title or summary holding the text as typed is found even when its words are cut otherwise
    for (const x of cat.policies) if (!scored.has(x.id) && (x.title.includes(text) || x.summary.includes(text))) scored.set(x.id, 0.5);
    ordered = cat.policies.filter((x) => scored.has(x.id) && keep(x)).sort((a, b) => (scored.get(b.id) ?? 0) - (scored.get(a.id) ?? 0));
  } else {
    const when = (x: Policy) => x.publishedAt ?? x.updatedAt;
    ordered = cat.policies.filter(keep).sort((a, b) => (when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : a.id < b.id ? -1 : 1));
  }
  const page = ordered.slice(start, start + PAGE);
  return { items: page.map(policyCard), ...(start + PAGE < ordered.length ? { cursor: String(start + PAGE) } : {}) };
}

/** What matching reads of an enterprise: it, and the township of its grid (named). */
export async function subjectOf(ports: Pick<Ports, 'refs'>, tenantId: string, enterprise: Enterprise): Promise<MatchSubject> {
  const grid = await ports.refs.grid(tenantId, enterprise.gridId);
  const town = grid ? await ports.refs.unit(tenantId, grid.townUnitId) : undefined;
  return { enterprise, townUnitId: grid?.townUnitId, townName: town?.name };
}

/** The policy, or 404 (another tenant's, or a draft the caller may not see, is simply not there). */
async function visible(ports: Pick<Ports, 'policies'>, p: Principal, policyId: string): Promise<StoredPolicy> {
  const stored = await ports.policies.get(p.tenantId, policyId);
  if (!stored || !maySeePolicy(p, stored.policy)) throw new NotFoundError('政策');
  return stored;
}

/** `GET /api/policies/{policyId}`: the policy, and for an owner how it stands for their enterprise. */
export async function policyDetail(ports: Pick<Ports, 'policies' | 'refs' | 'clock'>, p: Principal, policyId: string): Promise<PolicyResponse> {
  const { policy } = await visible(ports, p, policyId);
  if (!hasRole(p, 'owner') || !p.enterpriseId) return { policy };
  const enterprise = await ports.refs.enterprise(p.tenantId, p.enterpriseId);
  const match = enterprise ? matchPolicy(policy, await subjectOf(ports, p.tenantId, enterprise), policyToday(ports.clock.now())) : undefined;
  return { policy, ...(match ? { match } : {}) };
}

/**
 * The enterprise whose policies or profile the caller may see and keep: an
 * owner's own; one whose grid officer or commissioner (亲清特使) the caller is.
 */
async function servedEnterprise(ports: Pick<Ports, 'refs'>, p: Principal, enterpriseId: string | undefined, refusal: string): Promise<Enterprise> {
  const id = enterpriseId ?? (hasRole(p, 'owner') ? p.enterpriseId : undefined);
  if (!id) {
    if (hasRole(p, 'officer', 'unitLead')) throw new ValidationError([{ field: 'enterpriseId', message: '请选择企业' }]);
    throw new ForbiddenError(refusal);
  }
  const enterprise = await ports.refs.enterprise(p.tenantId, id);
  if (!enterprise) throw new NotFoundError('企业');
  const grid = await ports.refs.grid(p.tenantId, enterprise.gridId);
  if (!relationTo(p, enterprise, grid)) throw new ForbiddenError(refusal);
  return enterprise;
}

/** `GET /api/policies/mine`: 我的政策, the enterprise's matched (专属) then universal (普惠) live policies, the soonest to expire first. */
export async function myPolicies(ports: Pick<Ports, 'policies' | 'refs' | 'clock'>, p: Principal, enterpriseId?: string): Promise<MyPoliciesResponse> {
  const enterprise = await servedEnterprise(ports, p, enterpriseId, '只有企业负责人、所在网格的网格员和亲清特使可以查看企业的政策');
  const [cat, subject] = await Promise.all([catalogueOf(ports, p.tenantId), subjectOf(ports, p.tenantId, enterprise)]);
  const today = policyToday(ports.clock.now());
  const items = cat.policies
    .flatMap((x) => {
      const match = matchPolicy(x, subject, today);
      return match ? [{ policy: policyCard(x), match }] : [];
    })
    .sort((a, b) => compareMatches({ match: a.match, title: a.policy.title }, { match: b.match, title: b.policy.title }));
  return { enterpriseId: enterprise.id, enterpriseName: enterprise.name, items };
}

/** `GET /api/policies/suggest`: the live policies that answer what the owner is typing (nothing for unrelated text). */
export async function suggestPolicies(ports: Pick<Ports, 'policies' | 'clock'>, p: Principal, text: string): Promise<SuggestionsResponse> {
  const cat = await catalogueOf(ports, p.tenantId);
  const hits = suggestFrom(liveIndex(cat, policyToday(ports.clock.now())), text);
  return {
    items: hits.flatMap((h) => {
      const policy = cat.byId.get(h.id);
      return policy ? [{ policy: policyCard(policy), contact: policy.contact, words: h.words, score: h.score }] : [];
    }),
  };
}

// ── writing ────────────────────────────────────────────────────────────────

/** Conditions as stored: an empty list is no condition, values once each. */
export function normaliseConditions(c: PolicyConditions): PolicyConditions {
  const out: PolicyConditions = {};
  const lists = ['industries', 'tiers', 'tags', 'headcountBands', 'revenueBands', 'townUnitIds'] as const;
  for (const k of lists) {
    const v = c[k];
    if (v && v.length > 0) (out as Record<string, unknown>)[k] = [...new Set<string>(v)];
  }
  if (c.keyOnly) out.keyOnly = true;
  return out;
}

/** The unit a policy is for, and what the body says that the directory must agree with (400 naming the field). */
async function checkedInput(ports: Pick<Ports, 'refs'>, p: Principal, body: PolicyInput, unitId: string) {
  const issues: FieldIssue[] = [];
  const unit = await ports.refs.unit(p.tenantId, unitId);
  if (!unit) issues.push({ field: 'unitId', message: `单位 ${unitId} 不存在` });
  if (body.validTo !== undefined && body.validTo < body.validFrom) issues.push({ field: 'validTo', message: '截止日期不能早于生效日期' });
  if (body.contact.userId) {
    const user = await ports.refs.user(p.tenantId, body.contact.userId);
    if (!user || user.unitId !== unitId || !user.roles.some((r) => r === 'officer' || r === 'unitLead')) {
      issues.push({ field: 'contact.userId', message: '首问负责人应为该政策责任单位的工作人员' });
    }
  }
  for (const [i, town] of (body.conditions.townUnitIds ?? []).entries()) {
    const u = await ports.refs.unit(p.tenantId, town);
    if (!u || u.track !== 'township') issues.push({ field: `conditions.townUnitIds.${i}`, message: `镇街 ${town} 不存在` });
  }
  if (issues.length > 0 || !unit) throw new ValidationError(issues);
  return unit;
}

/** The fields a unit writes, as stored (optional ones absent when not given: a PUT replaces the policy's text whole). */
function written(body: PolicyInput, unit: { id: string; name: string }) {
  return {
    title: body.title,
    issuer: body.issuer,
    level: body.level,
    category: body.category,
    summary: body.summary,
    ...(body.body ? { body: body.body } : {}),
    ...(body.link ? { link: body.link } : {}),
    ...(body.keywords?.length ? { keywords: [...new Set(body.keywords)] } : {}),
    conditions: normaliseConditions(body.conditions),
    validFrom: body.validFrom,
    ...(body.validTo ? { validTo: body.validTo } : {}),
    howToApply: body.howToApply,
    unitId: unit.id,
    unitName: unit.name,
    contact: body.contact,
  };
}

const newPolicyId = () => `pol-${randomBytes(6).toString('hex')}`;

/** `POST /api/policies`: a draft, by a unit's staff for their unit, or by a curator for any unit (which they name). */
export async function createPolicy(ports: Pick<Ports, 'policies' | 'refs' | 'clock'>, p: Principal, body: PolicyInput): Promise<PolicyResponse> {
  const curator = curatesCatalogue(p);
  if (!curator && !hasRole(p, 'officer', 'unitLead')) throw new ForbiddenError('只有单位工作人员和督办人员可以编写政策');
  const unitId = body.unitId ?? (curator ? undefined : p.unitId);
  if (!unitId) throw new ValidationError([{ field: 'unitId', message: '请选择政策的责任单位' }]);
  if (!mayManagePolicies(p, unitId)) throw new ForbiddenError('只能为本单位编写政策');
  const unit = await checkedInput(ports, p, body, unitId);
  const at = nowIso(ports);
  for (let attempt = 0; attempt < 3; attempt++) {
    const policy: Policy = {
      id: newPolicyId(),
      tenantId: p.tenantId,
      ...written(body, unit),
      status: 'draft',
      createdBy: { userId: p.userId, name: p.name },
      createdAt: at,
      updatedAt: at,
      rev: 1,
    };
    if (await ports.policies.create(policy)) return { policy };
  }
  throw new ConflictError('编号冲突，请重试');
}

/** The push a publication or an edit of a published policy owes: one message per revision (its id names it). */
export const pushMessage = (policy: Policy, at: string): OutboxMessage => ({
  id: `policy-${policy.id}-r${policy.rev}`,
  tenantId: policy.tenantId,
  policyId: policy.id,
  event: POLICY_PUSH_EVENT,
  audience: [],
  title: policy.title,
  body: '',
  at,
});

/** A policy the caller may change: visible (else 404), theirs to manage (else 403). */
async function managed(ports: Pick<Ports, 'policies'>, p: Principal, policyId: string): Promise<StoredPolicy> {
  const stored = await visible(ports, p, policyId);
  if (!mayManagePolicies(p, stored.policy.unitId)) throw new ForbiddenError(`只有${stored.policy.unitName}的工作人员和督办人员可以修改这项政策`);
  return stored;
}

const stale = (current: Policy) => new ConflictError('该政策已被他人修改，请按最新内容重新编辑', { current });

/**
 * Writes the next revision (conditional on the one read) with the push it
 * owes, then sends the push to the queue (a refusal is left to the sweep: the
 * policy owes it durably). A lost race is 409 with the policy as it is now.
 */
async function commit(ports: PolicyPorts, read: Policy, next: Policy, push: OutboxMessage | null | undefined): Promise<Policy> {
  if (!(await ports.policies.update(next, read.rev, push))) {
    const now = await ports.policies.get(read.tenantId, read.id);
    throw now ? stale(now.policy) : new NotFoundError('政策');
  }
  if (push) await publish(ports, [push]);
  return next;
}

/**
 * `PUT /api/policies/{policyId}`: the whole policy again, on the revision read; a published one whose
 * conditions or validity changed owes a push to the enterprises it newly matches.
 */
export async function editPolicy(ports: PolicyPorts, p: Principal, policyId: string, body: PolicyEditBody): Promise<PolicyResponse> {
  const { policy } = await managed(ports, p, policyId);
  if (policy.status === 'retired') throw new ConflictError('政策已下架，不能修改');
  if (body.rev !== policy.rev) throw stale(policy);
  const unitId = body.unitId ?? policy.unitId;
  if (!mayManagePolicies(p, unitId)) throw new ForbiddenError('不能把政策移交给其他单位（请联系督办人员）');
  const unit = await checkedInput(ports, p, body, unitId);
  const at = nowIso(ports);
  const { title: _t, issuer: _i, summary: _s, body: _b, link: _l, keywords: _k, validTo: _v, contact: _c, ...kept } = policy;
  const next: Policy = { ...kept, ...written(body, unit), updatedAt: at, rev: policy.rev + 1 };
  // only a change of whom it is for can make it match anyone new (a push still owed stays owed)
  const reach = (x: Policy) => JSON.stringify([x.conditions, x.validFrom, x.validTo ?? null]);
  const push = next.status === 'published' && reach(next) !== reach(policy) ? pushMessage(next, at) : undefined;
  return { policy: await commit(ports, policy, next, push) };
}

/** `POST /api/policies/{policyId}/publish`: a draft goes into the catalogue and is pushed to the enterprises it matches. */
export async function publishPolicy(ports: PolicyPorts, p: Principal, policyId: string): Promise<PolicyResponse> {
  const { policy } = await managed(ports, p, policyId);
  if (policy.status === 'published') throw new ConflictError('政策已发布');
  if (policy.status === 'retired') throw new ConflictError('政策已下架，不能再发布');
  const today = policyToday(ports.clock.now());
  if (policy.validTo !== undefined && policy.validTo < today) throw new ConflictError(`政策已于 ${policy.validTo} 到期，请修改有效期后再发布`);
  const at = nowIso(ports);
  const next: Policy = { ...policy, status: 'published', publishedAt: at, updatedAt: at, rev: policy.rev + 1 };
  const out = await commit(ports, policy, next, pushMessage(next, at));
  ports.metrics.addMetric('PolicyPublished', 'Count', 1);
  return { policy: out };
}

/** `POST /api/policies/{policyId}/retire`: off the catalogue and 我的政策 (下架), with the reason; a push still owed is dropped. */
export async function retirePolicy(ports: PolicyPorts, p: Principal, policyId: string, reason: string): Promise<PolicyResponse> {
  const { policy } = await managed(ports, p, policyId);
  if (policy.status === 'retired') throw new ConflictError('政策已下架');
  const at = nowIso(ports);
  const next: Policy = { ...policy, status: 'retired', retiredAt: at, retiredReason: reason, updatedAt: at, rev: policy.rev + 1 };
  return { policy: await commit(ports, policy, next, null) };
}

// ── answered, and the figures ──────────────────────────────────────────────

/** `POST /api/policies/{policyId}/answered`: an owner found the answer in a suggested policy and stops there (counted once per owner and policy). */
export async function markAnswered(ports: Pick<Ports, 'policies' | 'clock' | 'metrics'>, p: Principal, policyId: string, q?: string): Promise<{ counted: boolean }> {
  if (!hasRole(p, 'owner')) throw new ForbiddenError('只有企业负责人可以标记政策已解答');
  const { policy } = await visible(ports, p, policyId);
  if (policy.status !== 'published') throw new NotFoundError('政策');
  const at = nowIso(ports);
  const counted = await ports.policies.answered({
    tenantId: p.tenantId,
    policyId,
    userId: p.userId,
    ...(p.enterpriseId ? { enterpriseId: p.enterpriseId } : {}),
    at,
    month: localDate(at).slice(0, 7),
    ...(q ? { q } : {}),
  });
  if (counted) ports.metrics.addMetric('PolicyAnswered', 'Count', 1);
  return { counted };
}

/** A Shanghai month's instants: [its first midnight, the next month's), UTC ISO. */
function monthRange(month: string): { from: string; to: string } {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const at = (year: number, mon: number) => new Date(Date.UTC(year, mon - 1, 1) - SHANGHAI_OFFSET_MS).toISOString();
  return { from: at(y, m), to: m === 12 ? at(y + 1, 1) : at(y, m + 1) };
}

/** Tickets of a month read for the figures at most (a district raises a few hundred a month). */
const STATS_MAX_PAGES = 40;

/** `GET /api/policies/stats`: how often suggestions answered owners in a month, beside the requests raised and the policy consultations. */
export async function policyStats(ports: Pick<Ports, 'policies' | 'tickets' | 'clock'>, p: Principal, month?: string): Promise<PolicyStatsResponse> {
  if (!curatesCatalogue(p)) throw new ForbiddenError('只有督办人员可以查看政策超市的统计');
  const m = month ?? localDate(ports.clock.now()).slice(0, 7);
  const [counts, cat] = await Promise.all([ports.policies.answeredIn(p.tenantId, m), catalogueOf(ports, p.tenantId)]);
  let raised = 0;
  let consultations = 0;
  let cursor: string | undefined;
  for (let page = 0; page < STATS_MAX_PAGES; page++) {
    const out = await ports.tickets.createdBetween(p.tenantId, monthRange(m), { limit: 500, ...(cursor ? { cursor } : {}) });
    raised += out.items.length;
    consultations += out.items.filter((t) => t.policy !== undefined).length;
    cursor = out.cursor;
    if (!cursor) break;
  }
  const topPolicies = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 10)
    .map(([policyId, answered]) => ({ policyId, title: cat.byId.get(policyId)?.title ?? policyId, answered }));
  return { month: m, answered: [...counts.values()].reduce((a, b) => a + b, 0), raised, consultations, topPolicies };
}

// ── the enterprise profile ─────────────────────────────────────────────────

const profileOf = (e: Enterprise): EnterpriseProfile =>
  EnterpriseProfile.parse({ tags: e.tags ?? [], ...(e.headcountBand ? { headcountBand: e.headcountBand } : {}), ...(e.revenueBand ? { revenueBand: e.revenueBand } : {}) });
const sameProfile = (a: EnterpriseProfile, b: EnterpriseProfile) => JSON.stringify(a) === JSON.stringify(b);

/** The enterprise with a profile (bands left out are removed). */
function withProfile(e: Enterprise, profile: EnterpriseProfile): Enterprise {
  const { tags: _t, headcountBand: _h, revenueBand: _r, ...rest } = e;
  return { ...rest, tags: profile.tags, ...(profile.headcountBand ? { headcountBand: profile.headcountBand } : {}), ...(profile.revenueBand ? { revenueBand: profile.revenueBand } : {}) };
}

const PROFILE_ATTEMPTS = 5;

/**
 * `PUT /api/enterprises/{enterpriseId}/profile`: its owner, its grid officer
 * or one of its commissioners keeps the profile policies match on. Written
 * on the record's revision (a concurrent edit of the record is read again and
 * the profile put on it), recorded in the audit trail and as a profile change
 * the enterprise's ledger lists; 我的政策 reads it from the next request.
 */
export async function putProfile(
  ports: Pick<Ports, 'refs' | 'policies' | 'audit' | 'clock'>,
  p: Principal,
  enterpriseId: string,
  body: EnterpriseProfileBody,
): Promise<{ enterprise: Enterprise }> {
  await servedEnterprise(ports, p, enterpriseId, '只有企业负责人、所在网格的网格员和亲清特使可以修改企业画像');
  const desired = EnterpriseProfile.parse({ ...body, tags: [...new Set(body.tags)] });
  for (let attempt = 0; attempt < PROFILE_ATTEMPTS; attempt++) {
    const current = await ports.refs.revised('ENT', p.tenantId, enterpriseId);
    if (!current) throw new NotFoundError('企业');
    const before = profileOf(current.value);
    if (sameProfile(before, desired)) return { enterprise: current.value };
    const value = withProfile(current.value, desired);
    const revision = { rev: current.revision.rev + 1, at: nowIso(ports), prior: JSON.stringify(current.value) };
    if (!(await ports.refs.putRevised('ENT', value, { rev: current.revision.rev }, revision))) continue;
    const by = { userId: p.userId, name: p.name };
    await ports.policies.recordProfileChange({ tenantId: p.tenantId, enterpriseId, at: revision.at, rev: revision.rev, by, before, after: desired });
    await recordChange(ports, p, {
      action: 'update',
      target: 'ENT',
      targetId: enterpriseId,
      label: '企业画像',
      name: value.name,
      before: { ...before },
      after: { ...desired },
      id: directoryAuditId('ENT', enterpriseId, `r${revision.rev}`),
      at: revision.at,
    });
    return { enterprise: value };
  }
  throw new ConflictError('企业信息正被他人同时修改，请稍后重试');
}

