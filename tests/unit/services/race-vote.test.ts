import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type Ballot, type CastBallotBody, type OpenRaceBody } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { castVote, closeRaceVote, listRaces, openRaceVote, raceDetail } from '../../../functions/src/services/races.js';
import { issueCommand } from '../../../functions/src/services/tickets.js';
import { keys } from '../../../functions/src/store/keys.js';
import { seedRoundTrips } from '../../support/memory/index.js';
import { failure, KEY_OWNER, kit, type Kit } from './kit.js';

/** The quarterly race's services on in-memory ports: open, vote once each, close with the tally. */
const Q = '2026-Q4';
const open = (over: Partial<OpenRaceBody> = {}): OpenRaceBody => ({ quarter: Q, fiveStar: { department: 2, township: 1 }, bestPractice: 1, cases: [], ...over });
const ballot = (department: string[], township: string[] = [], cases: string[] = []): CastBallotBody => ({ fiveStar: { department, township }, cases });

async function openedRace(k: Kit, over: Partial<OpenRaceBody> = {}) {
  return openRaceVote(k.ports, await k.as('supervisor'), open({ cases: [{ kind: 'writeUp', title: '园区用工对接会', unitId: 'rsj', summary: '一周对接 300 个岗位' }], ...over }));
}
const vote = async (k: Kit, userId: string, body: CastBallotBody) => castVote(k.ports, await k.as(userId), Q, body);
const ballotsStored = (k: Kit) => k.ports.table.dump().filter((i) => String(i.pk) === keys.racePk(k.tenantId, Q) && String(i.sk).startsWith('BALLOT#'));

describe('opening a race', () => {
  it('is the supervisor’s: candidates from the units of each track, cases from resolved tickets and write-ups; once per quarter', async () => {
    const k = await kit();
    const t = await k.raise(KEY_OWNER);
    await issueCommand(k.ports, await k.as('officer-jxw'), t.id, { type: 'claim' });
    await issueCommand(k.ports, await k.as('officer-jxw'), t.id, { type: 'resolve', kind: 'resolved', summary: '供电公司已完成增容' });
    const race = await openedRace(k, { cases: [{ kind: 'ticket', ticketId: t.id }, { kind: 'writeUp', title: '园区用工对接会', unitId: 'rsj', summary: '一周对接 300 个岗位' }] });
    expect(race.tracks.department.units).toHaveLength(8);
    expect(race.tracks.township.units.map((u) => u.unitId)).toEqual(['dgjd', 'nsz', 'xcjd']);
    expect(race.cases).toEqual([
      { id: 'c1', kind: 'ticket', title: t.title, unitId: 'jxw', unitName: '区经济和信息化委员会', summary: '供电公司已完成增容', ticketId: t.id, ticketNumber: t.number },
      { id: 'c2', kind: 'writeUp', title: '园区用工对接会', unitId: 'rsj', unitName: '区人力资源和社会保障局', summary: '一周对接 300 个岗位' },
    ]);
    expect(await failure(() => openedRace(k))).toBeInstanceOf(ConflictError);
    expect(await failure(async () => openRaceVote(k.ports, await k.as('lead-jxw'), open({ quarter: '2026-Q3' })))).toBeInstanceOf(ForbiddenError);
    expect((await listRaces(k.ports, await k.as('owner-02'))).items.map((r) => r.id)).toEqual([Q]);
  });

  it('refuses a case that is no resolved ticket of the tenant, or a unit that is not there, naming the field; nothing written', async () => {
    const k = await kit();
    const open1 = await k.raise(KEY_OWNER);
    const e = await failure(() =>
      openedRace(k, {
        cases: [
          { kind: 'ticket', ticketId: open1.id },
          { kind: 'ticket', ticketId: 'nowhere' },
          { kind: 'writeUp', title: 't', unitId: 'nope', summary: 's' },
          { kind: 'ticket', ticketId: open1.id },
        ],
      }),
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).details.map((d) => d.field)).toEqual(['cases.0.ticketId', 'cases.1.ticketId', 'cases.2.unitId', 'cases.3.ticketId']);
    expect(k.ports.table.get(keys.race(k.tenantId, Q))).toBeUndefined();
  });
});

describe('voting', () => {
  it('one ballot per enterprise (its owner) and per unit (its lead); nobody else votes', async () => {
    const k = await kit();
    await openedRace(k);
    const b = await vote(k, 'owner-01', ballot(['jxw', 'fgw'], ['nsz'], ['c1']));
    expect(b.voter).toMatchObject({ kind: 'enterprise', id: (await k.as('owner-01')).enterpriseId });
    expect((await vote(k, 'lead-fgw', ballot(['jxw'], ['dgjd']))).voter).toEqual({ kind: 'unit', id: 'fgw', name: '区发展和改革委员会' });
    const again = await failure(() => vote(k, 'owner-01', ballot(['rsj'])));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.message).toMatch(/已经投过票了/);
    for (const who of ['officer-jxw', 'supervisor', 'leader-zhang', 'agent-1']) {
      expect(await failure(() => vote(k, who, ballot(['jxw']))), who).toBeInstanceOf(ForbiddenError);
    }
    // a unit never for itself; a pick in the wrong track is refused: nothing written either way
    expect((await failure(() => vote(k, 'lead-jxw', ballot(['jxw'])))).message).toBe('fiveStar.department.0：不能给本单位投票');
    expect((await failure(() => vote(k, 'lead-nsz', ballot(['jxw'], ['jxw'])))).message).toMatch(/fiveStar\.township\.0：jxw 属于部门赛道/);
    expect(ballotsStored(k)).toHaveLength(2);
    expect(await failure(async () => castVote(k.ports, await k.as('owner-03'), '2025-Q1', ballot(['jxw'])))).toBeInstanceOf(NotFoundError);
  });

  it('many requests casting for one voter at once: exactly one ballot, the others 409', async () => {
    for (const seed of [1, 7, 42]) {
      seedRoundTrips(seed);
      const k = await kit();
      await openedRace(k);
      const owner = await k.as('owner-05');
      const outcomes = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => castVote(k.ports, owner, Q, ballot([i % 2 ? 'jxw' : 'fgw']))));
      const won = outcomes.filter((o): o is PromiseFulfilledResult<Ballot> => o.status === 'fulfilled');
      expect(won, `seed ${seed}`).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'rejected').every((o) => (o as PromiseRejectedResult).reason instanceof ConflictError)).toBe(true);
      expect(ballotsStored(k)).toHaveLength(1);
      expect(ballotsStored(k)[0]?.fiveStar).toEqual(won[0]?.value.fiveStar);
      expect((await raceDetail(k.ports, await k.as('supervisor'), Q)).turnout).toEqual({ ballots: 1, enterprises: 1, units: 0 });
    }
  });
});

describe('closing', () => {
  it('hides the tally until the close, computes it once, keeps it; a second close and a late ballot are 409', async () => {
    const k = await kit();
    await openedRace(k);
    await vote(k, 'owner-01', ballot(['jxw', 'fgw'], ['nsz'], ['c1']));
    await vote(k, 'owner-02', ballot(['jxw'], ['dgjd']));
    await vote(k, 'lead-fgw', ballot(['jxw', 'rsj'], ['nsz'], ['c1']));
    await vote(k, 'lead-nsz', ballot(['fgw'], ['dgjd']));
    const before = await raceDetail(k.ports, await k.as('owner-01'), Q);
    expect(before).toMatchObject({ voted: true, voter: { kind: 'enterprise' } });
    expect(before.race.tally).toBeUndefined();
    expect(before.turnout).toBeUndefined();
    expect((await raceDetail(k.ports, await k.as('owner-03'), Q)).voted).toBe(false);
    expect(await failure(async () => closeRaceVote(k.ports, await k.as('lead-jxw'), Q))).toBeInstanceOf(ForbiddenError);

    k.ports.clock.advance(3600_000);
    const closed = await closeRaceVote(k.ports, await k.as('supervisor'), Q);
    const tally = closed.tally;
    expect(tally).toMatchObject({ ballots: 4, enterpriseBallots: 2, unitBallots: 2 });
    expect(tally?.tracks.department.results.slice(0, 3).map((r) => [r.unitId, r.votes, r.rank, r.fiveStar])).toEqual([
      ['jxw', 3, 1, true],
      ['fgw', 2, 2, true],
      ['rsj', 1, 3, false],
    ]);
    // dgjd and nsz tie at 2 for the one star of the township track: both get it
    expect(tally?.tracks.township.results.map((r) => [r.unitId, r.votes, r.fiveStar])).toEqual([
      ['dgjd', 2, true],
      ['nsz', 2, true],
      ['xcjd', 0, false],
    ]);
    expect(tally?.cases).toEqual([{ caseId: 'c1', title: '园区用工对接会', unitId: 'rsj', unitName: '区人力资源和社会保障局', votes: 2, rank: 1, bestPractice: true }]);
    expect((await raceDetail(k.ports, await k.as('owner-09'), Q)).race).toEqual(closed);
    expect(await failure(async () => closeRaceVote(k.ports, await k.as('supervisor'), Q))).toBeInstanceOf(ConflictError);
    expect((await failure(() => vote(k, 'owner-03', ballot(['jxw'])))).message).toMatch(/投票已结束/);
    expect(ballotsStored(k)).toHaveLength(4);
  });

  it('ballots cast while the race closes: the tally counts exactly the ballots answered 201, and only those are kept', async () => {
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    };
    for (const delay of [0, 4, 8, 16, 32]) {
      const k = await kit();
      await openedRace(k);
      const principals = await Promise.all(Array.from({ length: 20 }, (_, i) => k.as(`owner-${String(i + 1).padStart(2, '0')}`)));
      const supervisor = await k.as('supervisor');
      // the interleaving of this round, whatever the set-up's round trips were (the demo district grows)
      seedRoundTrips(delay + 1);
      // casts spread over the event loop's turns, the close starting `delay` turns in
      const [closing, ...casts] = await Promise.allSettled([
        turns(delay).then(() => closeRaceVote(k.ports, supervisor, Q)),
        ...principals.map((p, i) => turns(i).then(() => castVote(k.ports, p, Q, ballot(['jxw'])))),
      ]);
      if (closing?.status !== 'fulfilled') throw new Error(`delay ${delay}: the close failed: ${String((closing as PromiseRejectedResult).reason)}`);
      const counted = casts.filter((c) => c.status === 'fulfilled').length;
      expect(casts.every((c) => c.status === 'fulfilled' || (c.reason as Error) instanceof ConflictError)).toBe(true);
      expect(closing.value.tally?.ballots, `delay ${delay}`).toBe(counted);
      expect(closing.value.tally?.tracks.department.results.find((r) => r.unitId === 'jxw')?.votes).toBe(counted);
      expect(ballotsStored(k)).toHaveLength(counted);
    }
  });

  it('a ballot written just before the close but counted in after it is taken back: 409, not in the tally, not kept', async () => {
    const k = await kit();
    await openedRace(k);
    const supervisor = await k.as('supervisor');
    const register = k.ports.races.register.bind(k.ports.races);
    let closing: Promise<unknown> | undefined;
    // the close runs between the ballot's write and its counting in
    k.ports.races.register = async (...args) => {
      closing ??= closeRaceVote(k.ports, supervisor, Q);
      await closing;
      return register(...args);
    };
    const late = await failure(() => vote(k, 'owner-01', ballot(['jxw'])));
    expect(late).toBeInstanceOf(ConflictError);
    expect(late.message).toMatch(/本次选票未计入/);
    expect((await k.ports.races.get(k.tenantId, Q))?.race.tally?.ballots).toBe(0);
    expect(ballotsStored(k)).toHaveLength(0);
  });

  it('a ballot another request counted in before the close stands though its own counting in comes after: 201, in the tally', async () => {
    const k = await kit();
    await openedRace(k);
    const supervisor = await k.as('supervisor');
    const register = k.ports.races.register.bind(k.ports.races);
    let first = true;
    k.ports.races.register = async (...args) => {
      if (first) {
        first = false;
        // a second request of the same voter finds the ballot not yet counted and counts it in; then the race closes
        expect(await failure(() => vote(k, 'owner-01', ballot(['fgw'])))).toBeInstanceOf(ConflictError);
        await closeRaceVote(k.ports, supervisor, Q);
      }
      return register(...args);
    };
    const cast = await vote(k, 'owner-01', ballot(['jxw']));
    expect(cast.fiveStar.department).toEqual(['jxw']);
    const tally = (await k.ports.races.get(k.tenantId, Q))?.race.tally;
    expect(tally?.ballots).toBe(1);
    expect(tally?.tracks.department.results[0]).toMatchObject({ unitId: 'jxw', votes: 1 });
    expect(ballotsStored(k)).toHaveLength(1);
  });

  it('a cast that stopped between writing its ballot and counting it in is finished by the next reader while the race is open', async () => {
    const k = await kit();
    const race = await openedRace(k);
    const owner = await k.as('owner-07');
    const enterpriseId = owner.enterpriseId ?? '';
    await k.ports.races.putBallot({
      raceId: race.id,
      tenantId: k.tenantId,
      voter: { kind: 'enterprise', id: enterpriseId, name: '企业' },
      castBy: { userId: owner.userId, name: owner.name },
      castAt: k.ports.clock.iso(),
      fiveStar: { department: ['zjw'], township: [] },
      cases: [],
    });
    expect((await k.ports.races.get(k.tenantId, Q))?.voters).toEqual([]);
    expect((await raceDetail(k.ports, owner, Q)).voted).toBe(true);
    expect((await k.ports.races.get(k.tenantId, Q))?.voters).toEqual([`ENT#${enterpriseId}`]);
    const closed = await closeRaceVote(k.ports, await k.as('supervisor'), Q);
    expect(closed.tally?.tracks.department.results[0]).toMatchObject({ unitId: 'zjw', votes: 1, fiveStar: true });
  });
});
