import { localDate, type CommonIssue, type CommonIssueSuggestion, type Principal } from '@whistle/shared';
import { addStepsTo, completeStep, confirm, runProposals, solve, writeProgress, type CommonIssuePorts } from '../services/common-issues.js';
import { principalOf } from '../services/principal.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';
import type { DemoMarker } from './demo-assessment.js';

/**
 * The demo common issues (共性问题), from the history's own requests: a proposal run over
 * them (the same service as the schedule), then, through the same services as the routes,
 * the cluster of the most enterprises confirmed and solved (its open requests resolved by the
 * lead unit, every enterprise told and asked to rate), the next confirmed and in progress (two
 * steps, one done, two progress notes), the rest left waiting for the supervisor. Once: a marker;
 * the ids derive from the suggestions, so a second run after a lost marker finds what it made.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export const storeCommonIssueMarker = (store: Store, tenantId: string): DemoMarker => ({
  present: async () => (await store.get(keys.demoCommonIssues(tenantId), true)) !== undefined,
  set: async (at) => void (await store.put({ ...keys.demoCommonIssues(tenantId), entity: 'SEED', at }, { expression: 'attribute_not_exists(pk)' })),
});

/** The unit most of the suggestion's requests are handled by (the competent one), else 经信委. */
function leadUnitOf(s: CommonIssueSuggestion, handling: Map<string, string | undefined>): string {
  const counts = new Map<string, number>();
  for (const t of s.tickets) {
    const u = handling.get(t.ticketId);
    if (u) counts.set(u, (counts.get(u) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'jxw';
}

const summaryOf = (s: CommonIssueSuggestion) => `${s.enterpriseCount} 家企业反映${s.topic}，问题相同，逐件办理难以根治。`;
const FIX = '由牵头单位统筹相关部门，摸清涉及企业的共同需求，制定统一解决方案并建立长效机制，办结后回访企业。';

async function confirmed(ports: CommonIssuePorts, supervisor: Principal, s: CommonIssueSuggestion, lead: string, targetDays: number, now: number): Promise<CommonIssue> {
  const partner = lead === 'fgw' ? 'jxw' : 'fgw';
  const { commonIssue } = await confirm(ports, supervisor, {
    suggestionId: s.id,
    title: s.topic,
    category: s.category,
    summary: summaryOf(s),
    fix: FIX,
    leadUnitId: lead,
    targetDate: localDate(now + targetDays * DAY_MS),
    ticketIds: s.tickets.map((t) => t.ticketId),
    steps: [
      { title: '摸排涉及企业需求，形成统一解决方案', ownerUnitId: lead, dueDate: localDate(now + 5 * DAY_MS) },
      { title: '落实配套政策和资金保障', ownerUnitId: partner, dueDate: localDate(now + Math.min(targetDays - 1, 20) * DAY_MS) },
    ],
  });
  return commonIssue;
}

export async function seedDemoCommonIssues(ports: CommonIssuePorts, marker: DemoMarker, tenantId: string): Promise<'seeded' | 'present' | 'none'> {
  if (await marker.present()) return 'present';
  await runProposals(ports, tenantId);
  const suggestions = (await ports.commonIssues.suggestions(tenantId))
    .filter((s) => s.status !== 'dismissed')
    .sort((a, b) => b.enterpriseCount - a.enterpriseCount || b.tickets.length - a.tickets.length || a.id.localeCompare(b.id));
  if (suggestions.length === 0) return 'none';
  const tickets = await ports.tickets.many(tenantId, suggestions.slice(0, 2).flatMap((s) => s.tickets.map((t) => t.ticketId)));
  const handling = new Map(tickets.map((t) => [t.id, t.handlingUnitId]));
  const as = (userId: string) => principalOf(ports, { sub: userId, ten: tenantId });
  const supervisor = await as('supervisor');
  const now = ports.clock.now().getTime();
  const [first, second] = suggestions;
  if (first) {
    // solved: the fix done, every enterprise told and asked to rate
    const lead = leadUnitOf(first, handling);
    let ci = await confirmed(ports, supervisor, first, lead, 14, now);
    if (ci.status !== 'solved') {
      const officer = await as(`officer-${lead}`);
      if (ci.progress.length === 0) ci = await writeProgress(ports, officer, ci.id, { rev: ci.rev, text: '已召集涉及企业座谈，统一解决方案已报区政府同意。' });
      for (const item of ci.plan.items) ci = await completeStep(ports, await as(`officer-${item.ownerUnitId}`), ci.id, item.id, { note: '已完成' });
      await solve(ports, officer, ci.id, { rev: ci.rev, summary: `${first.topic}问题已统一解决：相关配套已落实到位，各企业均已回访确认。` });
    }
  }
  if (second) {
    // in progress: two steps, the first done, two notes
    const lead = leadUnitOf(second, handling);
    let ci = await confirmed(ports, supervisor, second, lead, 30, now);
    if (ci.progress.length === 0) {
      const officer = await as(`officer-${lead}`);
      ci = await writeProgress(ports, officer, ci.id, { rev: ci.rev, text: '已完成涉及企业摸排，共性需求已汇总。' });
      const step = ci.plan.items[0];
      if (step) ci = await completeStep(ports, await as(`officer-${step.ownerUnitId}`), ci.id, step.id, { note: '摸排完成，方案初稿已形成' });
      ci = await addStepsTo(ports, officer, ci.id, { rev: ci.rev, steps: [{ title: '方案征求企业意见', ownerUnitId: lead, dueDate: localDate(now + 10 * DAY_MS) }] });
      await writeProgress(ports, officer, ci.id, { rev: ci.rev, text: '解决方案初稿已形成，正在征求企业和相关部门意见。' });
    }
  }
  await marker.set(new Date(now).toISOString());
  return 'seeded';
}
