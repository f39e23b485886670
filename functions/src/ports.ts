import type {
  AssessmentScheme,
  AuditEntry,
  Contribution,
  Counters,
  Dispute,
  ManualEntry,
  MonthlyAnalysis,
  Retrospective,
  CommonIssue,
  CommonIssueSuggestion,
  OwedTicketWrite,
  SuggestionStatus,
  ManualIndicator,
  Area,
  Ballot,
  CalendarYearData,
  ClockPolicy,
  DutyShift,
  EscalationJob,
  Enterprise,
  FeedCard,
  Invitation,
  Grid,
  Group,
  InboxItem,
  LoginRateLimits,
  NoticeCounts,
  OutboxMessage,
  RateLimits,
  PendingEffects,
  Race,
  SupervisionLevel,
  SupervisionNotice,
  Tenant,
  Ticket,
  TimelineEntry,
  Unit,
  User,
  VoterKind,
  Visit,
  FindingTicket,
  WorkingCalendar,
  ImportDirectory,
  ImportJob,
  ImportRow,
  ImportWrite,
  Policy,
  PolicyPush,
  ProfileChange,
  HolderRef,
  LadderHolder,
  Clock,
} from '@whistle/shared';

/**
 * Ports: the interfaces the application services use. Adapters implement
 * them (functions/src/store over DynamoDB, functions/src/adapters over SQS,
 * WeChat and the clock; tests/support/memory for unit tests); wiring.ts builds
 * each adapter once per container. Services import this file, never an
 * adapter or the wiring.
 */
export type { EscalationJob, OutboxMessage, PendingEffects };

// ── tickets ─────────────────────────────────────────────────────────────────

/** Who is claiming a published ticket right now (发声认领 in progress). */
export interface ClaimLock {
  token: string;
  unitId: string;
  unitName: string;
  until: string;
}

/** A ticket as stored: with effects committed but not yet applied, and its intake state. */
export interface StoredTicket {
  ticket: Ticket;
  pending?: PendingEffects;
  /** intake not finished: the ticket is in no list or feed yet */
  intakePending?: boolean;
  requestHash?: string;
  /** a claim in progress (or its winner's, kept until the next commit) */
  claimLock?: ClaimLock;
}

export interface TicketPage {
  items: Ticket[];
  cursor?: string;
}

/** Creation times from `from` (inclusive) to `to` (exclusive), UTC ISO instants. */
export interface CreatedRange {
  from: string;
  to: string;
}

/**
 * A ticket as the `changed` index projects it (docs/data-model.md, pattern 48): what the warm
 * similar-requests index reads of each ticket, and the common issue it is linked to.
 */
export type ChangedTicket = Pick<Ticket, 'id' | 'enterpriseId' | 'enterpriseName' | 'number' | 'category' | 'title' | 'description' | 'status' | 'updatedAt'> & {
  commonIssueId?: string;
};

export interface ClaimLockRequest extends ClaimLock {
  now: string;
  /** the claiming unit's groups: the lock holds only on a ticket published to one of them */
  groupIds: readonly string[];
}

export interface TicketRepository {
  get(tenantId: string, ticketId: string, consistent?: boolean): Promise<StoredTicket | undefined>;
  /** the ticket with its timeline, in one read */
  getWithTimeline(tenantId: string, ticketId: string): Promise<{ stored: StoredTicket; timeline: TimelineEntry[] } | undefined>;
  /**
   * 发声认领, step one: one conditional write decides whose claim goes ahead.
   * The holder's own request gets the ticket back (`stored`); others get only the holder.
   * Undefined when the ticket is not claimable by these groups.
   */
  lockClaim(tenantId: string, ticketId: string, lock: ClaimLockRequest, opts?: { takeOver?: boolean }): Promise<{ holder: ClaimLock; stored?: StoredTicket } | undefined>;
  /** intake: false when a ticket with this id exists */
  create(ticket: Ticket, effects: PendingEffects, requestHash: string): Promise<boolean>;
  /**
   * A transition with its effects, conditional on the ticket as read (its version and claim lock);
   * false when another write came first. `claimLock`: the claim's own commit keeps its winner's lock.
   */
  commit(read: StoredTicket, next: Ticket, effects: PendingEffects, opts?: { claimLock?: ClaimLock }): Promise<boolean>;
  /** writes a commit's timeline entries, index items and outbox records (idempotent) */
  applyEffects(stored: StoredTicket): Promise<void>;
  /** clears the applied effects and puts the ticket in its indexes (conditional on its version); false when a newer commit came */
  settle(stored: StoredTicket): Promise<boolean>;
  /** drops the claim lock `token` holds (a claimer that failed after winning it), if it still holds it */
  releaseClaimLock(tenantId: string, ticketId: string, token: string): Promise<void>;
  /** the next readable number of the tenant and year: 2026-000123 */
  nextNumber(tenantId: string, year: number): Promise<string>;
  /**
   * gives back a number drawn by `nextNumber` and not used (an intake that turned out to be a retry), if it is
   * still the last one drawn of its year; when another was drawn since, it stays a gap
   */
  returnNumber(tenantId: string, number: string): Promise<void>;
  many(tenantId: string, ids: string[]): Promise<Ticket[]>;
  byEnterprise(tenantId: string, enterpriseId: string, cursor?: string, limit?: number): Promise<TicketPage>;
  /**
   * The same index (an enterprise's tickets, newest first) from a position: at most `limit` tickets created
   * before `before` (`createdAt#id`; undefined: from the newest). The enterprise's ledger reads it so.
   */
  enterpriseTicketsBefore(tenantId: string, enterpriseId: string, before: string | undefined, limit: number): Promise<Ticket[]>;
  /**
   * The tickets of several enterprises, newest first (a commissioner's enterprises, an area's): one Query of
   * each enterprise's index per page. The cursor names the last ticket answered.
   */
  byEnterprises(tenantId: string, enterpriseIds: readonly string[], cursor?: string, limit?: number): Promise<TicketPage>;
  byUnit(tenantId: string, unitId: string, cursor?: string, limit?: number): Promise<TicketPage>;
  byLeader(tenantId: string, userId: string, cursor?: string, limit?: number): Promise<TicketPage>;
  deskQueue(tenantId: string, cursor?: string, limit?: number): Promise<TicketPage>;
  byTenant(tenantId: string, cursor?: string, limit?: number): Promise<TicketPage>;
  /**
   * One page of the tickets created in [`from`, `to`), oldest first, from the tenant's ticket index
   * (a period's range of it: the exports). `unitId`: only those the unit handles or co-handles
   * (joint handling). `scanned`: index items read for the page, kept or not.
   */
  createdBetween(tenantId: string, range: CreatedRange, opts?: { unitId?: string; cursor?: string; limit?: number }): Promise<TicketPage & { scanned: number }>;
  /** the tenant's open tickets, newest first, at most `maxItems` read (`scanned`); `truncated` when there were more */
  openTickets(tenantId: string, maxItems: number): Promise<{ items: Ticket[]; scanned: number; truncated: boolean }>;
  /**
   * One page (1 MB) of the tenant's tickets changed at or after `since` (an instant; undefined: all), oldest
   * change first, from the `changed` index (projected: ChangedTicket). The warm similar-requests index loads
   * from it once and refreshes from its watermark at every intake.
   */
  changedSince(tenantId: string, since: string | undefined, cursor?: string): Promise<{ items: ChangedTicket[]; cursor?: string }>;
  feed(tenantId: string, groupId: string, cursor: string | undefined, limit: number): Promise<{ cards: FeedCard[]; cursor?: string }>;
  feedSince(tenantId: string, groupId: string, since: string, limit: number): Promise<{ cards: FeedCard[]; next?: string }>;
}

// ── supervision notices and the due index ───────────────────────────────────

export interface NoticeFilter {
  level?: SupervisionLevel;
  from?: string;
  to?: string;
}

export interface NoticeRepository {
  get(tenantId: string, id: string): Promise<SupervisionNotice | undefined>;
  /** DB2026-000042: the tenant's next number in the (local) year of `at` */
  nextNumber(tenantId: string, at: string): Promise<string>;
  /** writes the notice unless its key exists; false when it did */
  create(notice: SupervisionNotice, cycle: number): Promise<boolean>;
  acknowledge(tenantId: string, id: string, userId: string, at: string): Promise<{ notice: SupervisionNotice; alreadyAcknowledged: boolean } | undefined>;
  byTicket(tenantId: string, ticketId: string, filter?: NoticeFilter): Promise<SupervisionNotice[]>;
  byTenant(tenantId: string, filter: NoticeFilter, cursor?: string): Promise<{ items: SupervisionNotice[]; cursor?: string }>;
  byUnit(tenantId: string, unitId: string, filter: NoticeFilter, cursor?: string): Promise<{ items: SupervisionNotice[]; cursor?: string }>;
  /**
   * How many notices of each level each of these tickets received (tickets without any are absent).
   * `since`: no notice of these tickets was issued before it (the earliest creation among them).
   */
  countsByTicket(tenantId: string, ticketIds: readonly string[], since: string): Promise<Map<string, NoticeCounts>>;
}

/** A ticket the due index holds in range: a clock step due, or an intake or a commit left unfinished. */
export interface DueEntry {
  ticketId: string;
  /** the index position read: leases and repairs are conditional on it */
  dueSk: string;
  /** the ticket (undefined when the item does not parse: `error` says why) */
  stored?: StoredTicket;
  error?: string;
}

/** An outbox message not delivered by its time (its own partitions of the due index). */
export interface UndeliveredEntry {
  ticketId: string;
  dueSk: string;
  message: OutboxMessage;
  /** how often the sweep has sent it again */
  attempts: number;
}

/**
 * A record of its own holding clocks (a retrospective, a common issue) the due
 * index holds in range. `key` is opaque to the services: the adapter's, handed
 * back for the lease or the repair.
 */
export interface HolderDueEntry {
  ref: HolderRef;
  /** the partition its notices and outbox messages live in (LadderHolder.ticketId) */
  ticketId: string;
  key: { pk: string; sk: string };
  dueSk: string;
  holder?: LadderHolder;
  error?: string;
}

/** The sweep's view of the `due` index for tickets and the outbox (the holders' partition: LadderHolders). */
export interface DueIndex {
  /** tickets in one shard whose next look is at or before `now` */
  due(tenantId: string, shard: number, now: string, limit: number, cursor?: string): Promise<{ entries: DueEntry[]; scanned: number; cursor?: string }>;
  /** outbox messages in one shard not delivered by `now` */
  undelivered(tenantId: string, shard: number, now: string, limit: number, cursor?: string): Promise<{ entries: UndeliveredEntry[]; scanned: number; cursor?: string }>;
  /** moves the ticket's index position to `until` if it is still `readDueSk`; false when another sweep moved it */
  lease(tenantId: string, ticketId: string, readDueSk: string, until: string, leaseUntil: string): Promise<boolean>;
  /** puts a ticket back where its clocks say (or out of the index) if it is still at `readDueSk` */
  repair(tenantId: string, ticketId: string, readDueSk: string, next: string | undefined): Promise<boolean>;
  registerTenant(tenantId: string, at: string): Promise<void>;
  tenants(): Promise<string[]>;
}

/** How long a commit's effects may stay unapplied (its writer died after the commit) before the sweep applies them. */
export const EFFECTS_RECOVERY_MS = 2 * 60_000;
/**
 * How long an outbox message may stay undelivered before the sweep sends it
 * again (the queue lost it, or its sender died before sending); doubled at
 * each send, up to OUTBOX_REDELIVERY_MAX_MS. Longer than the notifier's lag
 * under load, so a re-send is rare and, delivery being idempotent, harmless.
 */
export const OUTBOX_REDELIVERY_MS = 5 * 60_000;
export const OUTBOX_REDELIVERY_MAX_MS = 60 * 60_000;

/** When the sweep looks again at a message it has sent `attempts` times. */
export const outboxRedeliveryAt = (now: string, attempts: number): string =>
  new Date(Date.parse(now) + Math.min(OUTBOX_REDELIVERY_MS * 2 ** Math.max(0, attempts - 1), OUTBOX_REDELIVERY_MAX_MS)).toISOString();

// ── reference data, settings, inbox ─────────────────────────────────────────

export interface RefShapes {
  TENANT: Tenant;
  AREA: Area;
  GRID: Grid;
  UNIT: Unit;
  GROUP: Group;
  ENT: Enterprise;
  USER: User;
}
export type RefType = keyof RefShapes;

/** A record's revision: bumped by every write through the admin API (0: never written there: seeded, imported). */
export interface RefRevision {
  rev: number;
  /** when the write that made this revision happened */
  at?: string;
  /** the record this revision replaced, as JSON (absent: it was created) */
  prior?: string;
}

/** A reference record with its revision: what an administrator reads, edits and sends back. */
export interface RevisedRef<R extends RefType> {
  value: RefShapes[R];
  revision: RefRevision;
}

export interface ReferenceData {
  put<R extends RefType>(type: R, value: RefShapes[R], opts?: { ifAbsent?: boolean }): Promise<boolean>;
  get<R extends RefType>(type: R, tenantId: string, id: string): Promise<RefShapes[R] | undefined>;
  list<R extends RefType>(type: R, tenantId: string): Promise<Array<RefShapes[R]>>;
  tenant(tenantId: string): Promise<Tenant | undefined>;
  unit(tenantId: string, id: string): Promise<Unit | undefined>;
  group(tenantId: string, id: string): Promise<Group | undefined>;
  grid(tenantId: string, id: string): Promise<Grid | undefined>;
  area(tenantId: string, id: string): Promise<Area | undefined>;
  enterprise(tenantId: string, id: string): Promise<Enterprise | undefined>;
  user(tenantId: string, id: string): Promise<User | undefined>;
  linkWechat(openId: string, tenantId: string, userId: string): Promise<void>;
  /**
   * The admin API's reads and writes: the record with its revision, read consistently (uncached);
   * the list with revisions (cached like `list`, forgotten by every write through this port).
   */
  revised<R extends RefType>(type: R, tenantId: string, id: string): Promise<RevisedRef<R> | undefined>;
  /** `fresh`: read the partition now rather than trust a warm copy (an admin opening a list: it may be behind an import) */
  listRevised<R extends RefType>(type: R, tenantId: string, opts?: { fresh?: boolean }): Promise<Array<RevisedRef<R>>>;
  /**
   * Writes the record as revision `revision.rev`, conditional on what the writer read: `expect` the
   * record at that revision, or `'absent'` (a create). False when it did not hold (nothing written).
   */
  putRevised<R extends RefType>(type: R, value: RefShapes[R], expect: { rev: number } | 'absent', revision: RefRevision): Promise<boolean>;
  /** deletes the record, conditional on its revision when given; false when it was not there (or not at that revision) */
  delete(type: RefType, tenantId: string, id: string, opts?: { rev?: number }): Promise<boolean>;
  findByWechat(openId: string): Promise<{ tenantId: string; userId: string } | undefined>;
  /** sets (or, undefined, removes) the user's bound openid: the user as written, undefined when there is no such user */
  setWechatOpenId(tenantId: string, userId: string, openId: string | undefined): Promise<User | undefined>;
}

export interface SettingsPort {
  calendarYears(tenantId: string): Promise<Record<number, CalendarYearData>>;
  /** the tenant's working calendar: office hours, shipped years overridden by loaded ones */
  calendar(tenantId: string): Promise<WorkingCalendar>;
  putCalendarYear(tenantId: string, year: number, data: CalendarYearData): Promise<void>;
  policy(tenantId: string): Promise<ClockPolicy>;
  putPolicy(tenantId: string, policy: ClockPolicy): Promise<void>;
  dutyRoster(tenantId: string): Promise<DutyShift[]>;
  putDutyRoster(tenantId: string, shifts: DutyShift[]): Promise<void>;
  /** the tenant's rate limits; `isDefault` when none is stored (DEFAULT_RATE_LIMITS) */
  rateLimits(tenantId: string): Promise<{ limits: RateLimits; isDefault: boolean }>;
  putRateLimits(tenantId: string, limits: RateLimits): Promise<void>;
}

export interface InboxPort {
  /** idempotent by item id; false when it was there */
  add(tenantId: string, item: InboxItem): Promise<boolean>;
  /** many people's items of one notification; answers the ids written now */
  addMany(tenantId: string, items: InboxItem[]): Promise<Set<string>>;
  list(tenantId: string, userId: string, limit?: number): Promise<InboxItem[]>;
  markRead(tenantId: string, userId: string, id: string, at: string): Promise<boolean>;
}

/**
 * The durable outbox: a commit's messages are recorded with its effects
 * (TicketRepository.applyEffects) and stay until the notifier has delivered
 * them; the sweep finds the overdue ones through the due index and sends them
 * again, and parks a message that keeps failing.
 */
export interface OutboxPort {
  /** the messages were delivered: their records go (idempotent) */
  delivered(messages: readonly OutboxMessage[]): Promise<void>;
  /** sent again: the next look at `nextAt`, `attempts` so far; false when another sweep moved it first */
  retry(message: OutboxMessage, readDueSk: string, nextAt: string, attempts: number): Promise<boolean>;
  /** given up: out of the due index, kept with the reason for an operator; false when it moved meanwhile */
  park(message: OutboxMessage, readDueSk: string, at: string, reason: string): Promise<boolean>;
}

/**
 * WeChat delivery markers: a subscribe message goes out once per (outbox
 * message, user). `take` holds the send for a lease (or answers that it went
 * out, or that another delivery holds it); `sent` records it; `release` gives
 * a failed send back so the redelivery retries it.
 */
export interface DeliveryLog {
  take(tenantId: string, messageId: string, userId: string, nowMs: number, leaseMs: number): Promise<'taken' | 'sent' | 'busy'>;
  sent(tenantId: string, messageId: string, userId: string): Promise<void>;
  /** gives back the send this delivery took (`leaseUntil` as it took it); never one another delivery took over since */
  release(tenantId: string, messageId: string, userId: string, leaseUntil: number): Promise<void>;
}

// ── the quarterly race (赛马比拼) ───────────────────────────────────────────

/** A race as stored: with the voters whose ballots count (their `voterKey`s). */
export interface StoredRace {
  race: Race;
  /**
   * the voters counted in: a ballot is written first (one per voter), then its
   * voter is registered on the race while it is open; the close counts exactly
   * the voters registered when it closes
   */
  voters: string[];
}

/**
 * The races of a tenant, each in a partition of its own: the race item and
 * one ballot per voter (enterprise or unit). One race per tenant and quarter;
 * one ballot per voter, whatever the concurrency; the tally written once,
 * with the close.
 */
export interface RaceRepository {
  /** opens the race: false when the tenant has one for that quarter already */
  create(race: Race): Promise<boolean>;
  /** the race, read consistently */
  get(tenantId: string, raceId: string): Promise<StoredRace | undefined>;
  /** the tenant's races, the newest quarter first */
  list(tenantId: string): Promise<Race[]>;
  /** writes the ballot unless its voter has one in the race: false then (nothing written) */
  putBallot(ballot: Ballot): Promise<boolean>;
  /** a voter's ballot */
  ballot(tenantId: string, raceId: string, voter: { kind: VoterKind; id: string }): Promise<Ballot | undefined>;
  /** every ballot of the race, read consistently */
  ballots(tenantId: string, raceId: string): Promise<Ballot[]>;
  /** counts the voter's ballot in while the race is open (idempotent): false once it is closed (or not there) */
  register(tenantId: string, raceId: string, voterKey: string): Promise<boolean>;
  /** takes back a ballot that was never counted (cast as the race closed): only this one, as cast */
  withdraw(ballot: Ballot): Promise<void>;
  /**
   * closes the race with its tally, if it is still open with `readVoters` voters
   * registered (as read): false when it closed meanwhile or another voter came in
   */
  close(closed: Race, readVoters: number): Promise<boolean>;
}

// ── grid visits (走访) ───────────────────────────────────────────────────────

/** A visit as stored: with the hash of the request that logged it (a retry with its key must ask the same). */
export interface StoredVisit {
  visit: Visit;
  requestHash: string;
}

export interface VisitPage {
  items: Visit[];
  cursor?: string;
}

/**
 * Visits (store/visit-store.ts), each an item of its own, indexed by its
 * enterprise, its grid's month and its logger, newest first. Logged once per
 * id (the id derives from the logger and the Idempotency-Key); a finding links
 * its ticket once.
 */
export interface VisitRepository {
  /** writes the visit unless one with its id exists: false then (nothing written) */
  create(visit: Visit, requestHash: string): Promise<boolean>;
  get(tenantId: string, visitId: string, consistent?: boolean): Promise<StoredVisit | undefined>;
  /**
   * an enterprise's visits, newest first: a page from `cursor`, or at most `limit` from a position
   * `before` (`visitInstant#id`, the ledger's)
   */
  byEnterprise(tenantId: string, enterpriseId: string, page: { cursor?: string; before?: string; limit: number }): Promise<VisitPage>;
  /** a grid's visits of a month, newest first, a page at a time */
  byGridMonth(tenantId: string, gridId: string, month: string, page: { cursor?: string; limit: number }): Promise<VisitPage>;
  /** every visit of a grid's month (coverage: tens of visits) */
  allByGridMonth(tenantId: string, gridId: string, month: string): Promise<Visit[]>;
  /** the visits a user logged, newest first */
  byCreator(tenantId: string, userId: string, page: { cursor?: string; limit: number }): Promise<VisitPage>;
  /**
   * links finding `n` to its ticket, once: the visit as it is then (also when the finding already links this
   * very ticket); undefined when the visit has no such finding or the finding links another ticket
   */
  linkTicket(tenantId: string, visitId: string, n: number, link: FindingTicket): Promise<Visit | undefined>;
}

// ── the policy supermarket (政策超市) ──────────────────────────────────────

/**
 * A policy as stored: the policy, and the push it still owes (the outbox
 * message a publication or an edit of a published policy wrote with it, until
 * the push has told every enterprise it newly matches), and the last revision
 * whose push finished.
 */
export interface StoredPolicy {
  policy: Policy;
  push?: OutboxMessage;
  pushedRev?: number;
}

/**
 * One batch of a push (at most PUSH_CHUNK enterprises): recorded before its
 * inbox items are written (`done` false) and marked done after, so a push cut
 * short is finished with the same instant and ids, never told twice.
 */
export interface PushChunk {
  tenantId: string;
  policyId: string;
  /** the chunk's key within the policy's pushes: the push's instant and the chunk's number */
  id: string;
  /** the instant the enterprises are told at (the publication or edit pushed) */
  at: string;
  rev: number;
  enterpriseIds: string[];
  done: boolean;
}

/** An enterprise as a push reads it: what matching and telling need (the directory's record, projected). */
export type MatchTarget = Pick<Enterprise, 'id' | 'name' | 'industry' | 'tier' | 'gridId' | 'key' | 'ownerUserIds' | 'tags' | 'headcountBand' | 'revenueBand'>;

/** One enterprise told of a policy: its owners' inbox items (none: the enterprise has no owner yet, a bare marker is kept). */
export interface PushTold {
  enterpriseId: string;
  items: InboxItem[];
}

/**
 * The catalogue (store/policy-store.ts): a tenant's policies in one partition,
 * each written conditionally on its revision; the catalogue's revision (the
 * warm suggestion index is rebuilt when it moves); the push's leases, chunks
 * and the enterprises told; the owners who found their answer in a
 * suggestion, once per owner and policy; the enterprises' profile changes.
 */
export interface PolicyRepository {
  /** writes a new policy unless its id exists: false then. `push`: one created published (the demo's) owes its push */
  create(policy: Policy, push?: OutboxMessage): Promise<boolean>;
  /** the policy with its owed push, read consistently */
  get(tenantId: string, policyId: string): Promise<StoredPolicy | undefined>;
  /** every policy of the tenant (drafts and retired ones too) */
  list(tenantId: string): Promise<Policy[]>;
  /** moves with every change of the catalogue (0: none yet) */
  catalogueRevision(tenantId: string): Promise<number>;
  /**
   * writes the policy (its `rev` one above `readRev`), conditional on the revision read; `push`: the push
   * it owes from now on (replacing any owed), `null`: it owes none (a retired policy). False when stale.
   */
  update(policy: Policy, readRev: number, push?: OutboxMessage | null): Promise<boolean>;
  /**
   * the push's lease on the policy (one push of a policy at a time, so two never tell one enterprise):
   * the policy as it is then, 'busy' while another push holds a live lease, undefined when there is no such policy
   */
  leasePush(tenantId: string, policyId: string, token: string, now: string, until: string): Promise<StoredPolicy | 'busy' | undefined>;
  /** the push owed as `messageId` is done (`rev` pushed): the policy owes nothing unless a newer push came meanwhile */
  pushDone(tenantId: string, policyId: string, token: string, messageId: string, rev: number): Promise<void>;
  releasePush(tenantId: string, policyId: string, token: string): Promise<void>;
  /**
   * the tenant's enterprises as a push reads them: the directory's partition in one Query (its pages),
   * projected to what matching needs, read fresh: each enterprise once, never a GetItem each
   */
  matchTargets(tenantId: string): Promise<MatchTarget[]>;
  /** every chunk of the policy's pushes: the enterprises told (done) and those being told (not done) */
  pushChunks(tenantId: string, policyId: string): Promise<PushChunk[]>;
  beginChunk(chunk: PushChunk): Promise<void>;
  /**
   * the enterprises' inbox items and ledger markers, in batches (BatchWriteItem); `careful`: a chunk being
   * finished after a push stopped, whose items may be there already: those are left as they are
   */
  tell(tenantId: string, policy: { id: string; title: string; rev: number }, at: string, told: readonly PushTold[], opts?: { careful?: boolean }): Promise<void>;
  endChunk(chunk: PushChunk): Promise<void>;
  /**
   * the policies pushed to an enterprise, newest first (the enterprise's ledger): its owners' inbox items of the
   * pushes (the first owner's is kept for it), and the markers of pushes made while it had no owner
   */
  pushedTo(tenantId: string, enterpriseId: string): Promise<PolicyPush[]>;
  /** an owner found their answer in a suggested policy: counted once per owner and policy (false: counted before) */
  answered(entry: { tenantId: string; policyId: string; userId: string; enterpriseId?: string; at: string; month: string; q?: string }): Promise<boolean>;
  /** how often each policy answered someone in a month (Shanghai month of the instant) */
  answeredIn(tenantId: string, month: string): Promise<Map<string, number>>;
  /** records a profile change (idempotent: keyed by the enterprise and the revision it made) */
  recordProfileChange(change: ProfileChange): Promise<void>;
  /** an enterprise's profile changes, newest first (its ledger) */
  profileChanges(tenantId: string, enterpriseId: string): Promise<ProfileChange[]>;
}

// ── rate limits ─────────────────────────────────────────────────────────────

/** One limit applied to one subject: at most `max` takes per fixed window of `windowSeconds`. */
export interface RateLimitRequest {
  /** the tenant, when known (intake, claims); login limits are global (the tenant is unknown before sign-in) */
  tenantId?: string;
  /** which limit: `intake`, `claim`, `login-user`, `login-source` */
  name: string;
  /** whom it counts: the enterprise, the officer, the user, the source address */
  subject: string;
  max: number;
  windowSeconds: number;
}

export type RateLimitAnswer = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Per-caller counters kept in the store, so a limit holds across Lambda
 * instances. Times are wall-clock milliseconds (Date.now()), never the
 * settable domain clock: a pinned clock must not reopen a window.
 */
export interface RateLimiter {
  /** counts one request if the subject is under the limit in the current window; nothing is written when it is not */
  take(limit: RateLimitRequest, nowMs: number): Promise<RateLimitAnswer>;
  /**
   * gives back one take of the window `nowMs` falls in (a request that turned out to be an idempotent
   * replay, or a claim of a ticket the caller cannot see); a window back at zero is removed
   */
  giveBack(limit: RateLimitRequest, nowMs: number): Promise<void>;
}

// ── queue, clock, WeChat, observability ─────────────────────────────────────

export interface QueuePort {
  sendOutbox(messages: OutboxMessage[]): Promise<void>;
  sendEscalations(jobs: EscalationJob[]): Promise<void>;
}

/** The time source: real time on AWS; settable in the local stack. */
export interface ClockPort {
  now(): Date;
}

/**
 * WeChat will never take this message for this person (an openid that is not
 * the app's any more, data the template refuses): not worth retrying.
 */
export class WechatRecipientRefused extends Error {
  readonly errcode: number;
  constructor(errcode: number, errmsg: string) {
    super(`WeChat refused the message for this recipient: ${errcode} ${errmsg}`.trim());
    this.name = 'WechatRecipientRefused';
    this.errcode = errcode;
  }
}

/** WeChat: code2Session for login, subscribe messages for notifications. */
export interface WechatPort {
  code2Session(code: string): Promise<{ openId: string }>;
  sendSubscribeMessage(openId: string, templateId: string, data: Record<string, string>, page?: string): Promise<void>;
}

/** What the services log (Powertools Logger fits it). */
export interface LoggerPort {
  error(message: string, ...extra: Array<Record<string, unknown>>): void;
  warn(message: string, ...extra: Array<Record<string, unknown>>): void;
  info(message: string, ...extra: Array<Record<string, unknown>>): void;
}

/** Business metrics (Powertools Metrics fits it). */
export interface MetricsPort {
  /** `Milliseconds`: a step's duration (the similar-requests lookup at intake) */
  addMetric(name: string, unit: 'Count' | 'Milliseconds', value: number): void;
}

/** Everything an application service may use. */
/** A ticket's assessment projection: its contributions as counted (seq), and a step begun but not finished. */
export interface Projection {
  seq: number;
  contributions: Contribution[];
  pending?: { seq: number; contributions: Contribution[] };
}

/** A contribution as stored, with the ticket's number and title for the drill-down. */
export interface ContributionRow extends Contribution {
  ticketId: string;
  number: string;
  title: string;
}

/** One period's partition: each unit's counters, and its entered scores. */
export interface PeriodFigures {
  counters: Map<string, Counters>;
  manual: Map<string, Partial<Record<ManualIndicator, number>>>;
}

/**
 * The assessment's store: running aggregates per unit and period, kept from
 * the tickets' contributions. A step from one projection to the next is begun
 * (written as pending), applied to each month aggregate once (a marker per
 * ticket on the aggregate guards it), rolled up into quarter and year, and
 * settled: whoever finds a step pending finishes it the same way.
 */
export interface AssessmentRepository {
  projection(tenantId: string, ticketId: string): Promise<Projection | undefined>;
  /** the inputs of a ticket's facts besides the ticket: its notices and its accepted disputes */
  ticketInputs(tenantId: string, ticketId: string): Promise<{ notices: SupervisionNotice[]; disputes: Dispute[] }>;
  /** writes a step as pending, conditional on the projection still being at `fromSeq` with nothing pending */
  begin(tenantId: string, ticketId: string, fromSeq: number, step: { seq: number; contributions: Contribution[] }): Promise<boolean>;
  /** adds a delta to a unit's month aggregate unless this ticket's step `toSeq` is there already */
  applyToMonth(tenantId: string, unitId: string, month: string, ticketId: string, toSeq: number, delta: Partial<Counters>): Promise<boolean>;
  /** recomputes a unit's quarter or year aggregate from its months (newer months' revisions always win) */
  rollUp(tenantId: string, unitId: string, period: string): Promise<void>;
  /** the drill-down rows of a step: written (if not newer there) and the ones it no longer has deleted */
  writeContributions(tenantId: string, ticket: { id: string; number: string; title: string }, seq: number, put: Contribution[], drop: Contribution[]): Promise<void>;
  settle(tenantId: string, ticketId: string, seq: number, contributions: Contribution[]): Promise<boolean>;
  /** a period's figures in one query: ≤ units × 2 items */
  period(tenantId: string, period: string): Promise<PeriodFigures>;
  /** the contributions of a unit in some months (the tickets behind its figures) */
  contributions(tenantId: string, unitId: string, months: readonly string[]): Promise<ContributionRow[]>;
  putManual(entry: ManualEntry, tenantId: string): Promise<void>;
  manualEntries(tenantId: string, period: string, unitId: string): Promise<ManualEntry[]>;
  createDispute(d: Dispute): Promise<boolean>;
  dispute(tenantId: string, disputeId: string): Promise<Dispute | undefined>;
  /** decides an open dispute; false when it was decided already */
  decideDispute(d: Dispute, decision: Pick<Dispute, 'status' | 'decidedBy' | 'decidedAt' | 'decision'>): Promise<boolean>;
  disputes(tenantId: string): Promise<Dispute[]>;
  schemes(tenantId: string): Promise<AssessmentScheme[]>;
  /** adds a version; false when that version number exists (a concurrent change) */
  addScheme(tenantId: string, scheme: AssessmentScheme): Promise<boolean>;
}

// ── the monthly analysis (月分析) ────────────────────────────────────────────

/**
 * Past months' analyses, each computed once and kept: one item per tenant and
 * month (the current month is recomputed on every open and never kept).
 */
export interface AnalysisRepository {
  /** a kept month, in one read; undefined when none is kept (or it was kept by an older version of the figures) */
  get(tenantId: string, month: string): Promise<MonthlyAnalysis | undefined>;
  /** the kept months from `from` to `to` (YYYY-MM, inclusive), in one Query */
  months(tenantId: string, from: string, to: string): Promise<MonthlyAnalysis[]>;
  /** keeps a finished month unless it is kept already (the first writer wins); false when it was */
  keep(tenantId: string, analysis: MonthlyAnalysis): Promise<boolean>;
}

// ── the audit trail ─────────────────────────────────────────────────────────

export interface AuditQuery {
  /** a month, YYYY-MM (UTC) of the entries' instants; default the current one */
  month: string;
  target?: string;
  targetId?: string;
  cursor?: string;
  limit?: number;
}

/** Who changed what, when, before and after: every administrator's change (see shared/src/audit). */
export interface AuditLog {
  /** idempotent by entry id */
  record(entry: AuditEntry): Promise<void>;
  /** a month's entries, newest first */
  list(tenantId: string, q: AuditQuery): Promise<{ items: AuditEntry[]; cursor?: string }>;
}

// ── Excel imports ──────────────────────────────────────────────────────────

/** One chunk of a job's report: rows `index × IMPORT_CHUNK_ROWS` on, each with the records it writes. */
export interface ImportChunk {
  index: number;
  rows: ImportRow[];
}

export interface StoredImport {
  job: ImportJob;
  /** the chunks with records to write (set when the job starts) */
  writeChunks: number[];
  /** the chunks written and counted, each once */
  chunksDone: number[];
}

export interface ImportStart {
  at: string;
  by: { userId: string; name: string };
  skipErrors: boolean;
  /** rows to write */
  total: number;
  /** no chunk has records to write: the job is done at once */
  nothing: boolean;
}

/** A chunk to write, as the importer queue carries it. */
export interface ImportChunkJob {
  tenantId: string;
  jobId: string;
  chunk: number;
}

/** Import jobs, their reports, and the directory writes they make (store/import-store.ts). */
export interface ImportJobs {
  /** the tenant's directory as it is now (read consistently, never from a cache): what an upload is checked against */
  directory(tenantId: string): Promise<ImportDirectory>;
  /**
   * an upload's Idempotency-Key for `jobId` (with the request's hash), unless the caller used the key
   * before: then the job and hash it holds (one conditional write decides)
   */
  claimKey(tenantId: string, userId: string, key: string, claim: { jobId: string; hash: string }): Promise<{ jobId: string; hash: string }>;
  /** stores a job with its report: the chunks first, the job last (a job is listed only once whole), with the chunks that have records to write */
  create(job: ImportJob, chunks: ImportChunk[]): Promise<void>;
  get(tenantId: string, jobId: string): Promise<StoredImport | undefined>;
  /** newest first */
  list(tenantId: string, limit?: number): Promise<ImportJob[]>;
  chunk(tenantId: string, jobId: string, index: number): Promise<ImportChunk | undefined>;
  /** validated → running (or done, when there is nothing to write), once: false when it was not `validated` */
  start(tenantId: string, jobId: string, start: ImportStart): Promise<boolean>;
  /** upserts the records (BatchWriteItem): the same records written again are the same items */
  writeRecords(tenantId: string, writes: readonly ImportWrite[]): Promise<void>;
  /**
   * counts a written chunk into the job once (its index into `chunksDone`, its rows into the progress), conditional
   * on the job running and the chunk not counted: `counted` false when it was; the job as it is after
   */
  markChunk(tenantId: string, jobId: string, index: number, rows: number): Promise<{ counted: boolean; stored?: StoredImport }>;
  /** running → done, once every write chunk is counted: false when it was done already (or is not complete) */
  finish(tenantId: string, jobId: string, at: string, summary: string): Promise<boolean>;
}

/** Sends chunks to the importer queue (adapters/import-queue.ts). */
export interface ImportQueue {
  sendChunks(jobs: readonly ImportChunkJob[]): Promise<void>;
}

// ── WeChat: invitations, bindings, consents, templates ──────────────────────

/** Who an openid is bound to. */
export interface WechatLink {
  tenantId: string;
  userId: string;
}

/**
 * WeChat accounts (store/wechat-store.ts): invitations looked up by code
 * (global, like the openid link), each consumed once by a conditional write;
 * the openid links, written once per openid; one-time subscribe consents per
 * user and template, taken by a conditional decrement; the tenant's templates.
 */
export interface WechatAccounts {
  /** writes a new invitation unless its code exists: false then */
  createInvitation(inv: Invitation): Promise<boolean>;
  invitation(code: string, consistent?: boolean): Promise<Invitation | undefined>;
  /** the tenant's invitations, newest first (at most `max`) */
  invitations(tenantId: string, max: number): Promise<Invitation[]>;
  /** the code of the user's latest invitation (the one an issue replaces) */
  currentInvitation(tenantId: string, userId: string): Promise<string | undefined>;
  /** points the user's latest invitation at `to` if it is still `from` (undefined: none): false when it moved */
  moveCurrentInvitation(tenantId: string, userId: string, from: string | undefined, to: string): Promise<boolean>;
  /** pending → revoked: the invitation as revoked, or undefined when it was not pending */
  revokeInvitation(code: string, at: string, by: string): Promise<Invitation | undefined>;
  /** pending and unexpired at `at` → used by `openId`, in one conditional write; undefined when that failed */
  consumeInvitation(code: string, openId: string, at: string): Promise<Invitation | undefined>;
  /** gives back an invitation `openId` consumed (its binding failed); never one used by another */
  releaseInvitation(code: string, openId: string): Promise<void>;
  /** links the openid to the user unless it is linked to someone else; answers who it is linked to now */
  link(openId: string, to: WechatLink, at: string): Promise<WechatLink>;
  /** removes the openid's link if it is this user's: false when it was not */
  unlink(openId: string, of: WechatLink): Promise<boolean>;
  /** the tenant's own templates per event */
  templates(tenantId: string): Promise<Record<string, string>>;
  putTemplates(tenantId: string, templates: Record<string, string>): Promise<void>;
  /** the user's remaining consents per template (the ones above zero) */
  consents(tenantId: string, userId: string): Promise<Record<string, number>>;
  /** one consent per template, once per request key: false when the key was seen (nothing added) */
  addConsents(tenantId: string, userId: string, templateIds: readonly string[], requestKey: string, nowMs: number): Promise<boolean>;
  /**
   * takes one consent of the template for one message (never below zero; the
   * same message again finds the one it took): false when none was left
   */
  takeConsent(tenantId: string, userId: string, templateId: string, messageId: string, nowMs: number): Promise<boolean>;
}

// ── the tenant registry (the platform) ─────────────────────────────────────

/** Who created a tenant, when, and with which request (a retry of it finds the same answer). */
export interface TenantCreation {
  at: string;
  /** the operator (or `cli`) and their tenant */
  by: { userId: string; name: string; tenantId?: string };
  /** the creating request: its caller-scoped Idempotency-Key and the hash of its body */
  requestKey: string;
  requestHash: string;
}

export interface RegisteredTenant {
  tenant: Tenant;
  /** absent for tenants registered before the platform existed (the demo district) */
  created?: TenantCreation;
}

/**
 * The tenants of the deployment: each tenant's record (its reference item,
 * which also says how it was created) and a registry entry listing it, with
 * a district listed under its province too. Creating is conditional on the
 * tenant's absence: of two creates of one id exactly one writes.
 */
export interface TenantRegistry {
  /** writes the tenant unless one with its id exists; then answers the one there (and how it was created) */
  create(tenant: Tenant, created: TenantCreation): Promise<{ created: true } | { created: false; existing: RegisteredTenant }>;
  /** lists the tenant in the registry (and under its province): idempotent */
  register(tenant: Tenant, createdAt?: string): Promise<void>;
  get(tenantId: string): Promise<RegisteredTenant | undefined>;
  /** every registered tenant (one partition: a few hundred items) */
  list(): Promise<Array<{ tenant: Tenant; createdAt?: string }>>;
  /** a province's districts (its own index partition) */
  districtsOf(provinceId: string): Promise<Tenant[]>;
  /** how many reference items of a type a tenant has (keys only are returned) */
  count(tenantId: string, type: 'UNIT' | 'ENT' | 'USER'): Promise<number>;
}

// ── holders of their own on the ladder (docs/plan-items.md, step 3) ─────────

/**
 * Records of their own that hold clocks: the sweep finds them in their partition of the `due` index
 * and leases or repairs them; the escalation worker reads them and advances them after a notice.
 * Only the sweep's and the worker's functions wire it (functions/src/wiring/holders.ts).
 */
export interface LadderHolders {
  /** holders of their own (their own partition of the index) whose next look is at or before `now` */
  holdersDue(tenantId: string, now: string, limit: number, cursor?: string): Promise<{ entries: HolderDueEntry[]; scanned: number; cursor?: string }>;
  /** the holder's lease, as a ticket's: its position moves to `until` if it is still `entry.dueSk` */
  leaseHolder(entry: HolderDueEntry, until: string, leaseUntil: string): Promise<boolean>;
  /** puts a holder back where its clocks say (or out of the index) if it is still at `entry.dueSk` */
  repairHolder(entry: HolderDueEntry, next: string | undefined): Promise<boolean>;
  /** strongly consistent; undefined when gone (or a kind this deployment does not store) */
  get(tenantId: string, ticketId: string, ref: HolderRef): Promise<{ holder: LadderHolder; rev: number } | undefined>;
  /**
   * Records the notice's message in the durable outbox (idempotent: its id is
   * the notice's), then writes the clocks, rev + 1, only if the rev is still
   * `expectedRev`: false when another write came first (re-read and decide again).
   */
  advance(tenantId: string, ticketId: string, ref: HolderRef, expectedRev: number, clocks: Clock[], now: string, message: OutboxMessage): Promise<boolean>;
}

// ── retrospectives (典型问题复盘) ────────────────────────────────────────────

/** A ticket's retrospectives, each one item in the ticket's partition, written conditionally on its rev. */
export interface RetrospectiveRepository {
  /** `subjectId`: its ticket's id, or its common issue's (the partition it lives in: `subjectPartitionId`) */
  get(tenantId: string, subjectId: string, retroId: string): Promise<Retrospective | undefined>;
  /** a ticket's or a common issue's retrospectives, oldest first (one Query of its partition) */
  ofSubject(tenantId: string, subjectId: string): Promise<Retrospective[]>;
  /** opens one unless one with this id exists: false when it does */
  create(r: Retrospective): Promise<boolean>;
  /** replaces it when its stored rev is `expectedRev`: false when another edit came first */
  replace(r: Retrospective, expectedRev: number): Promise<boolean>;
}

// ── common issues (共性问题) ──────────────────────────────────────────────────

/** A common issue as stored: with the ticket writes it still owes (recorded before any is made, cleared after). */
export interface StoredCommonIssue {
  commonIssue: CommonIssue;
  owed: OwedTicketWrite[];
}

/**
 * Common issues and their suggestions (store/common-issue-store.ts), in one partition per tenant.
 * Every write of a common issue goes through `save`, conditional on the rev read (or its absence).
 */
export interface CommonIssueRepository {
  /** read consistently */
  get(tenantId: string, id: string): Promise<StoredCommonIssue | undefined>;
  /** writes the record if the stored one is at rev `expect.rev` (or absent): false when it is not (nothing written) */
  save(stored: StoredCommonIssue, expect: { rev: number } | 'absent'): Promise<boolean>;
  /** every common issue of the tenant (the ledger) */
  list(tenantId: string): Promise<CommonIssue[]>;
  /** the common issues that still owe their tickets writes (a writer died before finishing them) */
  owing(tenantId: string): Promise<StoredCommonIssue[]>;
  suggestion(tenantId: string, id: string): Promise<CommonIssueSuggestion | undefined>;
  /** every suggestion of the tenant, whatever its status (dismissed ones are what a run must not propose again) */
  suggestions(tenantId: string): Promise<CommonIssueSuggestion[]>;
  /** writes the suggestion if absent, or if its stored status is `expect`: false otherwise (nothing written) */
  putSuggestion(s: CommonIssueSuggestion, expect: 'absent' | SuggestionStatus): Promise<boolean>;
  /** removes a suggestion still waiting (no longer proposed): false when it is not (decided meanwhile, or gone) */
  removeWaitingSuggestion(tenantId: string, id: string): Promise<boolean>;
}

export interface Ports {
  tickets: TicketRepository;
  audit: AuditLog;
  imports: ImportJobs;
  importQueue: ImportQueue;
  assessment: AssessmentRepository;
  /** the monthly analyses kept (only the exports function wires it) */
  analysis: AnalysisRepository;
  /** the platform's tenant registry (only the platform and auth functions wire it) */
  tenants: TenantRegistry;
  notices: NoticeRepository;
  races: RaceRepository;
  visits: VisitRepository;
  /** retrospectives (only the retrospectives function wires it) */
  retrospectives: RetrospectiveRepository;
  /** common issues and their suggestions (the commonIssues and proposals functions, and the monthly analysis, wire it) */
  commonIssues: CommonIssueRepository;
  /** the policy supermarket (only the functions that serve or push policies, and intake, wire it) */
  policies: PolicyRepository;
  due: DueIndex;
  /** records of their own on the ladder (retrospectives, common issues: only the sweep's and the escalation worker's functions wire it) */
  holders: LadderHolders;
  refs: ReferenceData;
  settings: SettingsPort;
  inbox: InboxPort;
  outbox: OutboxPort;
  deliveries: DeliveryLog;
  rateLimiter: RateLimiter;
  queue: QueuePort;
  clock: ClockPort;
  wechat: WechatPort;
  logger: LoggerPort;
  metrics: MetricsPort;
  wechatAccounts: WechatAccounts;
  /** WeChat subscribe-message template per event (configuration) */
  wechatTemplates: Readonly<Record<string, string>>;
  /** sign-in limits per user and per source (configuration: per deployment, the tenant is unknown before sign-in) */
  loginLimits: Readonly<LoginRateLimits>;
}
