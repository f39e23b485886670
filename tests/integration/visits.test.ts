import type { CoverageResponse, GridCoverage, LedgerEntry, LedgerResponse, LogVisitInput, Ticket, Visit } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/src/store/keys.js';
import { newKey, startKit, tenantItems, type Kit } from './requests-kit.js';

/**
 * Grid visits over HTTP on the local stack: logging (idempotent, refused to
 * anyone who does not serve the enterprise), reading, a finding turned into
 * one ticket however many tap at once, the enterprise's ledger (order, paging,
 * who reads it) and coverage on hand-built visits. Every answer is held to the
 * OpenAPI document (startApi). The pinned clock: Tuesday 2026-11-24 10:00.
 *
 * The demo district: grid g01 holds owner-01/07/13/19/25's enterprises
 * (officer grid-g01), g04 owner-04/10/16/22/28's, g05 owner-05/11/17/23/29's;
 * g01–g03 are the east area (lead area-east), g04–g06 the west (area-west);
 * grid-chief is every grid's chief.
 */
let kit: Kit;
let ent: (owner: string) => string;

beforeAll(async () => {
  kit = await startKit();
  ent = (owner) => kit.enterpriseOf(owner);
  // officer-rsj is a commissioner (亲清特使) of owner-07's enterprise
  const e7 = kit.env.data.enterprises.find((e) => e.id === ent('owner-07'));
  if (!e7) throw new Error('no enterprise of owner-07');
  await kit.env.deps.refs.put('ENT', { ...e7, commissionerUserIds: ['officer-rsj'] });
});
afterAll(async () => {
  await kit.close();
});

const call = async (userId: string, method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}) =>
  kit.api.call(method, path, { token: await kit.token(userId), ...opts });
const body = (owner: string, over: Partial<LogVisitInput> = {}): LogVisitInput => ({
  enterpriseId: ent(owner),
  date: '2026-11-24',
  kind: 'onSite',
  situation: { production: 'reduced', orders: 'falling', staffing: 'short', note: '四季度订单下滑约三成' },
  findings: [
    { text: '熟练焊工缺口约二十人', category: 'talent' },
    { text: '新产线需用电增容 800 千伏安', category: 'utilities' },
    { text: '消防验收资料不清楚', category: 'permits', resolvedOnSite: true },
  ],
  ...over,
});
const log = async (userId: string, b: LogVisitInput, key = newKey()) => call(userId, 'POST', '/api/visits', { body: b, headers: { 'idempotency-key': key } });
const logged = async (userId: string, b: LogVisitInput): Promise<Visit> => {
  const res = await log(userId, b);
  if (res.status !== 201) throw new Error(`log as ${userId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.visit as Visit;
};
const fields = (res: { body: { error: { details?: Array<{ field: string }> } } }) => (res.body.error.details ?? []).map((d) => d.field);
const visitItems = async () => (await tenantItems(kit.env)).filter((i) => i.entity === 'VISIT');
const raise = (userId: string, visitId: string, n: number | string) => call(userId, 'POST', `/api/visits/${visitId}/findings/${n}/ticket`);

describe('the field duties on GET /api/me', () => {
  it('name the grids, areas and enterprises an official looks after; an owner has none', async () => {
    const duties = async (who: string) => (await call(who, 'GET', '/api/me')).body.duties;
    expect(await duties('grid-g01')).toEqual({ officerOf: ['g01'], chiefOf: [], leadOf: [], ledGridIds: [], commissioned: 0 });
    expect(await duties('area-west')).toEqual({ officerOf: [], chiefOf: [], leadOf: ['west'], ledGridIds: ['g04', 'g05', 'g06'], commissioned: 0 });
    expect((await duties('grid-chief')).chiefOf).toEqual(['g01', 'g02', 'g03', 'g04', 'g05', 'g06']);
    expect((await duties('officer-rsj')).commissioned).toBe(1);
    expect(await duties('owner-01')).toBeUndefined();
  });
});

describe('logging a visit', () => {
  it('the grid officer logs; a retry with the key answers the same visit, the key for another visit is 422', async () => {
    const key = newKey();
    const first = await log('grid-g01', body('owner-01'), key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    const visit = first.body.visit as Visit;
    expect(visit).toMatchObject({
      enterpriseId: ent('owner-01'),
      gridId: 'g01',
      areaId: 'east',
      visitors: [{ userId: 'grid-g01' }],
      createdBy: { userId: 'grid-g01' },
      rev: 1,
      situation: { production: 'reduced', orders: 'falling', staffing: 'short', note: '四季度订单下滑约三成' },
    });
    expect(first.body.canRaise).toBe(true);
    const again = await log('grid-g01', body('owner-01'), key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.visit).toEqual(visit);
    const other = await log('grid-g01', body('owner-01', { kind: 'phone' }), key);
    expect(other.status).toBe(422);
    expect((await visitItems()).filter((i) => i.id === visit.id)).toHaveLength(1);
  });

  it('a body that does not parse, a day to come, an unknown enterprise or companion: 400 naming the field, nothing written', async () => {
    const before = (await visitItems()).length;
    const bad: Array<[LogVisitInput | Record<string, unknown>, string]> = [
      [body('owner-01', { date: '2026-11-25' }), 'date'],
      [body('owner-01', { date: '2026-13-01' }), 'date'],
      [{ ...body('owner-01'), kind: 'email' }, 'kind'],
      [{ ...body('owner-01'), situation: { production: 'normal', orders: 'steady' } }, 'situation.staffing'],
      [body('owner-01', { findings: [{ text: '', category: 'talent' }] }), 'findings.0.text'],
      [{ ...body('owner-01'), enterpriseId: '91500108MA6000000X' }, 'enterpriseId'],
      [body('owner-01', { enterpriseId: '91110000600037341L' }), 'enterpriseId'],
      [body('owner-01', { visitorIds: ['lead-dgjd', 'nobody'] }), 'visitorIds.1'],
      [body('owner-01', { visitorIds: ['owner-02'] }), 'visitorIds.0'],
      [{ ...body('owner-01'), extra: 1 }, 'body'],
    ];
    for (const [b, field] of bad) {
      const res = await log('grid-g01', b as LogVisitInput);
      expect(res.status, JSON.stringify(b)).toBe(400);
      expect(fields(res), JSON.stringify(b)).toContain(field);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const noKey = await call('grid-g01', 'POST', '/api/visits', { body: body('owner-01') });
    expect(noKey.status).toBe(400);
    expect(fields(noKey)).toEqual(['idempotency-key']);
    expect(await visitItems()).toHaveLength(before);
  });

  it('only those who serve the enterprise, and the supervisor: anyone else 403, nothing written', async () => {
    const before = (await visitItems()).length;
    for (const who of ['grid-g02', 'officer-jxw', 'lead-dgjd', 'area-west', 'owner-01', 'leader-zhang', 'admin', 'agent-1']) {
      const res = await log(who, body('owner-01'));
      expect(res.status, who).toBe(403);
      expect(res.body.error.message).toMatch(/网格员/);
    }
    expect(await visitItems()).toHaveLength(before);
    for (const who of ['area-east', 'grid-chief', 'supervisor']) expect((await log(who, body('owner-01', { findings: [] }))).status, who).toBe(201);
    // a commissioner logs for their enterprise, not for another
    expect((await log('officer-rsj', body('owner-07', { visitorIds: ['grid-g01'] }))).status).toBe(201);
    expect((await log('officer-rsj', body('owner-01'))).status).toBe(403);
  });
});

describe('reading visits', () => {
  let visit: Visit;
  beforeAll(async () => {
    kit.advance(60_000);
    visit = await logged('grid-g01', body('owner-13', { visitorIds: ['officer-jxw'] }));
  });

  it('one visit: those who read the ledger and its companions; anyone else 404; whether the caller may raise', async () => {
    const read = async (who: string) => call(who, 'GET', `/api/visits/${visit.id}`);
    expect((await read('grid-g01')).body).toEqual({ visit, canRaise: true });
    expect((await read('owner-13')).body).toEqual({ visit, canRaise: false });
    expect((await read('officer-jxw')).body.canRaise).toBe(false);
    expect((await read('leader-zhang')).body.canRaise).toBe(false);
    for (const who of ['grid-g02', 'owner-01', 'officer-fgw']) expect((await read(who)).status, who).toBe(404);
    expect((await call('grid-g01', 'GET', '/api/visits/nope')).status).toBe(404);
  });

  it('lists: an enterprise’s, a grid’s month, the caller’s own; each to whom it is due', async () => {
    const list = async (who: string, q: string) => call(who, 'GET', `/api/visits${q}`);
    const ofEnterprise = await list('owner-13', `?enterpriseId=${ent('owner-13')}`);
    expect(ofEnterprise.body.items.map((v: Visit) => v.id)).toEqual([visit.id]);
    expect((await list('owner-01', `?enterpriseId=${ent('owner-13')}`)).status).toBe(403);
    expect((await list('officer-jxw', `?enterpriseId=${ent('owner-13')}`)).status).toBe(403);
    const grid = await list('area-east', '?gridId=g01&month=2026-11');
    expect(grid.status).toBe(200);
    const ids = grid.body.items.map((v: Visit) => v.id);
    expect(ids).toContain(visit.id);
    expect(grid.body.items.every((v: Visit) => v.gridId === 'g01' && v.date.startsWith('2026-11'))).toBe(true);
    expect((await list('grid-g01', '?gridId=g01')).body.items.map((v: Visit) => v.id)).toEqual(ids);
    expect((await list('grid-g02', '?gridId=g01')).status).toBe(403);
    expect((await list('area-west', '?gridId=g01')).status).toBe(403);
    expect((await list('grid-g01', '?gridId=g09')).status).toBe(404);
    expect(fields(await list('grid-g01', '?month=2026-11'))).toEqual(['month']);
    expect(fields(await list('grid-g01', `?gridId=g01&enterpriseId=${ent('owner-13')}`))).toEqual(['gridId']);
    expect(fields(await list('grid-g01', '?gridId=g01&month=2026-1'))).toEqual(['month']);
    const mine = await list('grid-g01', '?limit=100');
    expect(mine.body.items.every((v: Visit) => v.createdBy.userId === 'grid-g01')).toBe(true);
    expect(mine.body.items[0].id).toBe(visit.id);
  });
});

describe('a finding becomes a ticket', () => {
  let visit: Visit;
  beforeAll(async () => {
    visit = await logged('grid-g01', body('owner-19'));
  });

  it('six taps at once, by four people: one ticket (channel visit), every answer names it, the finding links it', async () => {
    const tappers = ['grid-g01', 'grid-g01', 'area-east', 'grid-chief', 'supervisor', 'grid-g01'];
    const answers = await Promise.all(tappers.map((who) => raise(who, visit.id, 1)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const ticket = answers[0]?.body.ticket as Ticket;
    expect(new Set(answers.map((a) => (a.body.ticket as Ticket).id))).toEqual(new Set([ticket.id]));
    expect(ticket).toMatchObject({ channel: 'visit', enterpriseId: ent('owner-19'), category: 'utilities', title: '新产线需用电增容 800 千伏安', status: 'published' });
    const items = await tenantItems(kit.env);
    expect(items.filter((i) => i.entity === 'TICKET' && i.enterpriseId === ent('owner-19'))).toHaveLength(1);
    const linked = (await call('grid-g01', 'GET', `/api/visits/${visit.id}`)).body.visit as Visit;
    expect(linked.findings.map((f) => f.ticket?.ticketId)).toEqual([undefined, ticket.id, undefined]);
    expect(linked.findings[1]?.ticket?.number).toBe(ticket.number);
    expect(linked.rev).toBe(2);
    // later: the same ticket, nothing written
    const again = await raise('grid-chief', visit.id, 1);
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(ticket.id);
    // the ticket is the enterprise's like any other: its owner sees it, the detail says where it came from
    expect((await kit.detail(ticket.id, 'owner-19')).ticket.description).toContain('实地走访发现');
    const stored = items.find((i) => i.pk === keys.visit(kit.tenantId, visit.id).pk);
    expect(stored?.gsi1pk).toBe(`T#${kit.tenantId}#ENT#${ent('owner-19')}#VISITS`);
  });

  it('refusals: a finding solved on the spot 409, no such finding 404, a bad position 400, the owner 403, an outsider 404', async () => {
    expect((await raise('grid-g01', visit.id, 2)).status).toBe(409);
    expect((await raise('grid-g01', visit.id, 3)).status).toBe(404);
    const bad = await raise('grid-g01', visit.id, 'one');
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['n']);
    expect((await raise('owner-19', visit.id, 0)).status).toBe(403);
    expect((await raise('grid-g02', visit.id, 0)).status).toBe(404);
    expect((await raise('leader-zhang', visit.id, 0)).status).toBe(403);
    const items = await tenantItems(kit.env);
    expect(items.filter((i) => i.entity === 'TICKET' && i.enterpriseId === ent('owner-19'))).toHaveLength(1);
  });
});

describe('the enterprise’s ledger', () => {
  const E = () => ent('owner-25');
  const ledger = async (who: string, q = '') => call(who, 'GET', `/api/enterprises/${E()}/ledger${q}`);
  let first: Visit;
  let raised: Ticket;
  let fromFinding: Ticket;
  let later: Visit;
  beforeAll(async () => {
    // three days back, then today: a ticket from the owner, the finding's ticket, a phone visit
    first = await logged('grid-g01', body('owner-25', { date: '2026-11-21' }));
    kit.advance(60_000);
    raised = await kit.raise('owner-25', { title: '出口退税进度查询' });
    kit.advance(60_000);
    fromFinding = (await raise('grid-g01', first.id, 0)).body.ticket as Ticket;
    kit.advance(60_000);
    later = await logged('grid-g01', body('owner-25', { kind: 'phone', findings: [] }));
  });

  it('every ticket and visit, newest first, with status; paged by a cursor to the same sequence', async () => {
    const all = await ledger('owner-25', '?limit=100');
    expect(all.status).toBe(200);
    const page = all.body as LedgerResponse;
    expect(page.enterprise).toMatchObject({ id: E(), gridId: 'g01' });
    expect(page.cursor).toBeUndefined();
    expect(page.items.map((e: LedgerEntry) => [e.kind, e.id])).toEqual([
      ['visit', later.id],
      ['ticket', fromFinding.id],
      ['ticket', raised.id],
      ['visit', first.id],
    ]);
    expect(page.items[1]).toMatchObject({ kind: 'ticket', channel: 'visit', status: 'published', number: fromFinding.number });
    expect(page.items[3]).toMatchObject({ kind: 'visit', date: '2026-11-21', visitKind: 'onSite', findings: 3, pendingFindings: 1, ticketIds: [fromFinding.id], visitors: [expect.any(String)] });
    const paged: LedgerEntry[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await ledger('grid-chief', `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      paged.push(...(res.body as LedgerResponse).items);
      cursor = (res.body as LedgerResponse).cursor;
      if (!cursor) break;
    }
    expect(paged).toEqual(page.items);
    // a resolution shows on the ticket's entry
    expect((await kit.post('officer-jxw', `/api/tickets/${raised.id}/claim`)).status).toBe(200);
    expect((await kit.post('officer-jxw', `/api/tickets/${raised.id}/resolve`, { kind: 'answered', summary: '已告知退税进度' })).status).toBe(200);
    const after = (await ledger('owner-25')).body as LedgerResponse;
    expect(after.items.find((e) => e.id === raised.id)).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String), handlingUnitName: '区经济和信息化委员会' });
  });

  it('its owner, those who serve it and the overseers read it; others 403; a foreign enterprise 404; a forged cursor 400', async () => {
    for (const who of ['owner-25', 'grid-g01', 'area-east', 'grid-chief', 'supervisor', 'leader-li', 'admin']) expect((await ledger(who)).status, who).toBe(200);
    for (const who of ['owner-01', 'grid-g02', 'area-west', 'officer-jxw', 'agent-1']) expect((await ledger(who)).status, who).toBe(403);
    expect((await call('supervisor', 'GET', '/api/enterprises/91110000600037341L/ledger')).status).toBe(404);
    const forged = await ledger('owner-25', `?cursor=${Buffer.from(JSON.stringify({ elsewhere: 'x' })).toString('base64url')}`);
    expect(forged.status).toBe(400);
    expect(fields(forged)).toEqual(['cursor']);
  });
});

describe('coverage (走访全覆盖)', () => {
  const MONTH = '2026-10';
  let fromFinding: Ticket;
  beforeAll(async () => {
    // the west area in October: g04 two of five visited (one of them twice), g05 all five, g06 none
    const october = (owner: string, date: string, findings: LogVisitInput['findings'] = []) => body(owner, { date, findings });
    const v = await logged('grid-g04', october('owner-04', '2026-10-09', [{ text: '物流成本上涨', category: 'market' }, { text: '招工难', category: 'talent', resolvedOnSite: true }]));
    await logged('area-west', october('owner-04', '2026-10-23'));
    const w = await logged('grid-g04', october('owner-10', '2026-10-15', [{ text: '订单下滑需要开拓市场', category: 'market' }]));
    for (const owner of ['owner-05', 'owner-11', 'owner-17', 'owner-23', 'owner-29']) await logged('grid-g05', october(owner, '2026-10-20'));
    // November does not count in October
    await logged('grid-g04', body('owner-16', { findings: [] }));
    // open problems: owner-04's own request, the finding of owner-10's visit that became a ticket, and one pending finding (owner-04's)
    await kit.raise('owner-04', { title: '园区道路破损' });
    fromFinding = (await raise('grid-g04', w.id, 0)).body.ticket as Ticket;
    expect(v.findings).toHaveLength(2);
  });

  const coverage = async (who: string, q = `?month=${MONTH}`) => call(who, 'GET', `/api/coverage${q}`);
  const row = (res: { body: CoverageResponse }, gridId: string): GridCoverage | undefined => res.body.grids.find((g) => g.gridId === gridId);

  it('per grid: enterprises, visited, share, visits, open problems', async () => {
    const res = await coverage('area-west');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: MONTH, truncated: false });
    expect(res.body.grids.map((g: GridCoverage) => g.gridId)).toEqual(['g04', 'g05', 'g06']);
    const figures = (g: GridCoverage | undefined) => g && [g.enterprises, g.visited, g.share, g.visits, g.openTickets, g.pendingFindings, g.openProblems];
    expect(figures(row(res, 'g04'))).toEqual([5, 2, 0.4, 3, 2, 1, 3]);
    expect(figures(row(res, 'g05'))).toEqual([5, 5, 1, 5, 0, 0, 0]);
    expect(figures(row(res, 'g06'))).toEqual([5, 0, 0, 0, 0, 0, 0]);
    expect(row(res, 'g04')?.unvisited.map((u) => u.enterpriseId)).toEqual([ent('owner-16'), ent('owner-22'), ent('owner-28')]);
    expect(res.body.total).toMatchObject({ grids: 3, enterprises: 15, visited: 7, share: 0.467, visits: 8 });
    // the finding's ticket resolved: one problem fewer
    expect((await kit.post('supervisor', `/api/tickets/${fromFinding.id}/assign`, { unitId: 'xcjd' })).status).toBe(200);
    expect((await kit.post('officer-xcjd', `/api/tickets/${fromFinding.id}/resolve`, { kind: 'resolved', summary: '已对接外贸平台' })).status).toBe(200);
    expect(figures(row(await coverage('grid-g04'), 'g04'))).toEqual([5, 2, 0.4, 3, 1, 1, 2]);
  });

  it('each sees their own: the grid officer one grid, the chief and the overseers every grid, an area filter; others 403', async () => {
    const grids = async (who: string, q?: string) => ((await coverage(who, q)).body as CoverageResponse).grids.map((g) => g.gridId);
    expect(await grids('grid-g04')).toEqual(['g04']);
    expect(await grids('area-east')).toEqual(['g01', 'g02', 'g03']);
    expect(await grids('grid-chief')).toEqual(['g01', 'g02', 'g03', 'g04', 'g05', 'g06']);
    expect(await grids('leader-zhang', `?month=${MONTH}&areaId=west`)).toEqual(['g04', 'g05', 'g06']);
    expect(await grids('area-west', `?month=${MONTH}&areaId=east`)).toEqual([]);
    for (const who of ['officer-jxw', 'owner-04', 'agent-1']) expect((await coverage(who)).status, who).toBe(403);
    expect((await coverage('supervisor', '?areaId=north')).status).toBe(404);
    expect(fields(await coverage('supervisor', '?month=2026-13'))).toEqual(['month']);
    // this month by default
    expect((await coverage('grid-g04', '')).body.month).toBe('2026-11');
  });
});
