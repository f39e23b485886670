import { dayInfo, defaultCalendar, LogVisitBody, localDate, newVisit, visitMonthOf, type Category, type Enterprise, type Situation, type Ticket, type VisitKind } from '@whistle/shared';
import type { Ports } from '../ports.js';
import { visitIdOf, visitRequestHash } from '../services/visits.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';
import type { DemoMarker } from './demo-assessment.js';
import { Rng } from './demo-history-plan.js';
import type { TenantData } from './demo-data.js';

/**
 * The demo district's visits (走访): the two months before the history's
 * anchor, every grid's officer visiting its enterprises — some grids all of
 * them every month, some behind (GRID_DILIGENCE) — with the week's situation
 * and realistic findings, some solved on the spot, some still pending; and
 * for every request a grid officer raised in that time (the history's channel
 * `visit`), the visit it came from, its finding linked to it.
 *
 * Deterministic (a seeded generator), written through the visit repository
 * with the domain's `newVisit`; each visit's id derives from its logger and a
 * demo key, so a second load (or one cut short and run again) adds nothing:
 * its creates find their items and its links find them linked. A marker last.
 */
export const VISIT_WINDOW_DAYS = 60;

/** the share of a grid's enterprises its officer visits each month */
export const GRID_DILIGENCE: Record<string, number> = { g01: 1, g02: 1, g03: 0.8, g04: 0.6, g05: 1, g06: 0.4 };

const FINDINGS: Array<[string, Category, boolean?]> = [
  ['一线操作工缺口约 30 人，节后返岗率低，希望对接劳务协作', 'talent'],
  ['熟练焊工、数控技工招不到，希望对接职业院校订单班', 'talent'],
  ['四季度订单同比下滑约三成，希望对接展会和采购商', 'market'],
  ['主要客户压价，回款周期拉长到 120 天', 'finance'],
  ['新上产线需要用电增容，申请已提交供电所一个月', 'utilities'],
  ['园区夜间停电频繁，影响连续生产', 'utilities'],
  ['物流运费上涨约 15%，希望纳入园区集中配送', 'market'],
  ['原材料涨价，流动资金紧张，想了解信用贷和续贷政策', 'finance'],
  ['厂房扩建用地指标迟迟未落实', 'land'],
  ['新项目环评批复进度不清楚', 'permits'],
  ['厂区门口道路破损，大货车进出困难', 'other'],
  ['咨询稳岗补贴申领条件，已当场解答', 'policy', true],
  ['询问研发费用加计扣除口径，已当场讲解', 'policy', true],
  ['消防年检材料清单不清楚，已当场告知', 'permits', true],
];
const NOTES = ['订单排到春节后', '部分产线轮休', '新产线试运行', '外贸订单回暖', '春节前用工偏紧', ''];

const day = (t: number | string) => localDate(t);
const DAY_MS = 86_400_000;

interface PlannedVisit {
  key: string;
  by: string;
  body: LogVisitBody;
  at: string;
  /** the finding at 0 became this ticket */
  ticket?: Pick<Ticket, 'id' | 'number' | 'createdAt'>;
}

function situationOf(rng: Rng, e: Enterprise): Situation {
  const hard = e.tier === 'struggling' ? 0.6 : e.tier === 'leading' ? 0.1 : 0.25;
  const note = rng.pick(NOTES);
  return {
    production: rng.chance(hard) ? (rng.chance(0.2) ? 'halted' : 'reduced') : 'normal',
    orders: rng.chance(hard) ? 'falling' : rng.chance(0.4) ? 'growing' : 'steady',
    staffing: rng.chance(hard + 0.1) ? 'short' : rng.chance(0.1) ? 'surplus' : 'sufficient',
    ...(note ? { note } : {}),
  };
}

/** The visits to write: from the requests grid officers raised, and each grid's round of its enterprises each month. */
export function planDemoVisits(data: TenantData, anchor: string, visitTickets: readonly Ticket[]): PlannedVisit[] {
  const end = Date.parse(anchor);
  const from = day(end - VISIT_WINDOW_DAYS * DAY_MS);
  const rng = new Rng(`visits:${data.tenant.id}`);
  const planned: PlannedVisit[] = [];
  const visited = new Set<string>();
  const body = (e: Enterprise, date: string, kind: VisitKind, findings: LogVisitBody['findings'], visitorIds: string[] = []) =>
    LogVisitBody.parse({ enterpriseId: e.id, date, kind, visitorIds, situation: situationOf(rng, e), findings });
  // the visits the requests came from: logged half an hour before the request, its finding its title
  for (const t of visitTickets) {
    const e = data.enterprises.find((x) => x.id === t.enterpriseId);
    if (!e || t.channel !== 'visit' || t.createdBy.userId !== `grid-${e.gridId}` || day(t.createdAt) < from) continue;
    const at = new Date(Date.parse(t.createdAt) - 30 * 60_000).toISOString();
    planned.push({ key: `demo-ticket-${t.id}`, by: t.createdBy.userId, at, body: body(e, day(at), 'onSite', [{ text: t.title, category: t.category }]), ticket: t });
    visited.add(`${visitMonthOf(day(at))}#${e.id}`);
  }
  // each grid's round, month by month: its diligence's share of its enterprises (of the part of the month in
  // the two months), on working days before the anchor
  const calendar = defaultCalendar();
  const span = Array.from({ length: VISIT_WINDOW_DAYS }, (_, i) => end - (VISIT_WINDOW_DAYS - i) * DAY_MS);
  const days = span.filter((ms) => dayInfo(calendar, day(ms)).working);
  const months = [...new Set(span.map((ms) => visitMonthOf(day(ms))))];
  const daysInMonth = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const part = (month: string) => span.filter((ms) => visitMonthOf(day(ms)) === month).length / daysInMonth(month);
  for (const grid of data.grids) {
    const officer = grid.officer.userId ?? `grid-${grid.id}`;
    const enterprises = data.enterprises.filter((e) => e.gridId === grid.id);
    for (const month of months) {
      const inMonth = days.filter((ms) => visitMonthOf(day(ms)) === month);
      if (!inMonth.length) continue;
      const share = (GRID_DILIGENCE[grid.id] ?? 0.7) * part(month);
      const target = Math.round(enterprises.length * share);
      const todo = enterprises.filter((e) => !visited.has(`${month}#${e.id}`)).slice(0, Math.max(0, target - enterprises.filter((e) => visited.has(`${month}#${e.id}`)).length));
      for (const e of todo) {
        const date = day(rng.pick(inMonth));
        const n = rng.weighted([[0, 3], [1, 5], [2, 2]] as const);
        const findings = Array.from({ length: n }, () => rng.pick(FINDINGS)).filter((f, i, all) => all.indexOf(f) === i);
        const kind = rng.weighted<VisitKind>([['onSite', 7], ['phone', 2], ['symposium', 1]]);
        const areaLead = grid.areaLead.userId;
        const withLead = areaLead && rng.chance(0.15) ? [areaLead] : [];
        const at = new Date(Date.parse(`${date}T08:30:00.000Z`) + rng.int(0, 90) * 60_000).toISOString();
        planned.push({
          key: `demo-round-${month}-${e.id}`,
          by: officer,
          at,
          body: body(e, date, kind, findings.map(([text, category, onSite]) => ({ text, category, ...(onSite ? { resolvedOnSite: true } : {}) })), withLead),
        });
        visited.add(`${month}#${e.id}`);
      }
    }
  }
  return planned.filter((p) => Date.parse(p.at) < end).sort((a, b) => (a.at < b.at ? -1 : 1));
}

/**
 * The area leads and the grid chief as users linked from their grids and areas: a data folder seeded before
 * they were people gets them (users put if absent; a contact gains its user id, nothing else changes).
 */
async function linkFieldLeads(refs: Ports['refs'], data: TenantData): Promise<void> {
  const leads = new Set(data.areas.map((a) => a.lead.userId).concat(data.grids.map((g) => g.chief.userId)));
  await Promise.all(data.users.filter((u) => leads.has(u.id)).map((u) => refs.put('USER', u, { ifAbsent: true })));
  for (const a of data.areas) {
    const now = await refs.area(a.tenantId, a.id);
    if (now && !now.lead.userId && now.lead.name === a.lead.name && a.lead.userId) await refs.put('AREA', { ...now, lead: { ...now.lead, userId: a.lead.userId } });
  }
  for (const g of data.grids) {
    const now = await refs.grid(g.tenantId, g.id);
    if (!now) continue;
    const fill = (c: typeof now.chief, want: typeof g.chief) => (!c.userId && c.name === want.name && want.userId ? { ...c, userId: want.userId } : c);
    const next = { ...now, chief: fill(now.chief, g.chief), areaLead: fill(now.areaLead, g.areaLead) };
    if (JSON.stringify(next) !== JSON.stringify(now)) await refs.put('GRID', next);
  }
}

export const storeVisitMarker = (store: Store, tenantId: string): DemoMarker => ({
  present: async () => (await store.get(keys.demoVisits(tenantId), true)) !== undefined,
  set: async (at) => void (await store.put({ ...keys.demoVisits(tenantId), entity: 'SEED', at }, { expression: 'attribute_not_exists(pk)' })),
});

/** Loads the demo visits once, ending at the history's anchor. */
export async function seedDemoVisits(ports: Pick<Ports, 'visits' | 'tickets' | 'refs'>, marker: DemoMarker, data: TenantData, anchor: string): Promise<{ state: 'seeded' | 'present'; visits: number }> {
  if (await marker.present()) return { state: 'present', visits: 0 };
  const tenantId = data.tenant.id;
  await linkFieldLeads(ports.refs, data);
  const range = { from: new Date(Date.parse(anchor) - VISIT_WINDOW_DAYS * DAY_MS).toISOString(), to: anchor };
  const tickets: Ticket[] = [];
  let cursor: string | undefined;
  do {
    const page = await ports.tickets.createdBetween(tenantId, range, { limit: 500, ...(cursor ? { cursor } : {}) });
    tickets.push(...page.items.filter((t) => t.channel === 'visit'));
    cursor = page.cursor;
  } while (cursor);
  const plan = planDemoVisits(data, anchor, tickets);
  const names = new Map(data.users.map((u) => [u.id, u.name]));
  for (const p of plan) {
    const by = { userId: p.by, name: names.get(p.by) ?? p.by };
    const others = p.body.visitorIds.map((id) => ({ userId: id, name: names.get(id) ?? id }));
    const e = data.enterprises.find((x) => x.id === p.body.enterpriseId);
    const grid = data.grids.find((g) => g.id === e?.gridId);
    if (!e || !grid) continue;
    const visit = newVisit({ id: visitIdOf(tenantId, p.by, p.key), tenantId, body: p.body, enterprise: e, grid, others, by, at: p.at });
    await ports.visits.create(visit, visitRequestHash(p.body));
    if (p.ticket) await ports.visits.linkTicket(tenantId, visit.id, 0, { ticketId: p.ticket.id, number: p.ticket.number, at: p.ticket.createdAt, by });
  }
  await marker.set(new Date().toISOString());
  return { state: 'seeded', visits: plan.length };
}
