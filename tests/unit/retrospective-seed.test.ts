import { describe, expect, it } from 'vitest';
import type { DemoMarker } from '../../functions/src/local/demo-assessment.js';
import { seedDemoRetrospective } from '../../functions/src/local/retrospective-seed.js';
import { claim, intake, issueCommand } from '../../functions/src/services/tickets.js';
import { demoPorts } from '../support/memory/index.js';

/** The demo retrospective: opened once on a resolved request before the anchor; a second load (or a lost marker) adds nothing. */
const ANCHOR = '2026-11-30T02:00:00.000Z';

describe('the demo retrospective', () => {
  it('opens one retrospective on a resolved request, with its tasks; once', async () => {
    const { ports, data, as } = await demoPorts({ now: '2026-11-10T02:00:00.000Z' });
    const enterpriseId = data.users.find((u) => u.id === 'owner-01')?.enterpriseId ?? '';
    const { ticket } = await intake(ports, await as('owner-01'), { title: '用地手续', description: '用地手续办理缓慢，请协调。', category: 'land', priority: 'normal', enterpriseId }, 'seed-retro');
    ports.clock.set('2026-11-10T02:30:00.000Z');
    await claim(ports, await as('officer-ghzy'), ticket.id);
    ports.clock.set('2026-11-10T05:00:00.000Z');
    await issueCommand(ports, await as('officer-ghzy'), ticket.id, { type: 'resolve', id: ticket.id, kind: 'resolved', summary: '已办结' } as never);
    ports.clock.set(ANCHOR);

    let loaded = false;
    const marker: DemoMarker = { present: async () => loaded, set: async () => void (loaded = true) };
    expect(await seedDemoRetrospective(ports, marker, data.tenant.id, ANCHOR)).toBe('seeded');
    const [retro, ...more] = await ports.retrospectives.ofSubject(data.tenant.id, ticket.id);
    expect(more).toEqual([]);
    expect(retro).toMatchObject({ subject: { kind: 'ticket', ticketId: ticket.id }, status: 'issued' });
    expect(retro?.units.map((u) => u.unitId)).toEqual(['ghzy', 'fgw']);
    expect(retro?.findings.map((f) => f.tag)).toEqual(['style', 'blockage', 'loophole']);
    expect(retro?.plan.items.map((i) => [i.ownerUnitId, i.dueDate])).toEqual([
      ['ghzy', '2026-12-07'],
      ['fgw', '2026-12-14'],
    ]);

    expect(await seedDemoRetrospective(ports, marker, data.tenant.id, ANCHOR)).toBe('present');
    loaded = false; // a lost marker: the same retrospective, not a second one
    ports.clock.set('2026-12-01T02:00:00.000Z');
    expect(await seedDemoRetrospective(ports, marker, data.tenant.id, ANCHOR)).toBe('seeded');
    expect(await ports.retrospectives.ofSubject(data.tenant.id, ticket.id)).toEqual([retro]);
  });
});
