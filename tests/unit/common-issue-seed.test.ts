import { describe, expect, it } from 'vitest';
import type { DemoMarker } from '../../functions/src/local/demo-assessment.js';
import { seedDemoCommonIssues } from '../../functions/src/local/common-issue-seed.js';
import { seedDemoCommonIssueRetrospective } from '../../functions/src/local/retrospective-seed.js';
import { intake } from '../../functions/src/services/tickets.js';
import { demoPorts } from '../support/memory/index.js';

/** The demo common issues: from the requests' own clusters, one solved, one in progress, the rest waiting; once. */
const CLUSTERS = [
  ['园区没有食堂员工吃饭难', '园区没有食堂，附近也没有饭馆，员工中午吃饭很难，希望园区建设公共食堂。'],
  ['员工子女入学难', '外地员工的孩子上小学报名被告知学位已满，希望教育部门统筹安排员工子女入学学位。'],
  ['货车限行影响原材料进厂', '白天大货车限行，原材料只能夜间进厂卸货，希望给园区企业货车发放通行证。'],
] as const;

describe('the demo common issues', () => {
  it('confirms the largest cluster and solves it, confirms the next one in progress, leaves the rest waiting; once', async () => {
    const { ports, data, as } = await demoPorts({ now: '2026-11-24T02:00:00.000Z' });
    const tenantId = data.tenant.id;
    for (const [c, [title, description]] of CLUSTERS.entries()) {
      // 5, 4, 3 enterprises
      for (let i = 0; i < 5 - c; i++) {
        const owner = `owner-${String(c * 6 + i + 1).padStart(2, '0')}`;
        await intake(ports, await as(owner), { title, description: `${description}（第 ${i + 1} 家）`, category: 'other', priority: 'normal' }, `seed-ci-${c}-${i}`);
      }
    }
    let loaded = false;
    const marker: DemoMarker = { present: async () => loaded, set: async () => void (loaded = true) };
    expect(await seedDemoCommonIssues(ports, marker, tenantId)).toBe('seeded');
    const ledger = (await ports.commonIssues.list(tenantId)).sort((a, b) => b.tickets.length - a.tickets.length);
    expect(ledger.map((ci) => [ci.status, ci.tickets.length])).toEqual([
      ['solved', 5],
      ['inProgress', 4],
    ]);
    expect(ledger[1]?.plan.items.map((i) => i.status)).toEqual(['done', 'open', 'open']);
    expect(ledger[1]?.progress).toHaveLength(2);
    const solvedTickets = await ports.tickets.many(tenantId, ledger[0]?.tickets.map((t) => t.ticketId) ?? []);
    expect(solvedTickets.every((t) => t.status === 'resolved' && t.commonIssue?.solvedAt)).toBe(true);
    const waiting = (await ports.commonIssues.suggestions(tenantId)).filter((s) => s.status === 'waiting');
    expect(waiting.map((s) => s.enterpriseCount)).toEqual([3]);

    expect(await seedDemoCommonIssues(ports, marker, tenantId)).toBe('present');
    loaded = false; // a lost marker: the same common issues, nothing added
    const before = JSON.stringify(await ports.commonIssues.list(tenantId));
    expect(await seedDemoCommonIssues(ports, marker, tenantId)).toBe('seeded');
    expect(JSON.stringify(await ports.commonIssues.list(tenantId))).toBe(before);

    // then a retrospective on the solved one, its team taking part, issued; once (a lost marker: the same one)
    let retroLoaded = false;
    const retroMarker: DemoMarker = { present: async () => retroLoaded, set: async () => void (retroLoaded = true) };
    const solved = ledger[0];
    if (!solved) throw new Error('the solved common issue');
    expect(await seedDemoCommonIssueRetrospective(ports, retroMarker, tenantId)).toBe('seeded');
    const [retro, ...more] = await ports.retrospectives.ofSubject(tenantId, solved.id);
    expect(more).toEqual([]);
    expect(retro).toMatchObject({ subject: { kind: 'commonIssue', commonIssueId: solved.id }, status: 'issued', title: `关于共性问题「${solved.title}」的典型问题复盘` });
    expect(retro?.units.map((u) => u.unitId)).toEqual([solved.leadUnitId, ...solved.plan.coUnits.map((u) => u.unitId)]);
    expect(retro?.plan.items.map((i) => [i.ownerUnitId, i.dueDate])).toEqual([[solved.leadUnitId, '2026-12-04']]);
    expect(await seedDemoCommonIssueRetrospective(ports, retroMarker, tenantId)).toBe('present');
    retroLoaded = false;
    expect(await seedDemoCommonIssueRetrospective(ports, retroMarker, tenantId)).toBe('seeded');
    expect(await ports.retrospectives.ofSubject(tenantId, solved.id)).toEqual([retro]);
  });
});
