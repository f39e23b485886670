import {
  DEFAULT_SCHEME,
  districtFigures,
  ForbiddenError,
  mayCreateTenants,
  mayReadProvince,
  newTenant,
  provinceOverview,
  type ValidationError,
  zeroCounters,
  type Counters,
  type CreateTenantBody,
  type DistrictFigures,
  type Principal,
} from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { project } from '../../../functions/src/services/assessment.js';
import { overview, READS_PER_DISTRICT } from '../../../functions/src/services/province.js';
import { createTenant } from '../../../functions/src/services/tenancy.js';
import { intake, runCommand } from '../../../functions/src/services/tickets.js';
import type { Ports } from '../../../functions/src/ports.js';
import { demoPorts } from '../../support/memory/index.js';
import { failure } from '../services/kit.js';

const who = (roles: Principal['roles']): Principal => ({ userId: 'u', tenantId: 't', name: '某人', roles });
const body = (over: Partial<CreateTenantBody> = {}): CreateTenantBody => ({ id: 'fengjie', name: '奉节县', kind: 'district', provinceId: 'cq', admin: { name: '王芳', phone: '13800000000' }, ...over });

describe('tenancy rules', () => {
  it('lets only an operator of the platform tenant create tenants', () => {
    expect(() => mayCreateTenants(who(['operator']), { kind: 'platform' })).not.toThrow();
    // an operator role in a district, or a district admin, counts for nothing
    expect(() => mayCreateTenants(who(['operator']), {})).toThrow(ForbiddenError);
    expect(() => mayCreateTenants(who(['admin']), { kind: 'platform' })).toThrow(ForbiddenError);
    expect(() => mayReadProvince(who(['province']), { kind: 'province' })).not.toThrow();
    expect(() => mayReadProvince(who(['province']), { kind: 'district' })).toThrow(ForbiddenError);
    expect(() => mayReadProvince(who(['supervisor']), { kind: 'province' })).toThrow(ForbiddenError);
  });

  it('wants a district under a province tenant, and a province under none, naming the field', () => {
    expect(newTenant(body(), { kind: 'province' })).toMatchObject({ id: 'fengjie', kind: 'district', provinceId: 'cq', timeZone: 'Asia/Shanghai' });
    const field = (f: () => unknown) => ((failure(async () => f()) as unknown) as Promise<ValidationError>).then((e) => e.details.map((d) => d.field));
    return Promise.all([
      expect(field(() => newTenant(body({ provinceId: undefined }), undefined))).resolves.toEqual(['provinceId']),
      expect(field(() => newTenant(body(), { kind: 'district' }))).resolves.toEqual(['provinceId']),
      expect(field(() => newTenant(body({ kind: 'province' }), undefined))).resolves.toEqual(['provinceId']),
      expect(field(() => newTenant(body({ calendar: { year: 2027, holidays: ['2027-02-31'], workdays: [] } }), { kind: 'province' }))).resolves.toEqual([
        'calendar.holidays.0',
      ]),
    ]);
  });
});

const counters = (c: Partial<Counters>): Counters => ({ ...zeroCounters(), ...c });
const units = [
  { id: 'a', name: '甲局', track: 'department' as const },
  { id: 'b', name: '乙局', track: 'department' as const },
  { id: 'z', name: '丙镇', track: 'township' as const },
];

describe('the province figures', () => {
  it("sums a district's units, rates in percent, and takes its index as the mean of its ranked units", () => {
    const f = districtFigures({
      tenantId: 'd1',
      name: '甲县',
      units,
      counters: new Map([
        ['a', counters({ handled: 4, claimed: 4, claimOnTime: 3, claimMinutes: 4 * 90, resolved: 2, resolvedOnTime: 1, rated: 2, satisfied: 2, reminders: 1 })],
        ['b', counters({ handled: 1, claimed: 1, claimOnTime: 1, claimMinutes: 30 })],
        // a unit no longer in the directory stays out, as in the district's ranking
        ['gone', counters({ handled: 100 })],
      ]),
      manual: new Map(),
      scheme: DEFAULT_SCHEME,
    });
    expect(f).toMatchObject({ raised: 5, claimed: 5, claimInTimeRate: 80, resolved: 2, onTimeRate: 50, satisfactionRate: 100, open: 3, overdue: 2, rankedUnits: 2, units: 3, avgClaimHours: 1.3 });
    expect(f.notices).toEqual({ reminders: 1, urges: 0, warnings: 0 });
    // 丙镇 measured nothing: unranked, out of the mean
    expect(f.index).not.toBeNull();
    const none = districtFigures({ tenantId: 'd2', name: '乙县', units, counters: new Map(), manual: new Map(), scheme: DEFAULT_SCHEME });
    expect(none).toMatchObject({ raised: 0, claimInTimeRate: null, index: null, rankedUnits: 0, avgClaimHours: null });
    // notices alone (late work on older requests), nothing raised, claimed or resolved: no index, not ranked first
    const idle = districtFigures({ tenantId: 'd3', name: '丁县', units, counters: new Map([['a', counters({ urges: 2 })]]), manual: new Map(), scheme: DEFAULT_SCHEME });
    expect(idle).toMatchObject({ raised: 0, notices: { reminders: 0, urges: 2, warnings: 0 }, index: null });
  });

  it('sorts by index with ties sharing a rank, unranked last, and names the slowest to claim', () => {
    const d = (tenantId: string, index: number | null, avgClaimHours: number | null) => ({ tenantId, name: tenantId, index, avgClaimHours }) as DistrictFigures;
    const out = provinceOverview([d('c', 70, 1), d('a', 90, 3), d('x', null, null), d('b', 90, 0.5), d('e', 60, 5)]);
    expect(out.districts.map((x) => [x.tenantId, x.rank])).toEqual([['a', 1], ['b', 1], ['c', 3], ['e', 4], ['x', null]]);
    expect(out.slowest.map((x) => x.tenantId)).toEqual(['e', 'a', 'c', 'b']);
  });
});

describe('the province view on memory ports', () => {
  it("reads each district's aggregates, a bounded number of reads per district, whatever its tickets", async () => {
    const { ports, data, as } = await demoPorts();
    const district = data.tenant;
    const platform = { userId: 'op', name: '运营', tenantId: 'platform' };
    await ports.refs.put('TENANT', { id: 'cq', name: '示范省', kind: 'province', timeZone: 'Asia/Shanghai', officeHours: district.officeHours });
    await ports.refs.put('USER', { id: 'reader', tenantId: 'cq', name: '省级', roles: ['province'] });
    await ports.refs.put('TENANT', { ...district, kind: 'district', provinceId: 'cq' });
    await ports.tenants.register({ ...district, kind: 'district', provinceId: 'cq' });
    await createTenant(ports, platform, body(), 'key-00000001');

    // two requests in the demo district, one claimed
    const owner = await as('owner-01');
    const t1 = (await intake(ports, owner, { title: '用电增容', description: '需要增容', category: 'utilities', priority: 'normal' }, 'k-00000001')).ticket;
    await intake(ports, owner, { title: '融资对接', description: '贷款贴息', category: 'finance', priority: 'normal' }, 'k-00000002');
    ports.clock.advance(10 * 60_000);
    await runCommand(ports, await as('officer-jxw'), t1.id, { type: 'claim' });
    for (const x of (await ports.tickets.byTenant(district.id)).items) await project(ports, district.id, x.id);

    const reader = { userId: 'reader', tenantId: 'cq', name: '省级', roles: ['province' as const] };
    // every call the view makes, by port and the tenant it names
    const calls: string[] = [];
    const counted = <K extends 'refs' | 'assessment' | 'tenants' | 'tickets' | 'notices'>(name: K): Ports[K] =>
      new Proxy(ports[name], {
        get: (target, prop, receiver) => {
          const v: unknown = Reflect.get(target, prop, receiver);
          return typeof v === 'function' ? (...args: unknown[]) => (calls.push(`${name}.${String(prop)}(${args.map(String).join('|')})`), (v as (...a: unknown[]) => unknown).apply(target, args)) : v;
        },
      });
    const watched: Ports = { ...ports, refs: counted('refs'), assessment: counted('assessment'), tenants: counted('tenants'), tickets: counted('tickets'), notices: counted('notices') };
    const view = await overview(watched, reader, '2026-Q4');
    expect(view.districts.map((d) => d.tenantId).sort()).toEqual(['fengjie', district.id].sort());
    // both raised count, the one nobody claimed yet too
    expect(view.districts[0]).toMatchObject({ tenantId: district.id, raised: 2, claimed: 1, claimInTimeRate: 100, open: 2, rank: 1 });
    expect(view.districts[1]).toMatchObject({ tenantId: 'fengjie', raised: 0, index: null });
    expect(view.readsPerDistrict).toBe(READS_PER_DISTRICT);
    // per district: its units, its period partition, its scheme versions; never a ticket or a notice
    for (const id of [district.id, 'fengjie']) expect(calls.filter((c) => c.includes(`(${id}|`) || c.includes(`|${id})`) || c.includes(`(${id})`))).toHaveLength(READS_PER_DISTRICT);
    expect(calls.filter((c) => c.startsWith('tickets.') || c.startsWith('notices.'))).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('用电增容');
  });
});
