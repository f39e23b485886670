import type { Ballot, Race, RaceDetailResponse, Ticket } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../functions/src/adapters/tokens.js';
import { demoTenant } from '../../functions/src/local/demo-data.js';
import { DEMO_CLOSED_QUARTER, DEMO_OPEN_QUARTER, seedDemoRaces } from '../../functions/src/local/race-seed.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { keys } from '../../functions/src/store/keys.js';
import { TEST_SIGNING_KEY } from '../support/env.js';
import { startKit, tenantItems, type Kit } from './requests-kit.js';

/**
 * The quarterly race (赛马比拼) over HTTP on the local stack: the supervisor
 * opens a quarter's vote, owners and unit leads vote once each, the tally is
 * hidden until the close and kept after it, one race per quarter, never
 * across tenants. Every answer is held to the OpenAPI document (startApi).
 */
let kit: Kit;
let resolved: Ticket;
const Q = '2026-Q4';

beforeAll(async () => {
  kit = await startKit();
  // a resolved ticket to stand as a candidate case: raised by owner-01, claimed and resolved by the economy commission
  const t = await kit.raise('owner-01', { title: '厂房用电增容' });
  expect((await kit.post('officer-jxw', `/api/tickets/${t.id}/claim`)).status).toBe(200);
  const res = await kit.post('officer-jxw', `/api/tickets/${t.id}/resolve`, { kind: 'resolved', summary: '协调供电公司两周内完成增容' });
  expect(res.status).toBe(200);
  resolved = res.body.ticket as Ticket;
});
afterAll(async () => {
  await kit.close();
});

const call = async (userId: string, method: string, path: string, body?: unknown) =>
  kit.api.call(method, path, { token: await kit.token(userId), ...(body !== undefined ? { body } : {}) });
const detail = async (userId: string, raceId = Q) => {
  const res = await call(userId, 'GET', `/api/races/${raceId}`);
  expect(res.status).toBe(200);
  return res.body as RaceDetailResponse;
};
const vote = (userId: string, department: string[], township: string[] = [], cases: string[] = []) =>
  call(userId, 'POST', `/api/races/${Q}/ballots`, { fiveStar: { department, township }, cases });
const fields = (body: { error: { details?: Array<{ field: string }> } }) => (body.error.details ?? []).map((d) => d.field);
/** the race's ballots as stored (behind the API's back) */
const storedBallots = async (raceId = Q) =>
  (await tenantItems(kit.env)).filter((i) => i.pk === keys.racePk(kit.tenantId, raceId) && String(i.sk).startsWith(keys.raceBallotPrefix));

describe('opening a race', () => {
  it('is for the supervisor (and admin) only; a body that does not parse is 400 naming the field; nothing written', async () => {
    for (const who of ['owner-01', 'lead-jxw', 'officer-jxw', 'leader-zhang']) {
      expect((await call(who, 'POST', '/api/races', { quarter: Q })).status, who).toBe(403);
    }
    const bad: Array<[unknown, string]> = [
      [{ quarter: '2026-Q5' }, 'quarter'],
      [{ quarter: Q, fiveStar: { department: 2, township: 0 } }, 'fiveStar.township'],
      [{ quarter: Q, bestPractice: 'three' }, 'bestPractice'],
      [{ quarter: Q, cases: [{ kind: 'photo' }] }, 'cases.0.kind'],
      [{ quarter: Q, cases: [{ kind: 'writeUp', title: '', unitId: 'rsj', summary: 's' }] }, 'cases.0.title'],
      [{ quarter: Q, votes: 3 }, 'body'],
    ];
    for (const [body, field] of bad) {
      const res = await call('supervisor', 'POST', '/api/races', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fields(res.body), JSON.stringify(body)).toContain(field);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // the domain's refusals name the field too: an open ticket is no case, a track has only 3 townships
    const open = await kit.raise('owner-02', { title: '尚未办结' });
    const notResolved = await call('supervisor', 'POST', '/api/races', { quarter: Q, cases: [{ kind: 'ticket', ticketId: open.id }] });
    expect(notResolved.status).toBe(400);
    expect(notResolved.body.error.message).toMatch(/^cases\.0\.ticketId：.*尚未办结/);
    const tooMany = await call('supervisor', 'POST', '/api/races', { quarter: Q, fiveStar: { department: 3, township: 4 } });
    expect(fields(tooMany.body)).toEqual(['fiveStar.township']);
    expect((await call('supervisor', 'GET', '/api/races')).body.items).toEqual([]);
  });

  it('opens a quarter with both tracks’ units and the candidate cases; a second race for the quarter is 409', async () => {
    const res = await call('supervisor', 'POST', '/api/races', {
      quarter: Q,
      fiveStar: { department: 2, township: 1 },
      bestPractice: 1,
      cases: [
        { kind: 'ticket', ticketId: resolved.id },
        { kind: 'writeUp', title: '园区用工对接会', unitId: 'rsj', summary: '一周对接 300 个岗位' },
      ],
    });
    expect(res.status).toBe(201);
    const race = res.body.race as Race;
    expect(race).toMatchObject({ id: Q, quarter: Q, status: 'open', openedBy: { userId: 'supervisor' } });
    expect(race.tracks.department.units.map((u) => u.unitId)).toEqual(['fgw', 'ghzy', 'jrb', 'jxw', 'rsj', 'scjg', 'swj', 'zjw']);
    expect(race.tracks.township.units.map((u) => u.unitId)).toEqual(['dgjd', 'nsz', 'xcjd']);
    expect(race.cases).toEqual([
      { id: 'c1', kind: 'ticket', title: '厂房用电增容', unitId: 'jxw', unitName: '区经济和信息化委员会', summary: '协调供电公司两周内完成增容', ticketId: resolved.id, ticketNumber: resolved.number },
      { id: 'c2', kind: 'writeUp', title: '园区用工对接会', unitId: 'rsj', unitName: '区人力资源和社会保障局', summary: '一周对接 300 个岗位' },
    ]);
    const again = await call('admin', 'POST', '/api/races', { quarter: Q });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('2026 年第四季度的赛马比拼已经发起过了，每个季度只有一次');
    expect((await call('owner-02', 'GET', '/api/races')).body.items.map((r: Race) => r.id)).toEqual([Q]);
  });
});

describe('voting', () => {
  it('owners vote for their enterprise and unit leads for their unit; officers, leaders and the supervisor do not vote', async () => {
    const first = await vote('owner-01', ['jxw', 'scjg'], ['nsz'], ['c1']);
    expect(first.status).toBe(201);
    expect((first.body.ballot as Ballot).voter).toEqual({ kind: 'enterprise', id: kit.enterpriseOf('owner-01'), name: expect.stringMatching(/^清溪/) });
    expect((await vote('owner-02', ['jxw'], ['xcjd'], ['c2'])).status).toBe(201);
    const lead = await vote('lead-fgw', ['jxw', 'rsj'], ['nsz'], ['c1']);
    expect(lead.status).toBe(201);
    expect((lead.body.ballot as Ballot).voter).toEqual({ kind: 'unit', id: 'fgw', name: '区发展和改革委员会' });
    for (const who of ['officer-jxw', 'leader-zhang', 'supervisor', 'agent-1', 'admin']) {
      const res = await vote(who, ['jxw']);
      expect(res.status, who).toBe(403);
      expect(res.body.error.message).toMatch(/企业负责人.*单位负责人/);
    }
  });

  it('refuses a unit voting for itself or its own case, a pick in the wrong track, too many picks: 400 naming the pick, nothing written', async () => {
    const self = await vote('lead-jxw', ['jxw']);
    expect(self.status).toBe(400);
    expect(self.body.error).toMatchObject({ code: 'VALIDATION', message: 'fiveStar.department.0：不能给本单位投票' });
    const ownCase = await vote('lead-rsj', ['jxw'], [], ['c2']);
    expect(ownCase.body.error.message).toBe('cases.0：不能给本单位的案例投票');
    const wrongTrack = await vote('lead-nsz', ['dgjd'], ['scjg']);
    expect(wrongTrack.status).toBe(400);
    expect(fields(wrongTrack.body)).toEqual(['fiveStar.department.0', 'fiveStar.township.0']);
    expect(wrongTrack.body.error.details[0].message).toBe('dgjd 属于镇街赛道，不能投在部门赛道');
    expect(fields((await vote('owner-03', ['jxw', 'fgw', 'rsj'])).body)).toEqual(['fiveStar.department']);
    expect(fields((await vote('owner-03', ['jxw', 'jxw'])).body)).toEqual(['fiveStar.department.1']);
    expect(fields((await call('owner-03', 'POST', `/api/races/${Q}/ballots`, { fiveStar: { department: 'jxw' } })).body)).toEqual(['fiveStar.department']);
    expect(await storedBallots()).toHaveLength(3);
    // corrected, they count
    expect((await vote('lead-nsz', ['scjg', 'fgw'], ['dgjd'], ['c2'])).status).toBe(201);
    expect((await vote('lead-rsj', ['jxw'], [], ['c1'])).status).toBe(201);
  });

  it('one vote each: a second ballot is 409 in Chinese, and many cast at once for one enterprise leave exactly one', async () => {
    const again = await vote('owner-01', ['rsj']);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/已经投过票了，每个企业只能投一次$/) });
    const token = await kit.token('owner-05');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        kit.api.call('POST', `/api/races/${Q}/ballots`, { token, body: { fiveStar: { department: [i % 2 ? 'scjg' : 'zjw'], township: ['nsz'] }, cases: ['c1'] } }),
      ),
    );
    const won = answers.filter((a) => a.status === 201);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(11);
    const mine = (await storedBallots()).filter((b) => (b.voter as { id: string }).id === kit.enterpriseOf('owner-05'));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.fiveStar).toEqual((won[0]?.body.ballot as Ballot).fiveStar);
    // the tally below expects scjg: make the winner's pick known
    expect(['scjg', 'zjw']).toContain((won[0]?.body.ballot as Ballot).fiveStar.department[0]);
  });
});

describe('closing', () => {
  it('hides the tally until the close; the supervisor sees the turnout; each voter sees only their own ballot', async () => {
    const owner = await detail('owner-01');
    expect(owner).toMatchObject({ voted: true, voter: { kind: 'enterprise' }, ballot: { fiveStar: { department: ['jxw', 'scjg'] } } });
    expect(owner.race.tally).toBeUndefined();
    expect(owner.turnout).toBeUndefined();
    expect(await detail('owner-03')).toMatchObject({ voted: false, voter: { kind: 'enterprise' } });
    const officer = await detail('officer-jxw');
    expect(officer.voted).toBe(false);
    expect(officer.voter).toBeUndefined();
    expect((await detail('supervisor')).turnout).toEqual({ ballots: 6, enterprises: 3, units: 3 });
    expect((await call('owner-01', 'GET', '/api/races')).body.items[0].tally).toBeUndefined();
  });

  it('closes once (supervisor): the tally of the ballots cast, kept with the race; a second close and a late ballot are 409', async () => {
    expect((await call('lead-jxw', 'POST', `/api/races/${Q}/close`)).status).toBe(403);
    const winner = (await storedBallots()).find((b) => (b.voter as { id: string }).id === kit.enterpriseOf('owner-05'));
    const o5 = (winner?.fiveStar as { department: string[] }).department[0];
    const res = await call('supervisor', 'POST', `/api/races/${Q}/close`);
    expect(res.status).toBe(200);
    const race = res.body.race as Race;
    expect(race).toMatchObject({ status: 'closed', closedBy: { userId: 'supervisor' }, closedAt: kit.now().toISOString() });
    const tally = race.tally;
    expect(tally).toMatchObject({ ballots: 6, enterpriseBallots: 3, unitBallots: 3 });
    // departments: jxw by owner-01, owner-02, lead-fgw, lead-rsj; scjg by owner-01, lead-nsz (and owner-05 if it picked it)
    const scjg = o5 === 'scjg' ? 3 : 2;
    const dept = tally?.tracks.department.results.map((r) => [r.unitId, r.votes, r.rank, r.fiveStar]);
    expect(dept?.slice(0, 2)).toEqual([
      ['jxw', 4, 1, true],
      ['scjg', scjg, 2, true],
    ]);
    expect(dept?.find((r) => r[0] === 'fgw')).toEqual(['fgw', 1, 3, false]);
    expect(dept?.find((r) => r[0] === 'rsj')).toEqual(['rsj', 1, 3, false]);
    expect(dept?.find((r) => r[0] === 'zjw')?.[1]).toBe(o5 === 'zjw' ? 1 : 0);
    expect(tally?.tracks.township.results.map((r) => [r.unitId, r.votes, r.rank, r.fiveStar])).toEqual([
      ['nsz', 3, 1, true],
      ['dgjd', 1, 2, false],
      ['xcjd', 1, 2, false],
    ]);
    expect(tally?.cases.map((c) => [c.caseId, c.votes, c.rank, c.bestPractice])).toEqual([
      ['c1', 4, 1, true],
      ['c2', 2, 2, false],
    ]);

    const twice = await call('supervisor', 'POST', `/api/races/${Q}/close`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('2026 年第四季度赛马比拼已经结束');
    const late = await vote('owner-09', ['jxw']);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/投票已结束/);
    expect(await storedBallots()).toHaveLength(6);
  });

  it('keeps the results per quarter: read after the close by anyone, listed newest first, the quarter never opened again', async () => {
    const after = await detail('owner-20');
    expect(after.race.status).toBe('closed');
    expect(after.race.tally?.ballots).toBe(6);
    expect(after.voted).toBe(false);
    expect((await detail('owner-01')).ballot?.fiveStar.department).toEqual(['jxw', 'scjg']);
    expect((await call('supervisor', 'POST', '/api/races', { quarter: Q })).status).toBe(409);
    expect((await call('supervisor', 'POST', '/api/races', { quarter: '2027-Q1' })).status).toBe(201);
    expect((await call('supervisor', 'POST', '/api/races', { quarter: '2026-Q3' })).status).toBe(201);
    const list = (await call('officer-xcjd', 'GET', '/api/races')).body.items as Race[];
    expect(list.map((r) => [r.id, r.status])).toEqual([
      ['2027-Q1', 'open'],
      [Q, 'closed'],
      ['2026-Q3', 'open'],
    ]);
    expect(list[1]?.tally).toEqual(after.race.tally);
  });
});

describe('edges', () => {
  it('a race id that is no quarter is 400 naming raceId; an unknown quarter is 404', async () => {
    const bad = await call('owner-01', 'GET', '/api/races/2026Q4');
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['raceId']);
    expect((await call('owner-01', 'GET', '/api/races/2024-Q1')).status).toBe(404);
    expect((await call('owner-01', 'POST', '/api/races/2024-Q1/ballots', { fiveStar: { department: ['jxw'] } })).status).toBe(404);
    expect((await call('supervisor', 'POST', '/api/races/2024-Q1/close')).status).toBe(404);
    expect((await kit.api.call('GET', '/api/races')).status).toBe(401);
  });

  it('never crosses tenants: another district’s race is not there (404), and ours is not theirs', async () => {
    const other = demoTenant(`${kit.tenantId}x`, '另一个区');
    await seedTenant(kit.env.deps.store, kit.env.deps.refs, other);
    const signer = new TokenSigner(TEST_SIGNING_KEY);
    const as = async (userId: string) => (await signer.sign({ sub: userId, ten: other.tenant.id, roles: ['owner'] }, Date.now(), 3600)).token;
    const theirs = await kit.api.call('POST', '/api/races', { token: await as('supervisor'), body: { quarter: '2025-Q2' } });
    expect(theirs.status).toBe(201);
    expect((await call('owner-01', 'GET', '/api/races/2025-Q2')).status).toBe(404);
    expect((await vote('owner-01', ['jxw'])).status).toBe(409); // ours, closed: not theirs
    expect((await call('owner-01', 'POST', '/api/races/2025-Q2/ballots', { fiveStar: { department: ['jxw'] } })).status).toBe(404);
    expect((await call('supervisor', 'POST', '/api/races/2025-Q2/close')).status).toBe(404);
    expect((await call('owner-01', 'GET', '/api/races')).body.items.map((r: Race) => r.id)).not.toContain('2025-Q2');
    const theirList = await kit.api.call('GET', '/api/races', { token: await as('owner-01') });
    expect(theirList.body.items.map((r: Race) => r.id)).toEqual(['2025-Q2']);
    expect((await kit.api.call('GET', `/api/races/${Q}`, { token: await as('owner-01') })).status).toBe(404);
  });
});

describe('the race store on DynamoDB (its conditions, behind the API)', () => {
  it('counts voters in only while open, closes only with the voters as read, withdraws only the ballot as cast', async () => {
    const races = kit.env.deps.races;
    const quarter = '2025-Q4';
    const race = (await call('supervisor', 'POST', '/api/races', { quarter })).body.race as Race;
    const ballot = (id: string, castAt: string): Ballot => ({
      raceId: quarter,
      tenantId: kit.tenantId,
      voter: { kind: 'enterprise', id, name: id },
      castBy: { userId: 'owner-01', name: '王' },
      castAt,
      fiveStar: { department: ['jxw'], township: [] },
      cases: [],
    });
    expect(await races.putBallot(ballot('E1', '2025-12-01T00:00:00.000Z'))).toBe(true);
    expect(await races.putBallot(ballot('E1', '2025-12-01T00:00:01.000Z'))).toBe(false);
    expect(await races.register(kit.tenantId, quarter, 'ENT#E1')).toBe(true);
    expect(await races.register(kit.tenantId, quarter, 'ENT#E1')).toBe(true); // idempotent
    expect((await races.get(kit.tenantId, quarter))?.voters).toEqual(['ENT#E1']);
    const closed = { ...race, status: 'closed' as const, closedAt: '2025-12-31T00:00:00.000Z', closedBy: { userId: 'supervisor', name: '督办' }, tally: { ballots: 0, enterpriseBallots: 0, unitBallots: 0, tracks: { department: { fiveStar: 3, results: [] }, township: { fiveStar: 1, results: [] } }, cases: [] } };
    // read with no voters, or with two: the set has one, so the close is refused
    expect(await races.close(closed, 0)).toBe(false);
    expect(await races.close(closed, 2)).toBe(false);
    expect(await races.close(closed, 1)).toBe(true);
    expect(await races.close(closed, 1)).toBe(false);
    expect(await races.register(kit.tenantId, quarter, 'ENT#E2')).toBe(false);
    expect(await races.register(kit.tenantId, 'nowhere', 'ENT#E2')).toBe(false);
    // a ballot is taken back only as it was cast
    expect(await races.putBallot(ballot('E2', '2025-12-31T00:00:01.000Z'))).toBe(true);
    await races.withdraw(ballot('E2', '2025-12-31T00:00:02.000Z'));
    expect(await races.ballot(kit.tenantId, quarter, { kind: 'enterprise', id: 'E2' })).toBeDefined();
    await races.withdraw(ballot('E2', '2025-12-31T00:00:01.000Z'));
    expect(await races.ballot(kit.tenantId, quarter, { kind: 'enterprise', id: 'E2' })).toBeUndefined();
    expect((await races.ballots(kit.tenantId, quarter)).map((b) => b.voter.id)).toEqual(['E1']);
    expect((await races.get(kit.tenantId, quarter))?.race).toMatchObject({ status: 'closed', tally: closed.tally });
  });
});

describe('the demo district’s races', () => {
  it('are loaded once: last quarter closed with its tally, this quarter open for a newcomer to vote', async () => {
    const demo = demoTenant(`${kit.tenantId}d`, '演示区');
    await seedTenant(kit.env.deps.store, kit.env.deps.refs, demo);
    expect(await seedDemoRaces(kit.env.deps.races, kit.env.deps.store, demo)).toBe('seeded');
    const count = async () => (await tenantItems({ ...kit.env, tenantId: demo.tenant.id })).length;
    const items = await count();
    expect(await seedDemoRaces(kit.env.deps.races, kit.env.deps.store, demo)).toBe('present');
    expect(await count()).toBe(items);

    const signer = new TokenSigner(TEST_SIGNING_KEY);
    const token = async (userId: string) => (await signer.sign({ sub: userId, ten: demo.tenant.id, roles: ['owner'] }, Date.now(), 3600)).token;
    const list = (await kit.api.call('GET', '/api/races', { token: await token('owner-12') })).body.items as Race[];
    expect(list.map((r) => [r.id, r.status])).toEqual([
      [DEMO_OPEN_QUARTER, 'open'],
      [DEMO_CLOSED_QUARTER, 'closed'],
    ]);
    const q3 = list[1]?.tally;
    expect(q3?.ballots).toBe(9);
    expect(q3?.tracks.department.results.filter((r) => r.fiveStar).map((r) => r.unitId)).toEqual(['jxw', 'scjg', 'rsj']);
    expect(q3?.tracks.township.results.filter((r) => r.fiveStar).map((r) => r.unitId)).toEqual(['dgjd']);
    expect(q3?.cases.filter((c) => c.bestPractice).map((c) => c.caseId)).toEqual(['c1', 'c3']);
    // owner-01 voted last quarter, not yet this one
    const closed = await kit.api.call('GET', `/api/races/${DEMO_CLOSED_QUARTER}`, { token: await token('owner-01') });
    expect(closed.body).toMatchObject({ voted: true });
    const cast = await kit.api.call('POST', `/api/races/${DEMO_OPEN_QUARTER}/ballots`, {
      token: await token('owner-12'),
      body: { fiveStar: { department: ['jrb'], township: ['xcjd'] }, cases: ['c1'] },
    });
    expect(cast.status).toBe(201);
  });
});
