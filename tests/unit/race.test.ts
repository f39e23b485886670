import {
  castBallot,
  CastBallotBody,
  closeRace,
  ConflictError,
  OpenRaceBody,
  openRace,
  parseOrThrow,
  previousQuarter,
  quarterLabel,
  quarterOf,
  RaceIdParam,
  tally,
  ValidationError,
  voterOf,
  type Ballot,
  type BallotPicks,
  type Principal,
  type Race,
  type Unit,
  type Voter,
} from '@whistle/shared';
import { describe, expect, it } from 'vitest';

/** The quarterly race's rules and tally, pure (shared/src/race). */
const unit = (id: string, track: Unit['track']): Unit => ({ id, tenantId: 't', name: `单位${id}`, track });
const UNITS = [unit('d1', 'department'), unit('d2', 'department'), unit('d3', 'department'), unit('d4', 'department'), unit('t1', 'township'), unit('t2', 'township')];
const AT = '2026-10-10T02:00:00.000Z';
const BY = { userId: 'supervisor', name: '督办' };

const race = (over: Partial<Parameters<typeof openRace>[0]> = {}): Race =>
  openRace({
    tenantId: 't',
    quarter: '2026-Q4',
    fiveStar: { department: 2, township: 1 },
    bestPractice: 1,
    cases: [
      { id: 'c1', kind: 'writeUp', title: '案例一', unitId: 'd1', unitName: '单位d1', summary: '简介' },
      { id: 'c2', kind: 'writeUp', title: '案例二', unitId: 't1', unitName: '单位t1', summary: '简介' },
    ],
    units: UNITS,
    at: AT,
    by: BY,
    ...over,
  });

const ent = (id: string): Voter => ({ kind: 'enterprise', id, name: `企业${id}` });
const unitVoter = (id: string): Voter => ({ kind: 'unit', id, name: `单位${id}` });
const picks = (department: string[], township: string[] = [], cases: string[] = []): BallotPicks => ({ fiveStar: { department, township }, cases });
const cast = (r: Race, v: Voter, p: BallotPicks): Ballot => castBallot(r, v, p, { userId: 'u', name: '投票人' }, AT);

function issuesOf(f: () => unknown): Array<{ field: string; message: string }> {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.details;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('quarters', () => {
  it('are validated at the edge, in Chinese, naming the field', () => {
    expect(parseOrThrow(RaceIdParam, { raceId: '2026-Q4' })).toEqual({ raceId: '2026-Q4' });
    for (const bad of ['2026-Q5', '2026Q4', '26-Q1', '2026-q4', '2026-Q4x', '1999-Q1', '']) {
      const issues = issuesOf(() => parseOrThrow(OpenRaceBody, { quarter: bad }));
      expect(issues[0]?.field, bad).toBe('quarter');
      expect(issues[0]?.message, bad).toMatch(/季度/);
    }
  });

  it('fall in Shanghai time, step back across years, and read in Chinese', () => {
    expect(quarterOf('2026-09-30T16:30:00.000Z')).toBe('2026-Q4'); // 00:30 on 1 October in Shanghai
    expect(quarterOf('2026-09-30T15:30:00.000Z')).toBe('2026-Q3');
    expect(previousQuarter('2026-Q4')).toBe('2026-Q3');
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(quarterLabel('2026-Q4')).toBe('2026 年第四季度');
  });
});

describe('opening', () => {
  it('takes each track’s candidates from the tenant’s units, and the edge’s defaults', () => {
    const r = race();
    expect(r.tracks.department.units.map((u) => u.unitId)).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(r.tracks.township.units.map((u) => u.unitId)).toEqual(['t1', 't2']);
    expect(r).toMatchObject({ id: '2026-Q4', status: 'open', openedBy: BY });
    expect(parseOrThrow(OpenRaceBody, { quarter: '2026-Q4' })).toEqual({ quarter: '2026-Q4', fiveStar: { department: 3, township: 1 }, bestPractice: 3, cases: [] });
  });

  it('refuses more five-star units than a track has, or more best-practice cases than candidates', () => {
    expect(issuesOf(() => race({ fiveStar: { department: 2, township: 3 } })).map((i) => i.field)).toEqual(['fiveStar.township']);
    expect(issuesOf(() => race({ bestPractice: 3 })).map((i) => i.field)).toEqual(['bestPractice']);
    expect(race({ cases: [], bestPractice: 3 }).bestPractice).toBe(0);
  });
});

describe('who votes', () => {
  const p = (over: Partial<Principal>): Principal => ({ userId: 'u', tenantId: 't', name: 'n', roles: [], ...over });
  it('an owner for their enterprise, a unit lead for their unit; nobody else', () => {
    expect(voterOf(p({ roles: ['owner'], enterpriseId: 'E1' }))).toEqual({ kind: 'enterprise', id: 'E1' });
    expect(voterOf(p({ roles: ['unitLead', 'officer'], unitId: 'd1' }))).toEqual({ kind: 'unit', id: 'd1' });
    expect(voterOf(p({ roles: ['officer'], unitId: 'd1' }))).toBeUndefined();
    expect(voterOf(p({ roles: ['supervisor'] }))).toBeUndefined();
    expect(voterOf(p({ roles: ['owner'] }))).toBeUndefined();
  });
});

describe('a ballot', () => {
  const r = race();
  it('picks candidates of the right track, at most the track’s count, never twice', () => {
    expect(cast(r, ent('E1'), picks(['d1', 'd2'], ['t1'], ['c1']))).toMatchObject({ raceId: '2026-Q4', voter: ent('E1'), cases: ['c1'] });
    const wrongTrack = issuesOf(() => cast(r, ent('E1'), picks(['t1'], ['d1'])));
    expect(wrongTrack).toEqual([
      { field: 'fiveStar.department.0', message: 't1 属于镇街赛道，不能投在部门赛道' },
      { field: 'fiveStar.township.0', message: 'd1 属于部门赛道，不能投在镇街赛道' },
    ]);
    expect(issuesOf(() => cast(r, ent('E1'), picks(['d1', 'd2', 'd3']))).map((i) => i.field)).toEqual(['fiveStar.department']);
    expect(issuesOf(() => cast(r, ent('E1'), picks(['d1', 'd1']))).map((i) => i.field)).toEqual(['fiveStar.department.1']);
    expect(issuesOf(() => cast(r, ent('E1'), picks(['x9']))).map((i) => i.message)).toEqual(['x9 不是本期赛马的候选部门赛道五星单位']);
    expect(issuesOf(() => cast(r, ent('E1'), picks([], [], ['c1', 'c2']))).map((i) => i.field)).toEqual(['cases']);
    expect(issuesOf(() => cast(r, ent('E1'), picks([], [], ['c9']))).map((i) => i.field)).toEqual(['cases.0']);
    expect(issuesOf(() => cast(r, ent('E1'), picks([])))).toEqual([{ field: 'body', message: '选票至少要选一个五星单位或一个最佳实践案例' }]);
  });

  it('of a unit never picks the unit itself, nor its own case', () => {
    expect(issuesOf(() => cast(r, unitVoter('d1'), picks(['d1'])))).toEqual([{ field: 'fiveStar.department.0', message: '不能给本单位投票' }]);
    expect(issuesOf(() => cast(r, unitVoter('d1'), picks(['d2'], [], ['c1'])))).toEqual([{ field: 'cases.0', message: '不能给本单位的案例投票' }]);
    expect(cast(r, unitVoter('d1'), picks(['d2'], ['t1'], ['c2'])).voter).toEqual(unitVoter('d1'));
  });

  it('is refused once the race is closed (409)', () => {
    const closed = closeRace(r, [], BY, AT);
    expect(() => cast(closed, ent('E1'), picks(['d1']))).toThrow(ConflictError);
    expect(() => closeRace(closed, [], BY, AT)).toThrow(ConflictError);
  });

  it('parses at the edge: ids only, at most 10, unknown fields refused', () => {
    expect(parseOrThrow(CastBallotBody, {})).toEqual({ fiveStar: { department: [], township: [] }, cases: [] });
    expect(issuesOf(() => parseOrThrow(CastBallotBody, { fiveStar: { department: [1] } }))[0]?.field).toBe('fiveStar.department.0');
    expect(issuesOf(() => parseOrThrow(CastBallotBody, { cases: 'c1' }))[0]?.field).toBe('cases');
    expect(issuesOf(() => parseOrThrow(CastBallotBody, { vote: [] }))[0]?.message).toMatch(/不认识的字段/);
  });
});

describe('the tally', () => {
  const r = race();
  const ballots = [
    cast(r, ent('E1'), picks(['d1', 'd2'], ['t1'], ['c1'])),
    cast(r, ent('E2'), picks(['d2', 'd3'], ['t2'], ['c1'])),
    cast(r, ent('E3'), picks(['d2'], ['t1'], ['c2'])),
    cast(r, unitVoter('d1'), picks(['d3'], ['t2'], ['c2'])),
    cast(r, unitVoter('t1'), picks(['d1'], ['t2'])),
  ];

  it('ranks every candidate by votes, ties sharing a rank in the race’s order, and names the five-star units', () => {
    const t = tally(r, ballots);
    expect(t).toMatchObject({ ballots: 5, enterpriseBallots: 3, unitBallots: 2 });
    expect(t.tracks.department.results.map((x) => [x.unitId, x.votes, x.rank, x.fiveStar])).toEqual([
      ['d2', 3, 1, true],
      ['d1', 2, 2, true],
      ['d3', 2, 2, true], // tied at the last place: both starred
      ['d4', 0, 4, false],
    ]);
    expect(t.tracks.township.results.map((x) => [x.unitId, x.votes, x.rank, x.fiveStar])).toEqual([
      ['t2', 3, 1, true],
      ['t1', 2, 2, false],
    ]);
    // c1 and c2 tie at 2: both best practice though the race names one
    expect(t.cases.map((c) => [c.caseId, c.votes, c.rank, c.bestPractice])).toEqual([
      ['c1', 2, 1, true],
      ['c2', 2, 1, true],
    ]);
  });

  it('counts one ballot per voter, and stars nobody without votes', () => {
    const twice = tally(r, [...ballots, cast(r, ent('E1'), picks(['d4'], ['t1']))]);
    expect(twice.ballots).toBe(5);
    expect(twice.tracks.department.results.find((x) => x.unitId === 'd4')?.votes).toBe(0);
    const none = tally(r, []);
    expect(none.tracks.department.results.every((x) => x.rank === 1 && !x.fiveStar)).toBe(true);
    expect(none.cases.every((c) => !c.bestPractice)).toBe(true);
  });

  it('is kept with the race when it closes', () => {
    const closed = closeRace(r, ballots, BY, '2026-12-31T09:00:00.000Z');
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-12-31T09:00:00.000Z', closedBy: BY, tally: tally(r, ballots) });
  });
});
