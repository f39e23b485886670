import {
  coverageGrids,
  coverageOf,
  findingTicketBody,
  LogVisitBody,
  mayLogVisit,
  mayRaiseFromFinding,
  mayReadLedger,
  mayReadVisit,
  mergeLedgerPages,
  newVisit,
  ValidationError,
  visitDuties,
  visitInstant,
  type Area,
  type Enterprise,
  type Grid,
  type LedgerEntry,
  type LedgerPositions,
  type Principal,
  type Visit,
} from '@whistle/shared';
import { describe, expect, it } from 'vitest';

/** The visits' rules, pure: who logs and reads, a visit as logged, coverage, the ledger's merge. */
const contact = (name: string, userId?: string) => ({ name, phone: '13800000000', ...(userId ? { userId } : {}) });
const grid = (id: string, areaId: string, officer: string, chief = 'chief', areaLead?: string): Grid => ({
  id,
  tenantId: 't',
  areaId,
  name: `${id}网格`,
  townUnitId: 'town',
  officer: contact(`${officer}名`, officer),
  chief: contact('总负责人', chief),
  areaLead: contact('片长', areaLead),
});
const areas: Area[] = [
  { id: 'east', tenantId: 't', name: '东片', lead: contact('东片长', 'lead-east') },
  { id: 'west', tenantId: 't', name: '西片', lead: contact('西片长') },
];
const grids = [grid('g1', 'east', 'go1'), grid('g2', 'east', 'go2'), grid('g3', 'west', 'go3', 'chief', 'lead-west')];
const ent = (id: string, gridId: string, commissionerUserIds?: string[]): Enterprise => ({
  id,
  tenantId: 't',
  name: `企业${id}`,
  industry: 'food',
  tier: 'growth',
  gridId,
  key: false,
  ownerUserIds: [`owner-${id}`],
  ...(commissionerUserIds ? { commissionerUserIds } : {}),
});
const who = (userId: string, ...roles: Principal['roles']): Principal => ({ userId, tenantId: 't', name: userId, roles: roles.length ? roles : ['officer'] });
const placeOf = (e: Enterprise) => {
  const g = grids.find((x) => x.id === e.gridId);
  return { enterprise: e, grid: g, area: areas.find((a) => a.id === g?.areaId) };
};

describe('who logs, reads and raises', () => {
  const e1 = ent('E1', 'g1', ['commissioner']);
  const e3 = ent('E3', 'g3');
  it('the grid officer, commissioners, grid chief, area lead (the area’s or the grid’s) and the supervisor log; nobody else', () => {
    expect(mayLogVisit(who('go1'), placeOf(e1))).toBe(true);
    expect(mayLogVisit(who('commissioner'), placeOf(e1))).toBe(true);
    expect(mayLogVisit(who('chief'), placeOf(e1))).toBe(true);
    expect(mayLogVisit(who('lead-east'), placeOf(e1))).toBe(true);
    expect(mayLogVisit(who('lead-west'), placeOf(e3))).toBe(true);
    expect(mayLogVisit(who('supervisor', 'supervisor'), placeOf(e1))).toBe(true);
    for (const p of [who('go2'), who('lead-west'), who('leader', 'leader'), who('admin', 'admin'), { ...who('owner-E1', 'owner'), enterpriseId: 'E1' }]) {
      expect(mayLogVisit(p, placeOf(e1)), p.userId).toBe(false);
    }
  });

  it('the ledger: those who log, the enterprise’s owner, leaders and admins; not another enterprise’s owner', () => {
    expect(mayReadLedger({ ...who('owner-E1', 'owner'), enterpriseId: 'E1' }, placeOf(e1))).toBe(true);
    expect(mayReadLedger({ ...who('owner-E3', 'owner'), enterpriseId: 'E3' }, placeOf(e1))).toBe(false);
    expect(mayReadLedger(who('leader', 'leader'), placeOf(e1))).toBe(true);
    expect(mayReadLedger(who('admin', 'admin'), placeOf(e1))).toBe(true);
    expect(mayReadLedger(who('go2'), placeOf(e1))).toBe(false);
    // a companion on the visit reads that visit, not the ledger
    const visit = { createdBy: { userId: 'go1', name: 'a' }, visitors: [{ userId: 'go1', name: 'a' }, { userId: 'go2', name: 'b' }] };
    expect(mayReadVisit(who('go2'), visit, placeOf(e1))).toBe(true);
    expect(mayReadVisit(who('go3'), visit, placeOf(e1))).toBe(false);
  });

  it('raising from a finding needs a role that raises on an enterprise’s behalf', () => {
    expect(mayRaiseFromFinding(who('go1'), placeOf(e1))).toBe(true);
    expect(mayRaiseFromFinding(who('commissioner', 'leader'), placeOf(e1))).toBe(false);
  });

  it('coverage: own grids, the area’s grids, every grid for the overseers, none for others; the duties say as much', () => {
    const ids = (p: Principal) => coverageGrids(p, grids, areas).map((g) => g.id);
    expect(ids(who('go2'))).toEqual(['g2']);
    expect(ids(who('chief'))).toEqual(['g1', 'g2', 'g3']);
    expect(ids(who('lead-east'))).toEqual(['g1', 'g2']);
    expect(ids(who('lead-west'))).toEqual(['g3']);
    expect(ids(who('leader', 'leader'))).toEqual(['g1', 'g2', 'g3']);
    expect(ids(who('someone'))).toEqual([]);
    expect(visitDuties(who('lead-west'), grids, areas, [e1])).toEqual({ officerOf: [], chiefOf: [], leadOf: ['west'], ledGridIds: ['g3'], commissioned: 0 });
    expect(visitDuties(who('commissioner'), grids, areas, [e1, ent('E2', 'g2', ['commissioner'])])).toEqual({ officerOf: [], chiefOf: [], leadOf: [], ledGridIds: [], commissioned: 2 });
    expect(visitDuties(who('go1'), grids, areas, [e1]).officerOf).toEqual(['g1']);
  });
});

const body = (over: Partial<LogVisitBody> = {}): LogVisitBody =>
  LogVisitBody.parse({
    enterpriseId: '91500108MA60000006',
    date: '2026-11-20',
    kind: 'onSite',
    situation: { production: 'reduced', orders: 'falling', staffing: 'short' },
    findings: [{ text: '熟练焊工缺口约二十人', category: 'talent' }],
    ...over,
  });

describe('a visit as logged', () => {
  const base = { id: 'v1', tenantId: 't', enterprise: { id: 'E1', name: '企业E1', gridId: 'g1' }, grid: { id: 'g1', areaId: 'east' }, by: { userId: 'go1', name: '王' } };
  it('on a day no later than today (Shanghai), no more than a year back; the logger first among the visitors', () => {
    const v = newVisit({ ...base, body: body(), others: [{ userId: 'x', name: '李' }, { userId: 'go1', name: '王' }], at: '2026-11-24T02:00:00.000Z' });
    expect(v.visitors.map((x) => x.userId)).toEqual(['go1', 'x']);
    expect(v).toMatchObject({ gridId: 'g1', areaId: 'east', rev: 1, findings: [{ text: '熟练焊工缺口约二十人', category: 'talent' }] });
    // 23:30 UTC on the 23rd is the 24th in Shanghai: the 24th is today, the 25th tomorrow
    expect(newVisit({ ...base, body: body({ date: '2026-11-24' }), others: [], at: '2026-11-23T23:30:00.000Z' }).date).toBe('2026-11-24');
    const refused = (date: string) => {
      try {
        newVisit({ ...base, body: body({ date }), others: [], at: '2026-11-23T23:30:00.000Z' });
      } catch (e) {
        return e instanceof ValidationError ? (e.details as Array<{ field: string; message: string }>) : e;
      }
      return undefined;
    };
    expect(refused('2026-11-25')).toEqual([{ field: 'date', message: '走访日期不能晚于今天（2026-11-24）' }]);
    expect(refused('2025-11-01')).toEqual([{ field: 'date', message: '走访日期不能早于一年前' }]);
  });

  it('the body names each field it refuses, in Chinese', () => {
    const fields = (raw: unknown) => {
      const out = LogVisitBody.safeParse(raw);
      return out.success ? [] : out.error.issues.map((i) => i.path.join('.'));
    };
    const good = { enterpriseId: '91500108MA60000006', date: '2026-11-20', kind: 'onSite', situation: { production: 'normal', orders: 'steady', staffing: 'sufficient' } };
    expect(fields(good)).toEqual([]);
    expect(fields({ ...good, date: '2026-02-30' })).toEqual(['date']);
    expect(fields({ ...good, kind: 'email' })).toEqual(['kind']);
    expect(fields({ ...good, situation: { production: 'normal', orders: 'up', staffing: 'sufficient' } })).toEqual(['situation.orders']);
    expect(fields({ ...good, findings: [{ text: ' ', category: 'talent' }] })).toEqual(['findings.0.text']);
    expect(fields({ ...good, visitorIds: ['a', 'b', 'c', 'd', 'e', 'f'] })).toEqual(['visitorIds']);
  });

  it('a finding becomes a request on the enterprise’s behalf through the channel visit, its title at most 60 characters', () => {
    const v: Visit = newVisit({ ...base, body: body({ findings: [{ text: '长'.repeat(80), category: 'market' }] }), others: [], at: '2026-11-24T02:00:00.000Z' });
    const b = findingTicketBody(v, 0);
    expect(b).toMatchObject({ category: 'market', channel: 'visit', enterpriseId: 'E1', priority: 'normal' });
    expect(b.title).toHaveLength(60);
    expect(b.description).toContain('2026-11-20 实地走访发现');
    expect(b.description).toContain('减产，订单下滑，用工短缺');
  });

  it('stands in time at its logging when logged that day, else at noon of its day (Shanghai)', () => {
    expect(visitInstant({ date: '2026-11-24', createdAt: '2026-11-24T03:00:00.000Z' })).toBe('2026-11-24T03:00:00.000Z');
    expect(visitInstant({ date: '2026-11-20', createdAt: '2026-11-24T03:00:00.000Z' })).toBe('2026-11-20T04:00:00.000Z');
  });
});

describe('coverage of a month', () => {
  it('counts per grid the enterprises visited that month, their open tickets and the pending findings', () => {
    const enterprises = [ent('A', 'g1'), ent('B', 'g1'), ent('C', 'g1'), ent('D', 'g2')];
    const finding = (extra: object = {}) => ({ text: 'x', category: 'talent' as const, ...extra });
    const visits = [
      { enterpriseId: 'A', gridId: 'g1', date: '2026-11-03', findings: [finding(), finding({ resolvedOnSite: true })] },
      { enterpriseId: 'A', gridId: 'g1', date: '2026-11-20', findings: [finding({ ticket: { ticketId: 't1', number: '2026-000001', at: '2026-11-20T02:00:00.000Z', by: { userId: 'go1', name: 'x' } } })] },
      { enterpriseId: 'B', gridId: 'g1', date: '2026-10-31', findings: [finding()] },
      { enterpriseId: 'D', gridId: 'g2', date: '2026-11-01', findings: [] },
    ];
    const openTickets = [
      { enterpriseId: 'A', gridId: 'g1' },
      { enterpriseId: 'C', gridId: 'g1' },
      // C moved from g2 to g1: it counts where it is now
      { enterpriseId: 'C', gridId: 'g2' },
    ];
    const { grids: rows, total } = coverageOf({ month: '2026-11', grids: grids.slice(0, 2), areas, enterprises, visits, openTickets });
    expect(rows.map((g) => [g.gridId, g.areaName, g.enterprises, g.visited, g.share, g.visits, g.openTickets, g.pendingFindings, g.openProblems])).toEqual([
      ['g1', '东片', 3, 1, 0.333, 2, 3, 1, 4],
      ['g2', '东片', 1, 1, 1, 1, 0, 0, 0],
    ]);
    expect(rows[0]?.unvisited.map((u) => u.enterpriseId)).toEqual(['B', 'C']);
    expect(total).toEqual({ grids: 2, enterprises: 4, visited: 2, share: 0.5, visits: 3, openTickets: 3, pendingFindings: 1, openProblems: 4 });
  });
});

describe('the ledger’s merge of its sources', () => {
  const at = (i: number) => new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString();
  const tickets = [0, 3, 4, 9, 12].map((i): LedgerEntry => ({ kind: 'ticket', id: `t${i}`, at: at(i), number: `2026-00000${i}`, title: 'x', category: 'talent', channel: 'visit', priority: 'normal', status: 'claimed' }));
  const visits = [1, 2, 3, 7].map((i): LedgerEntry => ({ kind: 'visit', id: `v${i}`, at: at(i), date: '2026-11-01', visitKind: 'onSite', visitors: [], situation: { production: 'normal', orders: 'steady', staffing: 'sufficient' }, findings: 0, pendingFindings: 0, ticketIds: [] }));
  /** a source as a store reads it: entries older than the position, newest first */
  const read = (all: LedgerEntry[], before: string | null | undefined, limit: number) =>
    [...all].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1)).filter((e) => before === undefined || before === null || `${e.at}#${e.id}` < before).slice(0, limit);

  it('pages through every entry of every source once, newest first, whatever the page size', () => {
    const everything = [...tickets, ...visits].map((e) => e.id);
    for (const limit of [1, 2, 3, 5, 20]) {
      let from: LedgerPositions = {};
      const seen: LedgerEntry[] = [];
      for (let guard = 0; guard < 20; guard++) {
        const pages = Object.fromEntries(
          Object.entries({ tickets, visits })
            .filter(([name]) => from[name] !== null)
            .map(([name, all]) => [name, read(all, from[name], limit)]),
        );
        const { items, next } = mergeLedgerPages(pages, from, limit);
        expect(items.length).toBeLessThanOrEqual(limit);
        seen.push(...items);
        if (!next) break;
        from = next;
      }
      expect(seen.map((e) => e.id).sort(), `limit ${limit}`).toEqual([...everything].sort());
      const order = seen.map((e) => `${e.at}#${e.id}`);
      expect(order, `limit ${limit}`).toEqual([...order].sort().reverse());
    }
  });
});
