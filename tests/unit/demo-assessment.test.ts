import { describe, expect, it } from 'vitest';
import { loadDemoAssessment, type DemoMarker } from '../../functions/src/local/demo-assessment.js';
import { loadDemoHistory } from '../../functions/src/local/demo-history.js';
import { assessment, recompute } from '../../functions/src/services/assessment.js';
import { principalOf } from '../../functions/src/services/principal.js';
import { demoPorts } from '../support/memory/index.js';
import { MemoryHistoryMarker } from '../support/memory/history-marker.js';

/** Monday 30 November 2026, 10:00 in Shanghai */
const ANCHOR = '2026-11-30T02:00:00.000Z';

/** The demo district with its history lived up to `now`, and a marker of the assessment's loading. */
async function demoWithHistory(now: string) {
  const { ports, data } = await demoPorts({ now });
  await loadDemoHistory(
    { tickets: ports.tickets, notices: ports.notices, outbox: ports.outbox, settings: ports.settings, refs: ports.refs, historyMarker: new MemoryHistoryMarker(ports.table) },
    data,
    now,
  );
  let loaded = false;
  const marker: DemoMarker = { present: async () => loaded, set: async () => void (loaded = true) };
  return { ports, data, marker };
}

describe('the demo district’s assessment', () => {
  it('is full the first time: both tracks ranked with a spread, red and black lists, entered scores, disputes of every status; loaded once', async () => {
    const { ports, data, marker } = await demoWithHistory(ANCHOR);
    expect(await loadDemoAssessment(ports, marker, data.tenant.id, ANCHOR)).toBe('seeded');
    const supervisor = await principalOf(ports, { sub: 'supervisor', ten: data.tenant.id });
    for (const period of ['2026-Q4', '2026-11', '2026']) {
      const r = await assessment(ports, supervisor, { period });
      for (const track of r.tracks) {
        const ranked = track.units.filter((u) => u.rank !== null);
        expect(ranked.length, `${period} ${track.track}`).toBe(track.units.length);
        expect(track.redList.length).toBeGreaterThan(0);
        expect(track.blackList.length).toBeGreaterThan(0);
      }
      const dept = r.tracks.find((t) => t.track === 'department')?.units ?? [];
      // diligent and slow units apart by more than a few points
      expect((dept[0]?.index ?? 0) - (dept.at(-1)?.index ?? 0)).toBeGreaterThan(5);
      expect((await recompute(ports, data.tenant.id, period)).differences).toEqual([]);
    }
    const disputes = await ports.assessment.disputes(data.tenant.id);
    expect(disputes.map((d) => d.status).sort()).toEqual(['accepted', 'open', 'rejected']);
    expect((await ports.assessment.manualEntries(data.tenant.id, '2026-Q4', 'jxw')).length).toBe(3);
    expect(await loadDemoAssessment(ports, marker, data.tenant.id, ANCHOR)).toBe('present');
  }, 60_000);

  it('has its disputes of every status on the first day of a month too (they come from this month and the last)', async () => {
    const first = '2026-12-01T02:00:00.000Z';
    const { ports, data, marker } = await demoWithHistory(first);
    expect(await loadDemoAssessment(ports, marker, data.tenant.id, first)).toBe('seeded');
    expect((await ports.assessment.disputes(data.tenant.id)).map((d) => d.status).sort()).toEqual(['accepted', 'open', 'rejected']);
  }, 60_000);
});
