import { describe, expect, it } from 'vitest';
import {
  allowedCommands,
  defaultCalendar,
  DEFAULT_CLOCK_POLICY,
  startClock,
  transition,
  type Command,
  type MachineContext,
  type Principal,
  type Ticket,
  type TicketStatus,
} from '@whistle/shared';

const ENT = '91500108MA60000006';
const owner: Principal = { userId: 'o1', tenantId: 't', name: '企业主', roles: ['owner'], enterpriseId: ENT };
const otherOwner: Principal = { ...owner, userId: 'o2', enterpriseId: '91500108MA6000131W' };
const officer = (unitId: string): Principal => ({ userId: `off-${unitId}`, tenantId: 't', name: `干部${unitId}`, roles: ['officer'], unitId, unitName: `单位${unitId}` });
const supervisor: Principal = { userId: 'sup', tenantId: 't', name: '督办', roles: ['supervisor'] };
const leader: Principal = { userId: 'ld', tenantId: 't', name: '张副区长', roles: ['leader'] };
const agent: Principal = { userId: 'ag', tenantId: 't', name: '客服', roles: ['agent'] };
const cal = defaultCalendar();
// Monday 2026-11-23 10:00 Shanghai
const T0 = '2026-11-23T02:00:00.000Z';

function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 'tk1',
    tenantId: 't',
    number: '2026-000001',
    enterpriseId: ENT,
    enterpriseName: '清溪恒通机械有限公司',
    gridId: 'g01',
    channel: 'miniapp',
    category: 'land',
    priority: 'normal',
    title: '用地指标',
    description: '扩建厂房需要新增用地',
    status: 'published',
    groupIds: ['ind-equipment'],
    declinedUnitIds: [],
    difficult: false,
    reopenCount: 0,
    clocks: [startClock(cal, { kind: 'claim', rule: DEFAULT_CLOCK_POLICY.normal.claim, start: T0 })],
    createdBy: { userId: 'o1', name: '企业主', role: 'owner' },
    createdAt: T0,
    updatedAt: T0,
    version: 1,
    ...over,
  };
}

const ctx = (principal: Principal, now = '2026-11-23T03:00:00.000Z'): MachineContext => ({
  principal,
  now,
  calendar: cal,
  policy: DEFAULT_CLOCK_POLICY,
  groupUnitIds: ['jxw', 'fgw', 'rsj'],
});

function apply(t: Ticket, c: Command, p: Principal, now?: string): Ticket {
  const r = transition(t, c, ctx(p, now));
  if (!r.ok) throw r.error;
  return r.ticket;
}

describe('claim', () => {
  it('a group member unit claims: status, handling unit, claim clock met, contact and resolve clocks started at claim', () => {
    const r = transition(ticket(), { type: 'claim' }, ctx(officer('jxw')));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ticket.status).toBe('claimed');
    expect(r.ticket.handlingUnitId).toBe('jxw');
    expect(r.ticket.version).toBe(2);
    expect(r.ticket.clocks.find((c) => c.kind === 'claim')?.metAt).toBe('2026-11-23T03:00:00.000Z');
    const resolve = r.ticket.clocks.find((c) => c.kind === 'resolve');
    expect(resolve?.startedAt).toBe('2026-11-23T03:00:00.000Z');
    // 3 working days of 7 h from Monday 11:00 → Thursday 11:00 Shanghai
    expect(resolve?.dueAt).toBe('2026-11-26T03:00:00.000Z');
    expect(r.entries.map((e) => e.kind)).toEqual(['claimed']);
    expect(r.notifications[0]?.audience).toContainEqual({ kind: 'enterprise', id: ENT });
  });

  it('a unit outside the ticket groups may not claim; nor an owner', () => {
    for (const p of [officer('swj'), owner]) {
      const r = transition(ticket(), { type: 'claim' }, ctx(p));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    }
  });

  it('a claimed ticket cannot be claimed again', () => {
    const t = apply(ticket(), { type: 'claim' }, officer('jxw'));
    const r = transition(t, { type: 'claim' }, ctx(officer('fgw')));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_TRANSITION');
  });
});

describe('who may do what from which status', () => {
  const claimed = () => apply(ticket(), { type: 'claim' }, officer('jxw'));

  it('only the owner of the enterprise rates, once, after resolve', () => {
    const resolved = apply(claimed(), { type: 'resolve', kind: 'resolved', summary: '已协调' }, officer('jxw'));
    expect(transition(resolved, { type: 'rate', score: 'satisfied' }, ctx(otherOwner)).ok).toBe(false);
    const rated = apply(resolved, { type: 'rate', score: 'fair' }, owner);
    expect(rated.status).toBe('closed');
    expect(rated.rating?.score).toBe('fair');
    expect(transition(rated, { type: 'rate', score: 'satisfied' }, ctx(owner)).ok).toBe(false);
    expect(transition(claimed(), { type: 'rate', score: 'satisfied' }, ctx(owner)).ok).toBe(false);
  });

  it('reopen is the owner’s, within the window only', () => {
    const resolved = apply(claimed(), { type: 'resolve', kind: 'answered', summary: '已答复' }, officer('jxw'), '2026-11-23T04:00:00.000Z');
    const reopened = apply(resolved, { type: 'reopen', reason: '问题没有解决' }, owner, '2026-11-25T04:00:00.000Z');
    expect(reopened.status).toBe('claimed');
    expect(reopened.reopenCount).toBe(1);
    expect(reopened.resolution).toBeUndefined();
    const late = transition(resolved, { type: 'reopen', reason: '晚了' }, ctx(owner, '2026-12-31T04:00:00.000Z'));
    expect(late.ok).toBe(false);
    expect(transition(resolved, { type: 'reopen', reason: 'x' }, ctx(officer('jxw'))).ok).toBe(false);
  });

  it('asking the enterprise pauses the resolve clock; the owner’s reply resumes it with the time that was left', () => {
    const t = claimed();
    const asked = apply(t, { type: 'requestInfo', text: '请补充用地红线图' }, officer('jxw'), '2026-11-23T05:30:00.000Z');
    expect(asked.status).toBe('waitingEnterprise');
    const paused = asked.clocks.find((c) => c.kind === 'resolve');
    expect(paused?.pausedAt).toBe('2026-11-23T05:30:00.000Z');
    expect(paused?.nextEscalationAt).toBeUndefined();
    expect(asked.clocks.find((c) => c.kind === 'contact')?.metAt).toBeDefined();
    // the owner answers a week later (Monday 30 Nov 10:00 Shanghai)
    const answered = apply(asked, { type: 'message', text: '已上传' }, owner, '2026-11-30T02:00:00.000Z');
    expect(answered.status).toBe('claimed');
    const resumed = answered.clocks.find((c) => c.kind === 'resolve');
    expect(resumed?.pausedAt).toBeUndefined();
    // 20 working hours were left at the pause (Mon 13:30 → Thu 11:00); counted again from Mon 30 Nov 10:00:
    // Mon 6 h, Tue 7 h, Wed 7 h → Wed 2 Dec 17:30 Shanghai
    expect(resumed?.dueAt).toBe('2026-12-02T09:30:00.000Z');
  });

  it('transfer keeps the clocks running: deadlines unchanged, responsibility moved', () => {
    const t = claimed();
    const moved = apply(t, { type: 'transfer', unit: { id: 'ghzy', name: '区规划和自然资源局' }, reason: '属用地审批' }, officer('jxw'));
    const before = t.clocks.find((c) => c.kind === 'resolve');
    const after = moved.clocks.find((c) => c.kind === 'resolve');
    expect(after?.dueAt).toBe(before?.dueAt);
    expect(after?.unitId).toBe('ghzy');
    expect(moved.handlingUnitId).toBe('ghzy');
    expect(transition(moved, { type: 'resolve', kind: 'resolved', summary: 'x' }, ctx(officer('jxw'))).ok).toBe(false);
  });

  it('joint handling: the lead resolves only when every co-unit task is done', () => {
    const t = apply(claimed(), {
      type: 'joint',
      lead: { id: 'jxw', name: '经信委' },
      coUnits: [
        { unit: { id: 'ghzy', name: '规资局' }, task: '用地预审' },
        { unit: { id: 'zjw', name: '住建委' }, task: '施工许可' },
      ],
    }, supervisor);
    expect(t.difficult).toBe(true);
    expect(t.clocks.filter((c) => c.kind === 'task').map((c) => c.unitId).sort()).toEqual(['ghzy', 'zjw']);
    expect(t.clocks.some((c) => c.kind === 'progress')).toBe(true);
    const early = transition(t, { type: 'resolve', kind: 'resolved', summary: 'x' }, ctx(officer('jxw')));
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.code).toBe('INVALID_TRANSITION');
    expect(transition(t, { type: 'taskDone', unitId: 'zjw' }, ctx(officer('ghzy'))).ok).toBe(false);
    const one = apply(t, { type: 'taskDone', unitId: 'ghzy' }, officer('ghzy'));
    const both = apply(one, { type: 'taskDone', unitId: 'zjw' }, officer('zjw'));
    expect(both.clocks.find((c) => c.id === 'task:zjw')?.metAt).toBeDefined();
    const done = apply(both, { type: 'resolve', kind: 'resolved', summary: '联办完成' }, officer('jxw'));
    expect(done.status).toBe('resolved');
    expect(done.clocks.every((c) => c.metAt)).toBe(true);
  });

  it('a leader takes a matter for themselves only; cadence clocks start', () => {
    const t = claimed();
    expect(transition(t, { type: 'lead', leader: { userId: 'other', name: '别人' } }, ctx(leader)).ok).toBe(false);
    const led = apply(t, { type: 'lead', leader: { userId: 'ld', name: '张副区长' } }, leader);
    expect(led.leader?.userId).toBe('ld');
    expect(led.clocks.map((c) => c.kind)).toEqual(expect.arrayContaining(['leaderProgress', 'leaderOnsite', 'leaderReview']));
    expect(transition(led, { type: 'lead', leader: { userId: 'ld', name: '张副区长' } }, ctx(leader)).ok).toBe(false);
  });

  it('the desk answers only what waits for it, and only agents do', () => {
    const waiting = ticket({ desk: { state: 'waiting', at: T0 } });
    expect(transition(waiting, { type: 'deskAnswer', text: '可以申请' }, ctx(officer('jxw'))).ok).toBe(false);
    const answered = apply(waiting, { type: 'deskAnswer', text: '政策可申请，材料见链接' }, agent);
    expect(answered.status).toBe('resolved');
    expect(answered.resolution?.kind).toBe('answered');
    expect(transition(ticket(), { type: 'deskAnswer', text: 'x' }, ctx(agent)).ok).toBe(false);
  });

  it('every refusal leaves the ticket as it was (the machine is pure)', () => {
    const t = ticket();
    const frozen = JSON.stringify(t);
    transition(t, { type: 'resolve', kind: 'resolved', summary: 'x' }, ctx(owner));
    transition(t, { type: 'claim' }, ctx(officer('jxw')));
    expect(JSON.stringify(t)).toBe(frozen);
  });

  it('allowedCommands agrees with transition for every status and role', () => {
    const base = claimed();
    const byStatus: Record<TicketStatus, Ticket> = {
      published: ticket(),
      claimed: base,
      waitingEnterprise: apply(base, { type: 'requestInfo', text: '补充' }, officer('jxw')),
      resolved: apply(base, { type: 'resolve', kind: 'resolved', summary: 'ok' }, officer('jxw')),
      closed: apply(apply(base, { type: 'resolve', kind: 'resolved', summary: 'ok' }, officer('jxw')), { type: 'rate', score: 'satisfied' }, owner),
    };
    const sample: Record<string, Command> = {
      claim: { type: 'claim' },
      resolve: { type: 'resolve', kind: 'resolved', summary: 'x' },
      rate: { type: 'rate', score: 'satisfied' },
      message: { type: 'message', text: 'hi' },
      assign: { type: 'assign', unit: { id: 'fgw', name: '发改委' } },
    };
    for (const t of Object.values(byStatus)) {
      for (const p of [owner, officer('jxw'), officer('fgw'), supervisor, agent]) {
        const allowed = allowedCommands(t, ctx(p));
        for (const [name, c] of Object.entries(sample)) {
          expect(transition(t, c, ctx(p)).ok, `${t.status} ${p.userId} ${name}`).toBe(allowed.includes(c.type));
        }
      }
    }
  });
});
