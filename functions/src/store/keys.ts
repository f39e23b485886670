import { DUE_SHARDS, nextSweepAt, visitInstant, visitMonthOf, voterKey, type Race, type SupervisionNotice, type Ticket, type Visit, type VoterKind } from '@whistle/shared';
import { EFFECTS_RECOVERY_MS } from '../ports.js';

/**
 * The one place that builds keys. Every partition key starts with the tenant,
 * so no query can cross tenants. See docs/data-model.md for the access patterns.
 */
export interface Key {
  pk: string;
  sk: string;
}

export const REF_TYPES = ['TENANT', 'AREA', 'GRID', 'UNIT', 'GROUP', 'ENT', 'USER'] as const;
export type RefType = (typeof REF_TYPES)[number];

const T = (tenantId: string) => `T#${tenantId}`;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A small stable hash (FNV-1a) to spread a tenant's due clocks over shards. */
export function shardOf(id: string, shards = DUE_SHARDS): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

export const keys = {
  /** reference data: one partition per tenant and type; the id is the sort key */
  refPartition: (tenantId: string, type: RefType) => `${T(tenantId)}#${type}`,
  ref: (tenantId: string, type: RefType, id: string): Key => ({ pk: `${T(tenantId)}#${type}`, sk: id }),
  /** WeChat openid → user (global: the tenant is not known before login) */
  wechatUser: (openId: string): Key => ({ pk: `WX#${openId}`, sk: 'USER' }),
  /** an invitation (邀请码) by its code (global, like the openid link: the tenant is not known before sign-in) */
  wechatInvitation: (code: string): Key => ({ pk: `WXINV#${code}`, sk: 'INVITE' }),
  /** a user's WeChat items: the current invitation's pointer, consents per template, consent requests seen */
  wechatUserPk: (tenantId: string, userId: string) => `${T(tenantId)}#USER#${userId}#WX`,
  wechatCurrentInvitation: (tenantId: string, userId: string): Key => ({ pk: keys.wechatUserPk(tenantId, userId), sk: 'INVITE' }),
  wechatConsent: (tenantId: string, userId: string, templateId: string): Key => ({ pk: keys.wechatUserPk(tenantId, userId), sk: `CONSENT#${templateId}` }),
  wechatConsentPrefix: 'CONSENT#',
  wechatConsentRequest: (tenantId: string, userId: string, requestKey: string): Key => ({ pk: keys.wechatUserPk(tenantId, userId), sk: `REQ#${requestKey}` }),
  /** the consent one outbox message's WeChat message to one user took (beside its delivery marker): taken once */
  wechatConsentTaken: (tenantId: string, messageId: string, userId: string): Key => ({ pk: `${T(tenantId)}#WXSEND#${messageId}`, sk: `CONSENT#${userId}` }),
  /** the tenant's subscribe-message templates per event */
  wechatTemplates: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'WECHAT_TEMPLATES' }),
  /** the delivery marker of one outbox message's WeChat message to one user: it goes out once */
  wechatDelivery: (tenantId: string, messageId: string, userId: string): Key => ({ pk: `${T(tenantId)}#WXSEND#${messageId}`, sk: `USER#${userId}` }),

  ticketPk: (tenantId: string, ticketId: string) => `${T(tenantId)}#TICKET#${ticketId}`,
  ticket: (tenantId: string, ticketId: string): Key => ({ pk: keys.ticketPk(tenantId, ticketId), sk: 'TICKET' }),
  /** timeline entries sort by the ticket version that wrote them */
  timeline: (tenantId: string, ticketId: string, version: number, index: number): Key => ({
    pk: keys.ticketPk(tenantId, ticketId),
    sk: `TL#${pad(version, 6)}#${pad(index, 2)}`,
  }),
  timelinePrefix: 'TL#',
  coUnitTask: (tenantId: string, ticketId: string, unitId: string): Key => ({
    pk: keys.ticketPk(tenantId, ticketId),
    sk: `TASK#${unitId}`,
  }),
  /**
   * a retrospective (典型问题复盘) in its subject's partition: a ticket's, or a common issue's own id (where
   * that common issue's 督办单 live), so a subject's retrospectives are one Query
   */
  retrospective: (tenantId: string, subjectId: string, retroId: string): Key => ({ pk: keys.ticketPk(tenantId, subjectId), sk: `RETRO#${retroId}` }),
  retrospectivePrefix: 'RETRO#',
  deskEntry: (tenantId: string, ticketId: string): Key => ({ pk: keys.ticketPk(tenantId, ticketId), sk: 'DESK' }),
  leaderLink: (tenantId: string, ticketId: string): Key => ({ pk: keys.ticketPk(tenantId, ticketId), sk: 'LEADER' }),
  /** 督办单: one per clock and level, so a notice can only ever be issued once */
  notice: (tenantId: string, ticketId: string, clockId: string, level: string, cycle = 0): Key => ({
    pk: keys.ticketPk(tenantId, ticketId),
    sk: `NOTICE#${clockId}#${cycle}#${level}`,
  }),
  noticePrefix: 'NOTICE#',
  /** an outbox message not yet delivered (durable outbox): in its ticket's partition until the notifier has delivered it */
  outboxRecord: (tenantId: string, ticketId: string, messageId: string): Key => ({ pk: keys.ticketPk(tenantId, ticketId), sk: `OUTBOX#${messageId}` }),

  feedPk: (tenantId: string, groupId: string) => `${T(tenantId)}#GROUP#${groupId}#FEED`,
  feedEntry: (tenantId: string, groupId: string, publishedAt: string, ticketId: string): Key => ({
    pk: keys.feedPk(tenantId, groupId),
    sk: `${publishedAt}#${ticketId}`,
  }),

  counter: (tenantId: string, name: string): Key => ({ pk: `${T(tenantId)}#COUNTER`, sk: name }),

  inboxPk: (tenantId: string, userId: string) => `${T(tenantId)}#USER#${userId}#INBOX`,
  inboxItem: (tenantId: string, userId: string, at: string, id: string): Key => ({
    pk: keys.inboxPk(tenantId, userId),
    sk: `${at}#${id}`,
  }),

  settingsPk: (tenantId: string) => `${T(tenantId)}#SETTINGS`,
  calendarYear: (tenantId: string, year: number): Key => ({ pk: keys.settingsPk(tenantId), sk: `CALENDAR#${year}` }),
  clockPolicy: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'CLOCK_POLICY' }),
  dutyRoster: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DUTY_ROSTER' }),
  rateLimits: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'RATE_LIMITS' }),

  /**
   * A rate-limit counter: one item per limit, subject and fixed window (the
   * window's start, wall-clock ms). Per tenant for intake and claims
   * (`T#<tenant>#RATE#intake#<enterprise>`); global for sign-in, where the
   * tenant is not known yet (`RATE#login-source#<ip>`, like the WeChat binding).
   */
  rateCounter: (tenantId: string | undefined, limit: string, subject: string, windowStartMs: number): Key => ({
    pk: `${tenantId === undefined ? '' : `${T(tenantId)}#`}RATE#${limit}#${subject}`,
    sk: `W#${pad(windowStartMs, 15)}`,
  }),
  demoSeed: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_SEED' }),
  /** the demo district's generated history (local stack only): loading, or loaded */
  demoHistory: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_HISTORY' }),
  demoAssessment: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_ASSESSMENT' }),
  /** the demo district's races (the local stack): loaded once, this marker last */
  demoRaces: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_RACES' }),
  /** the demo district's first audit entries (the local stack): the instant they are anchored at, written first */
  demoAudit: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_AUDIT' }),
  /** the demo district's finished import job (the local stack): once, this marker after its start */
  demoImports: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_IMPORTS' }),
  /** the demo district's first invitations (the local stack): once, this marker after them */
  demoInvitations: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_INVITATIONS' }),

  /** the quarterly race (赛马比拼): one partition per race (its id is its quarter), the race and its ballots */
  racePk: (tenantId: string, raceId: string) => `${T(tenantId)}#RACE#${raceId}`,
  race: (tenantId: string, raceId: string): Key => ({ pk: keys.racePk(tenantId, raceId), sk: 'RACE' }),
  /** one ballot per voter (enterprise or unit): its key is the voter, so a second is refused by `attribute_not_exists` */
  raceBallot: (tenantId: string, raceId: string, voter: { kind: VoterKind; id: string }): Key => ({
    pk: keys.racePk(tenantId, raceId),
    sk: `${keys.raceBallotPrefix}${voterKey(voter)}`,
  }),
  raceBallotPrefix: 'BALLOT#',

  /** a visit (走访): a partition of its own (its id derives from the logging user and the request's Idempotency-Key) */
  visitPk: (tenantId: string, visitId: string) => `${T(tenantId)}#VISIT#${visitId}`,
  visit: (tenantId: string, visitId: string): Key => ({ pk: keys.visitPk(tenantId, visitId), sk: 'VISIT' }),
  /** the demo district's visits (the local stack): once, this marker after them */
  demoVisits: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_VISITS' }),
  /**
   * Common issues (共性问题) and the suggestions proposed to the supervisor: one partition per tenant
   * (a district confirms a few dozen a year; a run keeps a few dozen suggestions), so the ledger is one
   * Query of `CI#` and a proposal run one Query of `SUG#`.
   */
  commonIssuePk: (tenantId: string) => `${T(tenantId)}#CISSUE`,
  commonIssue: (tenantId: string, id: string): Key => ({ pk: keys.commonIssuePk(tenantId), sk: `${keys.commonIssuePrefix}${id}` }),
  commonIssuePrefix: 'CI#',
  commonIssueSuggestion: (tenantId: string, id: string): Key => ({ pk: keys.commonIssuePk(tenantId), sk: `${keys.suggestionPrefix}${id}` }),
  suggestionPrefix: 'SUG#',
  /** the demo common issues' marker: written once they are seeded */
  demoCommonIssues: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_COMMON_ISSUES' }),
  /** the demo retrospective's marker: written once it is opened */
  demoRetrospective: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_RETRO' }),
  /** the demo's retrospective on its solved common issue: written once it is opened */
  demoCommonIssueRetrospective: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_RETRO_CI' }),

  /**
   * The policy supermarket (政策超市): a tenant's catalogue in one partition
   * (500 policies are a page or two of one Query), its revision beside the
   * settings; each policy's pushes (their chunks, and a bare marker for an
   * enterprise told without an owner to tell) and the owners it answered, in
   * partitions of the policy's own.
   */
  policyPk: (tenantId: string) => `${T(tenantId)}#POLICY`,
  policy: (tenantId: string, policyId: string): Key => ({ pk: `${T(tenantId)}#POLICY`, sk: policyId }),
  /** the catalogue's revision: bumped by every change, so a warm suggestion index knows it is behind */
  policyCatalog: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'POLICY_CATALOG' }),
  policyPushPk: (tenantId: string, policyId: string) => `${T(tenantId)}#POLICY#${policyId}#PUSH`,
  /** one chunk of a push: the instant it tells at, the run (a push cut short is finished by another), its number */
  policyPushChunk: (tenantId: string, policyId: string, chunkId: string): Key => ({ pk: keys.policyPushPk(tenantId, policyId), sk: `CHUNK#${chunkId}` }),
  policyPushChunkPrefix: 'CHUNK#',
  pushChunkId: (at: string, run: string, index: number) => `${at}#${run}#${pad(index, 4)}`,
  /**
   * the pushes an enterprise was told of with no owner to tell: the ledger's record of each (otherwise its first
   * owner's inbox item is: no index on the inbox items, whose writes a push is measured by)
   */
  enterprisePushesPk: (tenantId: string, enterpriseId: string) => `${T(tenantId)}#ENT#${enterpriseId}#PUSHED`,
  enterprisePushMarker: (tenantId: string, enterpriseId: string, at: string, policyId: string): Key => ({
    pk: keys.enterprisePushesPk(tenantId, enterpriseId),
    sk: `${at}#${policyId}`,
  }),
  /** an owner who found their answer in the policy (once per owner: the key is the owner) */
  policyAnswered: (tenantId: string, policyId: string, userId: string): Key => ({ pk: `${T(tenantId)}#POLICY#${policyId}#ANSWERED`, sk: userId }),
  /** an enterprise's profile changes, by time (its ledger reads them) */
  profileChangePk: (tenantId: string, enterpriseId: string) => `${T(tenantId)}#ENT#${enterpriseId}#PROFILE`,
  profileChange: (tenantId: string, enterpriseId: string, at: string, rev: number): Key => ({
    pk: keys.profileChangePk(tenantId, enterpriseId),
    sk: `${at}#r${pad(rev, 6)}`,
  }),
  /** the demo district's policies (the local stack): loaded once, this marker last */
  demoPolicies: (tenantId: string): Key => ({ pk: keys.settingsPk(tenantId), sk: 'DEMO_POLICIES' }),

  /**
   * The assessment. A period's partition holds one aggregate per unit
   * (`UNIT#<unit>`: its counters) and one item of entered scores
   * (`MANUAL#<unit>`): a ranking reads units × 2 items. A ticket's projection
   * state and its contributions live in its partition; the contributions are
   * indexed by unit and month (gsi1), for the drill-down.
   */
  assessPk: (tenantId: string, period: string) => `${T(tenantId)}#ASSESS#${period}`,
  assessUnit: (tenantId: string, period: string, unitId: string): Key => ({ pk: keys.assessPk(tenantId, period), sk: `UNIT#${unitId}` }),
  assessManual: (tenantId: string, period: string, unitId: string): Key => ({ pk: keys.assessPk(tenantId, period), sk: `MANUAL#${unitId}` }),
  /** the monthly analyses (月分析) kept: one small partition per tenant, a month per item (`MONTH#2026-11`), read by month range */
  analysisPk: (tenantId: string) => `${T(tenantId)}#ANALYSIS`,
  analysisMonth: (tenantId: string, month: string): Key => ({ pk: keys.analysisPk(tenantId), sk: `MONTH#${month}` }),
  /** the audit trail of entered scores: one partition per period and unit, by time */
  assessLogPk: (tenantId: string, period: string, unitId: string) => `${T(tenantId)}#ASSESSLOG#${period}#${unitId}`,
  assessLog: (tenantId: string, period: string, unitId: string, at: string, id: string): Key => ({
    pk: keys.assessLogPk(tenantId, period, unitId),
    sk: `${at}#${id}`,
  }),
  projection: (tenantId: string, ticketId: string): Key => ({ pk: keys.ticketPk(tenantId, ticketId), sk: 'ASSESS' }),
  contribution: (tenantId: string, ticketId: string, unitId: string, month: string): Key => ({
    pk: keys.ticketPk(tenantId, ticketId),
    sk: `ASSESS#${unitId}#${month}`,
  }),
  contributionPrefix: 'ASSESS#',
  /** 申诉: in the disputed ticket's partition (the projection reads them with the ticket), listed by tenant (gsi1) */
  dispute: (tenantId: string, ticketId: string, disputeId: string): Key => ({ pk: keys.ticketPk(tenantId, ticketId), sk: `DISPUTE#${disputeId}` }),
  disputePrefix: 'DISPUTE#',
  assessScheme: (tenantId: string, version: number): Key => ({ pk: keys.settingsPk(tenantId), sk: `ASSESS_SCHEME#${pad(version, 6)}` }),
  assessSchemePrefix: 'ASSESS_SCHEME#',

  /**
   * The audit trail (操作日志): one partition per tenant and month, by time (a
   * month of an administrator's changes is small; an import is one entry).
   */
  auditPk: (tenantId: string, month: string) => `${T(tenantId)}#AUDIT#${month}`,
  audit: (tenantId: string, at: string, id: string): Key => ({ pk: keys.auditPk(tenantId, at.slice(0, 7)), sk: `${at}#${id}` }),

  /**
   * Excel imports (导入): the tenant's jobs in one partition, newest first (a
   * job id begins with its creation time); each job's report and the records
   * it writes in chunks of IMPORT_CHUNK_ROWS rows, in the job's own partition.
   */
  importJobsPk: (tenantId: string) => `${T(tenantId)}#IMPORTS`,
  importJob: (tenantId: string, jobId: string): Key => ({ pk: keys.importJobsPk(tenantId), sk: `JOB#${jobId}` }),
  importJobPrefix: 'JOB#',
  /** an upload's Idempotency-Key (the caller's): the job it made, so a retried upload answers that job */
  importKey: (tenantId: string, userId: string, key: string): Key => ({ pk: keys.importJobsPk(tenantId), sk: `KEY#${userId}#${key}` }),
  importChunkPk: (tenantId: string, jobId: string) => `${T(tenantId)}#IMPORT#${jobId}`,
  importChunk: (tenantId: string, jobId: string, index: number): Key => ({ pk: keys.importChunkPk(tenantId, jobId), sk: `CHUNK#${pad(index, 4)}` }),

  /** the tenants the sweep visits (a global partition: the scheduled sweep has no tenant of its own) */
  tenantRegistryPk: 'TENANTS',
  tenantRegistry: (tenantId: string): Key => ({ pk: 'TENANTS', sk: tenantId }),
  /**
   * The platform's tenant registry: one entry per tenant, in one global partition (the operator's list;
   * like the sweep's registry, it has no tenant of its own). A district's entry is also indexed under its
   * province (gsi1 `T#<province>#DISTRICTS`), so a province reads its districts without the others.
   */
  platformTenantsPk: 'PLATFORM#TENANTS',
  platformTenant: (tenantId: string): Key => ({ pk: 'PLATFORM#TENANTS', sk: tenantId }),
  /** 督办单 numbers: one counter per tenant and (local) year */
  noticeCounter: (tenantId: string, year: number): Key => keys.counter(tenantId, `NOTICE#${year}`),
};

/** Index partitions (GSI keys). */
export const indexKeys = {
  enterpriseTickets: (tenantId: string, enterpriseId: string) => `${T(tenantId)}#ENT#${enterpriseId}`,
  groupActivity: (tenantId: string, groupId: string) => `${T(tenantId)}#GROUP#${groupId}#ACT`,
  tenantNotices: (tenantId: string) => `${T(tenantId)}#NOTICES`,
  /** the tenant's races, by quarter */
  tenantRaces: (tenantId: string) => `${T(tenantId)}#RACES`,
  unitTickets: (tenantId: string, unitId: string) => `${T(tenantId)}#UNIT#${unitId}`,
  unitNotices: (tenantId: string, unitId: string) => `${T(tenantId)}#UNIT#${unitId}#NOTICES`,
  deskQueue: (tenantId: string) => `${T(tenantId)}#DESK`,
  leaderTickets: (tenantId: string, userId: string) => `${T(tenantId)}#LEADER#${userId}`,
  tenantTickets: (tenantId: string) => `${T(tenantId)}#TICKETS`,
  /** the tenant's tickets by their last change (the `changed` index): what changed since a watermark */
  tenantChanges: (tenantId: string) => `${T(tenantId)}#CHANGED`,
  /** an enterprise's visits, by their place in time (gsi1; beside its tickets' partition, `…#ENT#<ent>`) */
  enterpriseVisits: (tenantId: string, enterpriseId: string) => `${T(tenantId)}#ENT#${enterpriseId}#VISITS`,
  /** a grid's visits of a month (gsi2): coverage reads one partition per grid */
  gridVisits: (tenantId: string, gridId: string, month: string) => `${T(tenantId)}#GRID#${gridId}#VISITS#${month}`,
  /** the visits a user logged (gsi3) */
  userVisits: (tenantId: string, userId: string) => `${T(tenantId)}#USER#${userId}#VISITS`,
  /** a unit's contributions in a month (the tickets behind its figures) */
  unitContributions: (tenantId: string, unitId: string, month: string) => `${T(tenantId)}#CONTRIB#${unitId}#${month}`,
  tenantDisputes: (tenantId: string) => `${T(tenantId)}#DISPUTES`,
  /** the owners a suggested policy answered, by month (gsi1, by time) */
  answeredMonth: (tenantId: string, month: string) => `${T(tenantId)}#ANSWERED#${month}`,
  /** the tenant's invitations, by issue time */
  tenantInvitations: (tenantId: string) => `${T(tenantId)}#WXINVS`,
  /** a province's districts (their registry entries, gsi1), by district id */
  provinceDistricts: (provinceId: string) => `${T(provinceId)}#DISTRICTS`,
  dueShard: (tenantId: string, shard: number) => `${T(tenantId)}#DUE#${shard}`,
  /**
   * records of their own holding clocks (a retrospective's tasks, a common issue's target and
   * steps): a partition of their own, so the tickets' sweep reads only tickets; one per tenant
   * (they are few: tens to hundreds, against tickets' thousands)
   */
  holderDue: (tenantId: string) => `${T(tenantId)}#DUEH`,
  /** undelivered outbox messages: the due index's other partitions, so the clock sweep reads only tickets */
  outboxShard: (tenantId: string, shard: number) => `${T(tenantId)}#OUTBOX#${shard}`,
  /** due-index sort key: the instant the sweep must look, then the ticket (ISO instants sort as text) */
  dueSk: (at: string, ticketId: string) => `${at}#${ticketId}`,
  /** upper bound of a `dueSk <= :now` range: every key whose instant is at or before `now` ('#' < '~') */
  dueUpTo: (now: string) => `${now}~`,
};

/** GSI attributes of a ticket item, derived from the ticket (never set by hand). */
export function ticketIndexAttributes(t: Ticket): Record<string, string> {
  const attrs: Record<string, string> = {
    gsi1pk: indexKeys.enterpriseTickets(t.tenantId, t.enterpriseId),
    gsi1sk: `${t.createdAt}#${t.id}`,
    gsi3pk: indexKeys.tenantTickets(t.tenantId),
    gsi3sk: `${t.createdAt}#${t.id}`,
    // every commit moves the ticket to the end of its tenant's changes (the similar-requests index refreshes from there)
    changedPk: indexKeys.tenantChanges(t.tenantId),
    changedSk: `${t.updatedAt}#${t.id}`,
  };
  if (t.handlingUnitId) {
    attrs.gsi2pk = indexKeys.unitTickets(t.tenantId, t.handlingUnitId);
    attrs.gsi2sk = `${t.updatedAt}#${t.id}`;
  }
  // sparse: only tickets with a pending escalation are in the due index
  const due = nextSweepAt(t.clocks);
  if (due && t.status !== 'resolved' && t.status !== 'closed') {
    attrs.duePk = indexKeys.dueShard(t.tenantId, shardOf(t.id));
    attrs.dueSk = `${due}#${t.id}`;
  }
  return attrs;
}

/** A holder's place in the due index (sparse: only while open with an escalation pending), from its clocks like a ticket's. */
export function holderDueAttributes(tenantId: string, id: string, open: boolean, clocks: Parameters<typeof nextSweepAt>[0]): Record<string, string> {
  const due = open ? nextSweepAt(clocks) : undefined;
  return due ? { duePk: indexKeys.holderDue(tenantId), dueSk: indexKeys.dueSk(due, id) } : {};
}

/** How long an intake may stay half done before the sweep finishes it (a retry with its key usually does first). */
export const INTAKE_RECOVERY_MS = 10 * 60_000;

const dueAt = (tenantId: string, ticketId: string, at: string) => ({
  duePk: indexKeys.dueShard(tenantId, shardOf(ticketId)),
  dueSk: indexKeys.dueSk(at, ticketId),
});
const later = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

/**
 * The index attributes of a ticket item as a commit writes it: in intake, its
 * recovery entry alone (it is in no list yet); with effects not yet applied,
 * its due entry no later than their recovery, whatever its status (a rated
 * ticket's notifications must go out too); otherwise its indexes.
 */
export function ticketItemAttributes(t: Ticket, state: { intakePending?: boolean; pending?: boolean }): Record<string, string> {
  if (state.intakePending) return intakeRecoveryAttributes(t);
  const attrs = ticketIndexAttributes(t);
  if (!state.pending) return attrs;
  const recovery = later(t.updatedAt, EFFECTS_RECOVERY_MS);
  const due = attrs.dueSk?.slice(0, attrs.dueSk.lastIndexOf('#'));
  return !due || recovery < due ? { ...attrs, ...dueAt(t.tenantId, t.id, recovery) } : attrs;
}

/** An outbox record's place in the due index: when the sweep sends it again unless it was delivered. */
export const outboxDueAttributes = (tenantId: string, ticketId: string, at: string): Record<string, string> => ({
  duePk: indexKeys.outboxShard(tenantId, shardOf(ticketId)),
  dueSk: indexKeys.dueSk(at, ticketId),
});

/**
 * The one index entry of a ticket still in intake: the due index, at its
 * creation plus INTAKE_RECOVERY_MS, so the sweep finishes an intake whose
 * caller never retried. No list or feed sees the ticket meanwhile.
 */
export function intakeRecoveryAttributes(t: Ticket): Record<string, string> {
  const at = new Date(Date.parse(t.createdAt) + INTAKE_RECOVERY_MS).toISOString();
  return { duePk: indexKeys.dueShard(t.tenantId, shardOf(t.id)), dueSk: `${at}#${t.id}` };
}

/** A race item's place in the tenant's list of races (gsi1, by quarter: `2026-Q4` sorts after `2026-Q3`). */
export const raceIndexAttributes = (race: Pick<Race, 'tenantId' | 'quarter'>): Record<string, string> => ({
  gsi1pk: indexKeys.tenantRaces(race.tenantId),
  gsi1sk: race.quarter,
});

/**
 * A visit item's places: its enterprise's visits (gsi1), its grid's month
 * (gsi2), its logger's visits (gsi3); each sorted by the visit's place in
 * time then its id (`visitInstant`: the ledger's position of the visit).
 */
export function visitIndexAttributes(v: Pick<Visit, 'id' | 'tenantId' | 'enterpriseId' | 'gridId' | 'date' | 'createdAt' | 'createdBy'>): Record<string, string> {
  const sk = `${visitInstant(v)}#${v.id}`;
  return {
    gsi1pk: indexKeys.enterpriseVisits(v.tenantId, v.enterpriseId),
    gsi1sk: sk,
    gsi2pk: indexKeys.gridVisits(v.tenantId, v.gridId, visitMonthOf(v.date)),
    gsi2sk: sk,
    gsi3pk: indexKeys.userVisits(v.tenantId, v.createdBy.userId),
    gsi3sk: sk,
  };
}

export function noticeIndexAttributes(n: SupervisionNotice): Record<string, string> {
  return {
    gsi1pk: indexKeys.tenantNotices(n.tenantId),
    gsi1sk: `${n.issuedAt}#${n.id}`,
    ...(n.unitId ? { gsi2pk: indexKeys.unitNotices(n.tenantId, n.unitId), gsi2sk: `${n.issuedAt}#${n.id}` } : {}),
  };
}
