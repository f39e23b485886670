import { matchPolicy, policyState, policyToday, type Enterprise } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { DEMO_POLICIES, seedDemoPolicies, type DemoPolicyMarker } from '../../functions/src/local/policy-seed.js';
import { demoPorts } from '../support/memory/index.js';

/** The demo district's policy supermarket (functions/src/local/policy-seed.ts): loads whole, and a second load adds nothing. */
const memoryMarker = (): DemoPolicyMarker & { value: boolean } => {
  const m = {
    value: false,
    present: async () => m.value,
    set: async () => {
      m.value = true;
    },
  };
  return m;
};

describe('the demo policies', () => {
  it('load about forty policies of every kind, pushed to the owners, with consultations and answered marks; a second load adds nothing', async () => {
    const { ports, data } = await demoPorts({ now: '2026-11-30T02:00:00.000Z' });
    const now = ports.clock.now();
    const marker = memoryMarker();
    expect(await seedDemoPolicies(ports, marker, data, now)).toBe('seeded');

    const policies = await ports.policies.list(data.tenant.id);
    expect(policies).toHaveLength(DEMO_POLICIES.length);
    expect(policies.length).toBeGreaterThanOrEqual(38);
    const today = policyToday(now);
    const states = policies.map((p) => policyState(p, today));
    expect(states.filter((s) => s === 'expired')).toHaveLength(2);
    expect(policies.filter((p) => p.status === 'draft')).toHaveLength(2);
    expect(policies.filter((p) => p.status === 'retired')).toHaveLength(1);
    const live = policies.filter((p) => policyState(p, today) === 'live');
    expect(live.filter((p) => p.validTo !== undefined && p.validTo <= new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10)).length).toBeGreaterThanOrEqual(3);
    expect(new Set(policies.map((p) => p.level)).size).toBe(4);
    expect(new Set(policies.map((p) => p.category)).size).toBeGreaterThanOrEqual(7);
    // every contact is one of the unit's people
    for (const p of policies) expect(data.users.find((u) => u.id === p.contact.userId)?.unitId, p.title).toBe(p.unitId);

    // the profiles make some policies 专属 to some enterprises and not others; every owner was told of what they match
    const enterprises = await ports.refs.list('ENT', data.tenant.id);
    expect(enterprises.every((e) => e.tags !== undefined && e.revenueBand !== undefined)).toBe(true);
    const subject = (e: Enterprise) => ({ enterprise: e, townUnitId: data.grids.find((g) => g.id === e.gridId)?.townUnitId });
    for (const e of enterprises) {
      const pushed = new Set((await ports.policies.pushedTo(data.tenant.id, e.id)).map((x) => x.policyId));
      const matching = live.filter((p) => matchPolicy(p, subject(e), today));
      expect(matching.length, e.name).toBeGreaterThan(0);
      for (const p of matching) expect(pushed.has(p.id), `${e.name}: ${p.title}`).toBe(true);
      const owner = e.ownerUserIds[0] ?? '';
      expect((await ports.inbox.list(data.tenant.id, owner, 200)).filter((i) => i.kind === 'policyPushed').length).toBe(pushed.size);
    }
    const kinds = new Set(enterprises.flatMap((e) => live.flatMap((p) => matchPolicy(p, subject(e), today)?.kind ?? [])));
    expect(kinds).toEqual(new Set(['universal', 'matched']));

    // two consultations, born handled by the policies' units, one answered by its contact
    const consultations = (await ports.tickets.byTenant(data.tenant.id)).items.filter((t) => t.policy);
    expect(consultations).toHaveLength(2);
    for (const t of consultations) expect(t.handlingUnitId).toBe(t.policy?.unitId);
    expect(consultations.some((t) => t.clocks.find((c) => c.kind === 'contact')?.metAt)).toBe(true);
    const answered = await ports.policies.answeredIn(data.tenant.id, '2026-11');
    expect([...answered.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    // again: the marker says so; and even without it (a load cut short before its marker), nothing is added or changed
    const before = JSON.stringify(ports.table.dump());
    expect(await seedDemoPolicies(ports, marker, data, now)).toBe('present');
    expect(await seedDemoPolicies(ports, memoryMarker(), data, now)).toBe('seeded');
    expect(JSON.stringify(ports.table.dump())).toBe(before);
  });
});
