import { describe, expect, it } from 'vitest';
import {
  clockCycle,
  DEFAULT_CLOCK_POLICY,
  defaultCalendar,
  nextSweepAt,
  rulesFor,
  startClock,
  transition,
  type Command,
  type Group,
  type Principal,
  type SupervisionNotice,
  type Ticket,
} from '@whistle/shared';
import {
  addressing,
  applyNotice,
  buildNotice,
  decideJob,
  dueJobs,
  leaseDueAt,
  noticeId,
  parseNoticeId,
} from '@whistle/shared';
import type { EscalationJob } from '../../functions/src/ports.js';

const cal = defaultCalendar();
const policy = DEFAULT_CLOCK_POLICY;
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const addMin = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

const groups: Group[] = [
  { id: 'ind-food', tenantId: 'ten', kind: 'industry', name: '食品加工行业群', industry: 'food', memberUnitIds: ['jxw', 'scjg', 'rsj'] },
  { id: 'town-dgjd', tenantId: 'ten', kind: 'township', name: '东港街道企业服务群', townUnitId: 'dgjd', memberUnitIds: ['dgjd', 'jxw'] },
];

function ticketAt(createdAt: string, priority: Ticket['priority'] = 'normal'): Ticket {
  return {
    id: 'tk1',
    tenantId: 'ten',
    number: '2026-000001',
    enterpriseId: '91500108MA60000001',
    enterpriseName: '清溪禾香食品有限公司',
    gridId: 'g01',
    channel: 'miniapp',
    category: 'finance',
    priority,
    title: '贷款贴息申请',
    description: '想了解贷款贴息政策',
    status: 'published',
    groupIds: ['ind-food', 'town-dgjd'],
    declinedUnitIds: [],
    difficult: false,
    reopenCount: 0,
    clocks: [startClock(cal, { kind: 'claim', rule: rulesFor(policy, priority).claim, start: createdAt })],
    createdBy: { userId: 'owner-05', name: '业主', role: 'owner' },
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
}

const officer: Principal = { userId: 'officer-jxw', tenantId: 'ten', name: '经信委干部', roles: ['officer'], unitId: 'jxw', unitName: '区经济和信息化委员会' };
const owner: Principal = { userId: 'owner-05', tenantId: 'ten', name: '业主', roles: ['owner'], enterpriseId: '91500108MA60000001' };
const leader: Principal = { userId: 'leader-zhang', tenantId: 'ten', name: '张卫东', roles: ['leader'] };

function run(t: Ticket, p: Principal, command: Command, now: string): Ticket {
  const out = transition(t, command, { principal: p, now, calendar: cal, policy, groupUnitIds: ['jxw', 'scjg', 'rsj', 'dgjd'] });
  if (!out.ok) throw out.error;
  return out.ticket;
}

/** What the worker does, without I/O: decide, build the notice (numbered in order), apply. */
function work(t: Ticket, job: EscalationJob, now: string, issued: SupervisionNotice[]): Ticket {
  const d = decideJob(t, job, now);
  if (d.kind === 'drop') return t;
  const notice = buildNotice(t, d.clock, job.level, groups, `DB2026-${String(issued.length + 1).padStart(6, '0')}`, now);
  issued.push(notice);
  return applyNotice(t, notice, job.level, { calendar: cal, policy, groups, now }).ticket;
}

/** A fake-clock run: a sweep every `stepMin` minutes from `from` to `to`, jobs applied at once. */
function age(t: Ticket, from: string, to: string, stepMin = 15): { ticket: Ticket; notices: SupervisionNotice[] } {
  const notices: SupervisionNotice[] = [];
  for (let now = from; now <= to; now = addMin(now, stepMin)) {
    for (const job of dueJobs(t, now)) t = work(t, job, now, notices);
  }
  return { ticket: t, notices };
}

describe('which jobs are due', () => {
  const created = sh('2026-03-10T09:30:00'); // Tuesday; claim due 11:30
  it('nothing before the claim deadline, one reminder job at it', () => {
    const t = ticketAt(created);
    expect(t.clocks[0]?.dueAt).toBe(sh('2026-03-10T11:30:00'));
    expect(dueJobs(t, sh('2026-03-10T11:29:59'))).toEqual([]);
    expect(dueJobs(t, sh('2026-03-10T11:30:00'))).toEqual([
      { tenantId: 'ten', ticketId: 'tk1', clockId: 'claim', level: 1, cycle: clockCycle({ startedAt: created }), dueAt: sh('2026-03-10T11:30:00') },
    ]);
  });

  it('none for met or paused clocks, or closed tickets', () => {
    const late = sh('2026-03-20T10:00:00');
    const claimed = run(ticketAt(created), officer, { type: 'claim' }, sh('2026-03-10T10:00:00'));
    expect(dueJobs(claimed, late).map((j) => j.clockId).sort()).toEqual(['contact', 'resolve']);
    const waiting = run(run(claimed, officer, { type: 'message', text: '已联系' }, sh('2026-03-10T10:30:00')), officer, { type: 'requestInfo', text: '请补充材料' }, sh('2026-03-10T11:00:00'));
    expect(dueJobs(waiting, late)).toEqual([]);
    const resolved = run(claimed, officer, { type: 'resolve', kind: 'answered', summary: '已答复' }, sh('2026-03-10T11:00:00'));
    expect(dueJobs(resolved, late)).toEqual([]);
  });

  it('the lease ends early when another clock falls due first', () => {
    const claimed = run(ticketAt(created), officer, { type: 'claim' }, sh('2026-03-10T10:00:00'));
    const contactDue = claimed.clocks.find((c) => c.id === 'contact')?.dueAt ?? '';
    const now = addMin(contactDue, -10);
    expect(leaseDueAt(claimed, now, addMin(now, 5))).toBe(addMin(now, 5));
    expect(leaseDueAt(claimed, now, addMin(now, 60))).toBe(contactDue);
  });
});

describe('deciding a job against the ticket as it is now', () => {
  const created = sh('2026-03-10T09:30:00');
  const due = sh('2026-03-10T11:30:00');
  it('issues a due step, drops a redelivered one after it was applied', () => {
    const t = ticketAt(created);
    const [job] = dueJobs(t, due);
    if (!job) throw new Error('no job');
    const d = decideJob(t, job, due);
    expect(d.kind).toBe('issue');
    const notices: SupervisionNotice[] = [];
    const after = work(t, job, due, notices);
    expect(notices).toHaveLength(1);
    expect(decideJob(after, job, addMin(due, 1))).toEqual({ kind: 'drop', reason: 'done' });
  });

  it('drops jobs of a met clock, another cycle, a step not due, a closed ticket, a missing clock', () => {
    const t = ticketAt(created);
    const job: EscalationJob = { tenantId: 'ten', ticketId: 'tk1', clockId: 'claim', level: 1, cycle: clockCycle(t.clocks[0] ?? { startedAt: created }), dueAt: due };
    // a job is evidence its step was due when swept: a worker clock slightly behind still issues it
    expect(decideJob(t, job, addMin(due, -1)).kind).toBe('issue');
    expect(decideJob(t, { ...job, dueAt: addMin(due, 60) }, addMin(due, -1))).toEqual({ kind: 'drop', reason: 'notDue' });
    expect(decideJob(t, { ...job, level: 2 }, due)).toEqual({ kind: 'drop', reason: 'notDue' });
    expect(decideJob(t, { ...job, cycle: job.cycle - 1 }, due)).toEqual({ kind: 'drop', reason: 'otherCycle' });
    expect(decideJob(t, { ...job, clockId: 'resolve' }, due)).toEqual({ kind: 'drop', reason: 'noClock' });
    const claimed = run(t, officer, { type: 'claim' }, addMin(due, -5));
    expect(decideJob(claimed, job, due)).toEqual({ kind: 'drop', reason: 'met' });
    expect(decideJob({ ...t, status: 'closed' }, job, due)).toEqual({ kind: 'drop', reason: 'closed' });
  });
});

describe('the ladder on a fake clock', () => {
  it('an unclaimed ticket: 提醒 at the deadline, 催办 a working day later, 警告 a working day after that, then silence', () => {
    const t0 = ticketAt(sh('2026-03-10T09:30:00'));
    const { ticket, notices } = age(t0, sh('2026-03-10T09:30:00'), sh('2026-03-20T18:00:00'), 5);
    expect(notices.map((n) => [n.level, n.issuedAt])).toEqual([
      ['reminder', sh('2026-03-10T11:30:00')],
      ['urge', sh('2026-03-11T11:30:00')],
      ['warning', sh('2026-03-12T11:30:00')],
    ]);
    expect(notices.map((n) => n.number)).toEqual(['DB2026-000001', 'DB2026-000002', 'DB2026-000003']);
    const claim = ticket.clocks.find((c) => c.id === 'claim');
    expect(claim?.escalations).toBe(3);
    expect(claim?.nextEscalationAt).toBeUndefined();
    expect(nextSweepAt(ticket.clocks)).toBeUndefined();
    expect(ticket.version).toBe(4);
  });

  it('escalation spacing follows working days: a Friday reminder is urged on Monday', () => {
    const t0 = ticketAt(sh('2026-03-13T15:00:00')); // Friday; claim due 17:00
    const { notices } = age(t0, sh('2026-03-13T15:00:00'), sh('2026-03-18T18:00:00'), 5);
    expect(notices.map((n) => n.issuedAt)).toEqual([sh('2026-03-13T17:00:00'), sh('2026-03-16T17:00:00'), sh('2026-03-17T17:00:00')]);
  });

  it('claiming before the deadline means no notice at all', () => {
    const t0 = ticketAt(sh('2026-03-10T09:30:00'));
    const claimed = run(t0, officer, { type: 'claim' }, sh('2026-03-10T10:00:00'));
    const withContact = run(claimed, officer, { type: 'message', text: '您好，我们已受理' }, sh('2026-03-10T10:05:00'));
    const resolved = run(withContact, officer, { type: 'resolve', kind: 'answered', summary: '已答复' }, sh('2026-03-11T10:00:00'));
    expect(age(resolved, sh('2026-03-10T10:00:00'), sh('2026-03-31T10:00:00'), 30).notices).toEqual([]);
  });

  it('a claimed ticket that is never contacted or resolved gets both ladders, addressed up the chain', () => {
    const t0 = ticketAt(sh('2026-03-10T09:30:00'));
    const claimed = run(t0, officer, { type: 'claim' }, sh('2026-03-10T10:00:00'));
    const { notices } = age(claimed, sh('2026-03-10T10:00:00'), sh('2026-03-25T10:00:00'), 10);
    const contact = notices.filter((n) => n.clockId === 'contact');
    const resolve = notices.filter((n) => n.clockId === 'resolve');
    expect(contact.map((n) => n.level)).toEqual(['reminder', 'urge', 'warning']);
    expect(resolve.map((n) => n.level)).toEqual(['reminder', 'urge', 'warning']);
    // contact: 24 calendar hours
    expect(contact[0]?.issuedAt).toBe(sh('2026-03-11T10:00:00'));
    // resolve: 3 working days from Tuesday 10:00 → Friday 10:00
    expect(resolve[0]?.issuedAt).toBe(sh('2026-03-13T10:00:00'));
    expect(resolve.map((n) => n.addressees)).toEqual([
      ['unit:jxw'],
      ['unit:jxw', 'unitLead:jxw'],
      ['unit:jxw', 'unitLead:jxw', 'supervisors'],
    ]);
    expect(resolve.every((n) => n.unitId === 'jxw')).toBe(true);
  });

  it('waiting for the enterprise pauses the ladder; the answer resumes it', () => {
    const claimed = run(ticketAt(sh('2026-03-10T09:30:00')), officer, { type: 'claim' }, sh('2026-03-10T10:00:00'));
    const contacted = run(claimed, officer, { type: 'requestInfo', text: '请补充营业执照' }, sh('2026-03-10T10:30:00'));
    const paused = age(contacted, sh('2026-03-10T10:30:00'), sh('2026-03-30T10:00:00'), 30);
    expect(paused.notices).toEqual([]);
    // the owner answers on Mar 30: 2 working days 6.5 hours were left (Tue 10:30 → Fri 10:00)
    const resumed = run(paused.ticket, owner, { type: 'message', text: '已上传' }, sh('2026-03-30T09:00:00'));
    const resolve = resumed.clocks.find((c) => c.id === 'resolve');
    expect(resolve?.dueAt).toBe(sh('2026-04-01T17:00:00'));
    const after = age(resumed, sh('2026-03-30T09:00:00'), sh('2026-04-01T17:05:00'), 5);
    expect(after.notices.map((n) => [n.clockId, n.level, n.issuedAt])).toEqual([['resolve', 'reminder', sh('2026-04-01T17:00:00')]]);
  });

  it('urgent tickets escalate on calendar time, at night too', () => {
    const t0 = ticketAt(sh('2026-03-13T22:00:00'), 'urgent'); // Friday night
    expect(t0.clocks[0]?.dueAt).toBe(sh('2026-03-13T22:30:00'));
    const { notices } = age(t0, sh('2026-03-13T22:00:00'), sh('2026-03-13T23:00:00'), 5);
    expect(notices.map((n) => n.level)).toEqual(['reminder']);
  });
});

describe('recurring clocks and cycles', () => {
  it('a missed leader cadence is a notice to the unit and the leader; the next cycle has its own notices', () => {
    const claimed = run(ticketAt(sh('2026-03-02T09:30:00')), officer, { type: 'claim' }, sh('2026-03-02T10:00:00'));
    const contacted = run(claimed, officer, { type: 'message', text: '已联系企业' }, sh('2026-03-02T10:10:00'));
    const led = run(contacted, leader, { type: 'lead', leader: { userId: 'leader-zhang', name: '张卫东' } }, sh('2026-03-02T11:00:00'));
    const monthly = led.clocks.find((c) => c.id === 'leaderProgress');
    expect(monthly?.recurring).toBe(true);
    expect(monthly?.dueAt).toBe(sh('2026-04-01T11:00:00'));
    // keep the weekly progress and resolve clocks out of the way: look only at the leader clock
    const leaderOnly = { ...led, clocks: led.clocks.filter((c) => c.id === 'leaderProgress') };
    const first = age(leaderOnly, sh('2026-04-01T10:00:00'), sh('2026-04-01T12:00:00'), 15);
    expect(first.notices).toHaveLength(1);
    const n1 = first.notices[0];
    expect(n1?.addressees).toEqual(['unit:jxw', 'user:leader-zhang']);
    expect(n1?.clockKind).toBe('leaderProgress');
    // the leader reports progress: the clock restarts, a new cycle
    const reported = run(first.ticket, leader, { type: 'progress', text: '现场调度', cadence: 'progress' }, sh('2026-04-02T10:00:00'));
    const restarted = reported.clocks.find((c) => c.id === 'leaderProgress');
    expect(restarted?.escalations).toBe(0);
    expect(clockCycle(restarted ?? { startedAt: '' })).not.toBe(clockCycle(monthly ?? { startedAt: '' }));
    // the old cycle's next step (urge) no longer applies
    const staleUrge: EscalationJob = { tenantId: 'ten', ticketId: 'tk1', clockId: 'leaderProgress', level: 2, cycle: clockCycle(monthly ?? { startedAt: '' }), dueAt: sh('2026-04-02T11:00:00') };
    expect(decideJob(reported, staleUrge, sh('2026-05-20T00:00:00'))).toEqual({ kind: 'drop', reason: 'otherCycle' });
    const second = age(reported, sh('2026-05-02T09:00:00'), sh('2026-05-02T11:00:00'), 15);
    const n2 = second.notices.find((n) => n.clockId === 'leaderProgress');
    expect(n2?.level).toBe('reminder');
    expect(n2?.id).not.toBe(n1?.id);
  });

  it('reopening restarts the resolve clock in a new cycle', () => {
    const claimed = run(ticketAt(sh('2026-03-10T09:30:00')), officer, { type: 'claim' }, sh('2026-03-10T10:00:00'));
    const late = age(claimed, sh('2026-03-10T10:00:00'), sh('2026-03-13T10:05:00'), 5);
    const resolve1 = late.ticket.clocks.find((c) => c.id === 'resolve');
    expect(resolve1?.escalations).toBe(1);
    const resolved = run(late.ticket, officer, { type: 'resolve', kind: 'resolved', summary: '已解决' }, sh('2026-03-13T11:00:00'));
    const reopened = run(resolved, owner, { type: 'reopen', reason: '问题未解决' }, sh('2026-03-16T09:00:00'));
    const resolve2 = reopened.clocks.find((c) => c.id === 'resolve');
    expect(resolve2?.escalations).toBe(0);
    const again = age(reopened, sh('2026-03-16T09:00:00'), sh('2026-03-19T09:05:00'), 5);
    const n = again.notices.filter((x) => x.clockId === 'resolve');
    expect(n.map((x) => x.level)).toEqual(['reminder']);
    expect(n[0]?.id).not.toBe(late.notices.find((x) => x.clockId === 'resolve')?.id);
  });
});

describe('addressing', () => {
  const t = ticketAt(sh('2026-03-10T09:30:00'));
  const claim = t.clocks[0];
  if (!claim) throw new Error('no claim clock');
  it('a claim reminder goes to the groups’ units (not those that declined); the urge also to the supervisor', () => {
    const declined = { ...t, declinedUnitIds: ['rsj'] };
    expect(addressing(declined, claim, 1, groups).addressees).toEqual(['unit:jxw', 'unit:scjg', 'unit:dgjd']);
    expect(addressing(declined, claim, 2, groups).addressees).toEqual(['unit:jxw', 'unit:scjg', 'unit:dgjd', 'supervisors']);
    expect(addressing(declined, claim, 3, groups).addressees).toContain('supervisors');
    expect(addressing(declined, claim, 1, groups).unitId).toBeUndefined();
  });

  it('a co-unit task clock goes to the co-unit', () => {
    const claimed = run(t, officer, { type: 'claim' }, sh('2026-03-10T10:00:00'));
    const joint = run(claimed, officer, { type: 'joint', lead: { id: 'jxw', name: '经信委' }, coUnits: [{ unit: { id: 'ghzy', name: '规划自然资源局' }, task: '用地预审' }] }, sh('2026-03-10T10:30:00'));
    const task = joint.clocks.find((c) => c.id === 'task:ghzy');
    if (!task) throw new Error('no task clock');
    expect(addressing(joint, task, 2, groups)).toMatchObject({ unitId: 'ghzy', addressees: ['unit:ghzy', 'unitLead:ghzy'] });
  });
});

describe('notice ids', () => {
  it('round-trip, including co-unit task clocks', () => {
    const id = noticeId('tkabc', 'task:ghzy', 1773106200, 'urge');
    expect(parseNoticeId(id)).toEqual({ ticketId: 'tkabc', clockId: 'task:ghzy', cycle: 1773106200, level: 'urge' });
    expect(parseNoticeId('tkabc~claim~1~shout')).toBeUndefined();
    expect(parseNoticeId('nonsense')).toBeUndefined();
    expect(parseNoticeId('a~b~c~reminder')).toBeUndefined();
  });
});
