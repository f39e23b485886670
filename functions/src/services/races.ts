import {
  castBallot,
  closeRace,
  ConflictError,
  ForbiddenError,
  mayManageRaces,
  NotFoundError,
  openRace,
  quarterLabel,
  ValidationError,
  voterKey,
  voterOf,
  type Ballot,
  type CastBallotBody,
  type FieldIssue,
  type OpenRaceBody,
  type Principal,
  type Race,
  type RaceCase,
  type RaceDetailResponse,
  type RaceCaseInput,
  type Unit,
  type Voter,
} from '@whistle/shared';
import type { Ports, StoredRace } from '../ports.js';

/**
 * The quarterly race (赛马比拼): the supervisor opens the vote of a quarter,
 * enterprises (their owners) and units (their unit leads) each cast one
 * ballot, the supervisor closes it and the tally is kept with the race. The
 * rules are the domain's (shared/src/race); the one-each guarantees are the
 * repository's conditional writes (ports.ts RaceRepository).
 *
 * Everyone of the tenant sees the races and, once closed, their tallies
 * (the red list is public); a voter sees only their own ballot.
 */
type RacePorts = Pick<Ports, 'races' | 'refs' | 'tickets' | 'clock'>;

const actor = (p: Principal) => ({ userId: p.userId, name: p.name });

/** The race, or 404 (another tenant's race is simply not there). */
async function load(ports: RacePorts, p: Principal, raceId: string): Promise<StoredRace> {
  const stored = await ports.races.get(p.tenantId, raceId);
  if (!stored) throw new NotFoundError('赛马比拼');
  return stored;
}

export async function listRaces(ports: RacePorts, p: Principal): Promise<{ items: Race[] }> {
  return { items: await ports.races.list(p.tenantId) };
}

/** A candidate case from what the supervisor named: a resolved ticket of the tenant, or a write-up of one of its units. */
async function candidateCase(ports: RacePorts, p: Principal, input: RaceCaseInput, i: number, units: readonly Unit[]): Promise<RaceCase | FieldIssue> {
  const id = `c${i + 1}`;
  if (input.kind === 'writeUp') {
    const unit = units.find((u) => u.id === input.unitId);
    if (!unit) return { field: `cases.${i}.unitId`, message: `单位 ${input.unitId} 不存在` };
    return { id, kind: 'writeUp', title: input.title, unitId: unit.id, unitName: unit.name, summary: input.summary };
  }
  const stored = await ports.tickets.get(p.tenantId, input.ticketId);
  const t = stored && !stored.intakePending ? stored.ticket : undefined;
  if (!t) return { field: `cases.${i}.ticketId`, message: `诉求 ${input.ticketId} 不存在` };
  if (t.status !== 'resolved' && t.status !== 'closed') return { field: `cases.${i}.ticketId`, message: `诉求 ${t.number} 尚未办结，不能作为最佳实践案例` };
  const unitId = t.resolution?.unitId ?? t.handlingUnitId;
  const unit = units.find((u) => u.id === unitId);
  if (!unit) return { field: `cases.${i}.ticketId`, message: `诉求 ${t.number} 没有承办单位，不能作为最佳实践案例` };
  return { id, kind: 'ticket', title: t.title, unitId: unit.id, unitName: unit.name, summary: t.resolution?.summary ?? t.description, ticketId: t.id, ticketNumber: t.number };
}

/** Opens the vote of a quarter (supervisor, admin): 409 when the quarter has its race already. */
export async function openRaceVote(ports: RacePorts, p: Principal, body: OpenRaceBody): Promise<Race> {
  if (!mayManageRaces(p)) throw new ForbiddenError('只有督办人员可以发起赛马比拼');
  const units = await ports.refs.list('UNIT', p.tenantId);
  const repeated = (c: RaceCaseInput, i: number) => c.kind === 'ticket' && body.cases.findIndex((o) => o.kind === 'ticket' && o.ticketId === c.ticketId) < i;
  const found = await Promise.all(
    body.cases.map((c, i) =>
      c.kind === 'ticket' && repeated(c, i) ? { field: `cases.${i}.ticketId`, message: `诉求 ${c.ticketId} 重复` } : candidateCase(ports, p, c, i, units),
    ),
  );
  const cases = found.filter((c): c is RaceCase => 'id' in c);
  const issues = found.filter((c): c is FieldIssue => 'field' in c);
  if (issues.length) throw new ValidationError(issues);
  const race = openRace({
    tenantId: p.tenantId,
    quarter: body.quarter,
    fiveStar: body.fiveStar,
    bestPractice: body.bestPractice,
    cases,
    units,
    at: ports.clock.now().toISOString(),
    by: actor(p),
  });
  if (!(await ports.races.create(race))) throw new ConflictError(`${quarterLabel(body.quarter)}的赛马比拼已经发起过了，每个季度只有一次`);
  return race;
}

/** Whom the caller votes for, named; undefined when they do not vote. */
async function voterFor(ports: RacePorts, p: Principal): Promise<Voter | undefined> {
  const v = voterOf(p);
  if (!v) return undefined;
  if (v.kind === 'unit') return { ...v, name: p.unitName ?? (await ports.refs.unit(p.tenantId, v.id))?.name ?? v.id };
  return { ...v, name: (await ports.refs.enterprise(p.tenantId, v.id))?.name ?? v.id };
}

/**
 * The voter's ballot if it counts. A ballot written by a cast that stopped
 * before registering it (its process died) is finished here while the race
 * is open, as the next reader of a ticket finishes its effects; once the race
 * is closed such a ballot never counted.
 */
async function countedBallot(ports: RacePorts, stored: StoredRace, voter: Voter): Promise<Ballot | undefined> {
  const { race } = stored;
  const counted = stored.voters.includes(voterKey(voter));
  if (!counted && race.status !== 'open') return undefined;
  const ballot = await ports.races.ballot(race.tenantId, race.id, voter);
  if (!ballot || counted) return ballot;
  return (await ports.races.register(race.tenantId, race.id, voterKey(voter))) ? ballot : undefined;
}

/** The race (its tally once closed), whom the caller votes for, whether they have, and the turnout for the supervisor. */
export async function raceDetail(ports: RacePorts, p: Principal, raceId: string): Promise<RaceDetailResponse> {
  const stored = await load(ports, p, raceId);
  const voter = await voterFor(ports, p);
  const ballot = voter ? await countedBallot(ports, stored, voter) : undefined;
  const turnout = mayManageRaces(p)
    ? {
        ballots: stored.voters.length,
        enterprises: stored.voters.filter((k) => k.startsWith('ENT#')).length,
        units: stored.voters.filter((k) => k.startsWith('UNIT#')).length,
      }
    : undefined;
  return { race: stored.race, ...(voter ? { voter } : {}), voted: ballot !== undefined, ...(ballot ? { ballot } : {}), ...(turnout ? { turnout } : {}) };
}

/**
 * Casts the caller's ballot: an owner for their enterprise, a unit lead for
 * their unit, once (409 for a second, whoever casts it and however many at
 * once). The ballot is written (one per voter), then counted in while the
 * race is open; one that lands as the race closes is counted if the close saw
 * it, and otherwise taken back (409: the vote had ended).
 */
export async function castVote(ports: RacePorts, p: Principal, raceId: string, body: CastBallotBody): Promise<Ballot> {
  const voter = await voterFor(ports, p);
  if (!voter) throw new ForbiddenError('只有企业负责人（代表本企业）和单位负责人（代表本单位）可以投票');
  const stored = await load(ports, p, raceId);
  const ballot = castBallot(stored.race, voter, body, actor(p), ports.clock.now().toISOString());
  const key = voterKey(voter);
  if (!(await ports.races.putBallot(ballot))) {
    // the first ballot stands; if its cast stopped before counting it in, it is counted now
    await countedBallot(ports, stored, voter);
    throw new ConflictError(`${voter.name}已经投过票了，每个${voter.kind === 'enterprise' ? '企业' : '单位'}只能投一次`, { voter });
  }
  if (await ports.races.register(p.tenantId, raceId, key)) return ballot;
  const now = await ports.races.get(p.tenantId, raceId);
  if (now?.voters.includes(key)) return ballot;
  await ports.races.withdraw(ballot);
  throw new ConflictError(`${quarterLabel(stored.race.quarter)}赛马比拼投票已结束，本次选票未计入`);
}

const CLOSE_ATTEMPTS = 5;

/**
 * Closes the vote (supervisor, admin): the tally of the ballots of the voters
 * registered, computed once and written with the close, conditional on the
 * race being open with those voters. A ballot counted in meanwhile makes it
 * read again; a second close is 409.
 */
export async function closeRaceVote(ports: RacePorts, p: Principal, raceId: string): Promise<Race> {
  if (!mayManageRaces(p)) throw new ForbiddenError('只有督办人员可以结束赛马比拼投票');
  for (let attempt = 0; attempt < CLOSE_ATTEMPTS; attempt++) {
    const stored = await load(ports, p, raceId);
    if (stored.race.status !== 'open') throw new ConflictError(`${quarterLabel(stored.race.quarter)}赛马比拼已经结束`);
    const voters = new Set(stored.voters);
    const ballots = (await ports.races.ballots(p.tenantId, raceId)).filter((b) => voters.has(voterKey(b.voter)));
    const closed = closeRace(stored.race, ballots, actor(p), ports.clock.now().toISOString());
    if (await ports.races.close(closed, stored.voters.length)) return closed;
  }
  throw new ConflictError('投票仍在进行中，请稍后再结束');
}
