import { dayInfo, itemDueAt, localDate, type CommandRequest, type Ticket, type TicketClass, type WorkingCalendar } from '@whistle/shared';

/**
 * The demo district's key matter with a plan (一企一策), and the classification
 * of some of its tickets (共性 / 个性 / 重点), lived through the same commands as
 * the live system (demo-history-plan.ts runs them through the state machine and
 * the ladder): classified key by the supervisor, led by a county leader, a plan
 * with a lead unit, 3–4 co-units and 8 items each with its owner unit and due
 * date; the items due before the anchor done, one late (its 提醒 issued by the
 * history's ladder), the later ones open. The ticket stays open at the anchor.
 */

/** What the stories need of a ticket's simulation and the district's calendar. */
export interface StorySim {
  readonly at: number;
  readonly ticket: Ticket;
  act(at: number, userId: string, req: CommandRequest): boolean;
}
export interface StoryDistrict {
  readonly now: number;
  readonly calendar: WorkingCalendar;
  work(t: number, minutes: number): number;
  /** in office hours: `t` or a little after the next working period starts (no randomness here: `t` rounded on) */
  officeAt(t: number): number;
}

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/** Which units take part beside the lead: 规划, 住建, the enterprise's township, 金融. */
const teamOf = (lead: string, town: string): string[] => {
  const wanted = ['ghzy', 'zjw', town, 'jrb', 'fgw'].filter((u, i, all) => u !== lead && all.indexOf(u) === i);
  return wanted.slice(0, 4);
};

/** The items: what, whose (an index into [lead, ...team]), due days after the plan (`late`: the overdue one). */
const ITEMS: ReadonlyArray<{ title: string; owner: number; days: number | 'late'; note?: string }> = [
  { title: '牵头召开项目专题协调会', owner: 0, days: 3, note: '已召开协调会，明确各单位分工' },
  { title: '核定项目用地规划条件', owner: 1, days: 6, note: '规划条件已出具' },
  { title: '协调征地拆迁与青苗补偿', owner: 3, days: 10, note: '补偿协议已全部签订' },
  { title: '协调金融机构项目贷款', owner: 4, days: 14, note: '两家银行已完成授信审批' },
  { title: '办理建设用地规划许可', owner: 1, days: 19, note: '许可证已核发' },
  { title: '提前介入施工图审查', owner: 2, days: 'late' },
  { title: '做好项目周边群众工作', owner: 3, days: 40 },
  { title: '办理建筑工程施工许可', owner: 2, days: 55 },
];

/** The latest working day whose close of office hours is over before the anchor (a few minutes: the sweep ran). */
function lastClosedDay(cal: WorkingCalendar, now: number): string {
  let day = localDate(now);
  for (let i = 0; i < 30 && !(dayInfo(cal, day).working && Date.parse(itemDueAt(cal, day).dueAt) + 3 * 60_000 < now); i++) {
    day = localDate(Date.parse(`${day}T12:00:00+08:00`) - DAY);
  }
  return day;
}

/** The key matter's story after its claim (the handling unit `lead`); the ticket stays open. */
export function keyMatterWithPlan(s: StorySim, d: StoryDistrict, lead: string, town: string, leader: string): void {
  s.act(d.officeAt(d.work(s.at, 30)), `officer-${lead}`, { type: 'message', text: '您好，我们已收到诉求，将会同相关部门制定专项方案推进。' });
  s.act(d.officeAt(d.work(s.at, 60)), 'supervisor', { type: 'classify', class: 'key', reason: '重大项目落地，涉及用地、规划、建设、融资多个部门，列为重点问题' });
  s.act(d.officeAt(d.work(s.at, 120)), leader, { type: 'lead', leaderUserId: leader });
  const team = teamOf(lead, town);
  const owners = [lead, ...team];
  const planAt = d.officeAt(d.work(s.at, 90));
  const dayOf = (days: number) => localDate(planAt + days * DAY);
  const late = lastClosedDay(d.calendar, d.now);
  const items = ITEMS.map((i) => ({ title: i.title, ownerUnitId: owners[i.owner % owners.length] ?? lead, dueDate: i.days === 'late' ? late : dayOf(i.days) }));
  s.act(planAt, `officer-${lead}`, { type: 'plan', coUnitIds: team, items: items.slice(0, 6) });
  for (const i of items.slice(6)) s.act(d.officeAt(s.at + HOUR), `officer-${lead}`, { type: 'addItem', ...i });
  // the owner units finish their items a day or two before they are due; the late one and the later ones stay open
  const plan = s.ticket.plan?.items ?? [];
  const done = ITEMS.flatMap((spec, n) => {
    const item = plan[n];
    if (!item || spec.days === 'late' || !spec.note) return [];
    const at = Math.max(s.at + HOUR, Date.parse(item.dueAt) - (1 + (n % 2)) * DAY);
    return at < d.now - HOUR ? [{ at: d.officeAt(at), item, note: spec.note }] : [];
  });
  const reports = Array.from({ length: 8 }, (_, w) => planAt + (w + 1) * 7 * DAY - 2 * HOUR).filter((at) => at < d.now - HOUR);
  const events = [
    ...done.map((e) => ({ at: e.at, run: (at: number) => s.act(at, `officer-${e.item.ownerUnitId}`, { type: 'itemDone', itemId: e.item.id, note: e.note }) })),
    ...reports.map((at, w) => ({ at: d.officeAt(at), run: (t: number) => s.act(t, `officer-${lead}`, { type: 'progress', text: `方案第 ${w + 1} 周推进情况：已完成事项按期销号，其余事项按计划推进。` }) })),
  ].sort((a, b) => a.at - b.at);
  for (const e of events) e.run(e.at);
}

/** How some finished or running tickets are classified (by the handling unit, a key one by the supervisor). */
export function classificationOf(index: number, t: Ticket): { class: TicketClass; reason: string; by: string } | undefined {
  if (t.leader) return { class: 'key', reason: '领导领办事项，列为重点问题跟踪', by: 'supervisor' };
  if (index % 13 !== 5 || !t.handlingUnitId) return undefined;
  if (t.category === 'utilities' || t.category === 'talent') {
    return { class: 'common', reason: '园区多家企业反映同类问题，需统一研究解决', by: `officer-${t.handlingUnitId}` };
  }
  return { class: 'individual', reason: '属本企业自身的具体事项', by: `officer-${t.handlingUnitId}` };
}
