import { describe, expect, it } from 'vitest';
import type { DemoMarker } from '../../functions/src/local/demo-assessment.js';
import { GRID_DILIGENCE, seedDemoVisits } from '../../functions/src/local/visit-seed.js';
import { visitCoverage } from '../../functions/src/services/coverage.js';
import { intake } from '../../functions/src/services/tickets.js';
import { demoPorts } from '../support/memory/index.js';

/**
 * The demo district's visits: two months before the anchor, the requests grid
 * officers raised linked to the visits they came from, coverage that differs
 * by grid, and a second load (or one whose marker was lost) adding nothing.
 */
const ANCHOR = '2026-11-30T02:00:00.000Z';

describe('the demo visits', () => {
  it('loads two months of visits, links the grid officers’ requests, spreads coverage by grid; once', async () => {
    const { ports, data, as } = await demoPorts({ now: ANCHOR });
    const ent = (owner: string) => data.users.find((u) => u.id === owner)?.enterpriseId ?? '';
    // requests raised before the anchor: two by grid officers on visits, one on the hotline, one by a grid officer before the window
    const raiseAt = async (at: string, userId: string, owner: string, title: string, channel: 'visit' | 'hotline') => {
      ports.clock.set(at);
      return (await intake(ports, await as(userId), { title, description: `${title}，请协调。`, category: 'talent', priority: 'normal', channel, enterpriseId: ent(owner) }, `seed-${title}`)).ticket;
    };
    const inNovember = await raiseAt('2026-11-10T03:00:00.000Z', 'grid-g03', 'owner-03', '普工招聘困难', 'visit');
    const inOctober = await raiseAt('2026-10-20T06:00:00.000Z', 'grid-g04', 'owner-04', '订单下滑需对接市场', 'visit');
    await raiseAt('2026-10-21T06:00:00.000Z', 'supervisor', 'owner-05', '热线反映停电', 'hotline');
    const before = await raiseAt('2026-09-01T06:00:00.000Z', 'grid-g01', 'owner-01', '窗口外的走访', 'visit');
    ports.clock.set(ANCHOR);

    let loaded = false;
    const marker: DemoMarker = { present: async () => loaded, set: async () => void (loaded = true) };
    const first = await seedDemoVisits(ports, marker, data, ANCHOR);
    expect(first.state).toBe('seeded');
    const visits = ports.table.dump().filter((i) => i.entity === 'VISIT');
    expect(visits.length).toBe(first.visits);
    expect(visits.every((v) => String(v.date) >= '2026-10-01' && String(v.createdAt) < ANCHOR)).toBe(true);

    // each visit request came from a visit of its grid officer that day, its finding linking it
    const linked = (ticketId: string) => visits.filter((v) => (v.findings as Array<{ ticket?: { ticketId: string } }>).some((f) => f.ticket?.ticketId === ticketId));
    for (const t of [inNovember, inOctober]) {
      const from = linked(t.id);
      expect(from, t.title).toHaveLength(1);
      expect(from[0]).toMatchObject({ enterpriseId: t.enterpriseId, createdBy: { userId: t.createdBy.userId }, findings: [{ text: t.title }] });
      expect(String(from[0]?.createdAt) < t.createdAt).toBe(true);
    }
    expect(visits.filter((v) => (v.findings as Array<{ ticket?: unknown }>).some((f) => f.ticket))).toHaveLength(2);
    expect(linked(before.id)).toEqual([]);

    // October's coverage follows each grid's diligence: some grids whole, some behind
    const october = await visitCoverage(ports, await as('supervisor'), { month: '2026-10' });
    const share = Object.fromEntries(october.grids.map((g) => [g.gridId, g.share]));
    expect(share).toEqual(Object.fromEntries(Object.entries(GRID_DILIGENCE).map(([g, d]) => [g, d])));
    expect(october.total.pendingFindings).toBeGreaterThan(0);
    const november = await visitCoverage(ports, await as('supervisor'), { month: '2026-11' });
    expect(november.total.visits).toBeGreaterThan(10);

    // a second load adds nothing; nor does one whose marker was lost (every write finds its item)
    const items = JSON.stringify(ports.table.dump());
    expect((await seedDemoVisits(ports, marker, data, ANCHOR)).state).toBe('present');
    loaded = false;
    expect((await seedDemoVisits(ports, marker, data, ANCHOR)).state).toBe('seeded');
    expect(JSON.stringify(ports.table.dump())).toBe(items);
  });
});
