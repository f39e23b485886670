import { describe, expect, it } from 'vitest';
import {
  addProgress,
  addSteps,
  commonIssueId,
  completeCreditCode,
  commonIssuesOfMonth,
  confirmCommonIssue,
  ConfirmCommonIssueBody,
  CommonIssue,
  defaultCalendar,
  desiredOp,
  ledgerByCategory,
  linkToCommonIssue,
  mayAddSteps,
  mayCompleteStep,
  mayManageCommonIssues,
  mayReadCommonIssue,
  mayReadCommonIssueLedger,
  relinkTickets,
  signatureOf,
  solveByCommonIssue,
  solveCommonIssue,
  stepDone,
  suggestionId,
  transition,
  unlinkFromCommonIssue,
  DEFAULT_CLOCK_POLICY,
  type CommonIssueContext,
  type Principal,
  type Ticket,
} from '@whistle/shared';

/** The common issue's pure rules (shared/src/common-issue/rules.ts) and the tickets' side (shared/src/ticket/common-issue.ts). */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const NOW = sh('2026-11-24T10:00:00'); // a Tuesday in office hours
const LATER = sh('2026-11-25T10:00:00');
const UNITS: Record<string, string> = { jxw: '经信委', zjw: '住建委', dgjd: '东关街道' };
const calendar = defaultCalendar({ 2026: { holidays: [], workdays: [] } });
const ctx: CommonIssueContext = { calendar, now: NOW, by: { userId: 'supervisor', name: '督办科' }, unitOf: (id) => (UNITS[id] ? { id, name: UNITS[id] } : undefined) };
const who = (userId: string, roles: Principal['roles'], unitId?: string): Principal => ({ userId, tenantId: 't', name: userId, roles, ...(unitId ? { unitId } : {}) });
const supervisor = who('supervisor', ['supervisor']);

const ticket = (n: number, extra: Partial<Ticket> = {}): Ticket => ({
  id: `tk${n}`,
  tenantId: 't',
  number: `2026-00000${n}`,
  enterpriseId: completeCreditCode(`91500108MA${6000000 + n}`),
  enterpriseName: `企业${n}`,
  gridId: 'g01',
  channel: 'miniapp',
  category: 'other',
  priority: 'normal',
  title: '园区就餐难',
  description: '没有食堂',
  status: 'claimed',
  groupIds: ['grp'],
  handlingUnitId: 'zjw',
  handlingUnitName: '住建委',
  declinedUnitIds: [],
  difficult: false,
  reopenCount: 0,
  clocks: [
    { id: 'resolve', kind: 'resolve', basis: 'working', durationMinutes: 1440, startedAt: NOW, dueAt: sh('2026-11-27T10:00:00'), unitId: 'zjw', escalations: 0, nextEscalationAt: sh('2026-11-27T10:00:00') },
    { id: 'claim', kind: 'claim', basis: 'working', durationMinutes: 120, startedAt: NOW, dueAt: NOW, metAt: NOW, escalations: 0 },
  ],
  createdBy: { userId: 'owner', name: 'o', role: 'owner' },
  createdAt: NOW,
  updatedAt: NOW,
  version: 3,
  ...extra,
});
const body = (extra: object = {}) =>
  ConfirmCommonIssueBody.parse({
    title: '园区就餐难',
    category: 'other',
    summary: '多家企业反映',
    fix: '建公共食堂',
    leadUnitId: 'jxw',
    targetDate: '2026-12-31',
    ticketIds: ['tk2', 'tk1'],
    steps: [{ title: '选址', ownerUnitId: 'zjw', dueDate: '2026-12-15' }],
    ...extra,
  });
const confirmed = (): CommonIssue => {
  const r = confirmCommonIssue('t', body(), [ticket(1), ticket(2)], ctx);
  if (!r.ok) throw r.error;
  return r.value.commonIssue;
};

describe('common issue ids', () => {
  it('a suggestion’s from its signature; a common issue’s from its suggestion, or from its title and sorted tickets', () => {
    expect(suggestionId(signatureOf(['b', 'a']))).toBe(suggestionId('a,b'));
    expect(suggestionId('a,b')).toMatch(/^cs[a-z0-9]{10}$/);
    expect(suggestionId('a,b')).not.toBe(suggestionId('a,c'));
    const own = commonIssueId({ title: ' 就餐  难', ticketIds: ['tk2', 'tk1'] });
    expect(own).toMatch(/^ci[a-z0-9]{10}$/);
    expect(commonIssueId({ title: '就餐 难', ticketIds: ['tk1', 'tk2', 'tk1'] })).toBe(own);
    const fromSuggestion = commonIssueId({ suggestionId: 'csaaaaaaaaaa', title: 'x', ticketIds: ['tk1'] });
    expect(commonIssueId({ suggestionId: 'csaaaaaaaaaa', title: 'y', ticketIds: ['tk9'] })).toBe(fromSuggestion);
  });
});

describe('who may do what', () => {
  const ci = confirmed();
  it('the supervisor manages; readers are leaders, admins and the team’s staff; owners never read it', () => {
    expect(mayManageCommonIssues(supervisor)).toBe(true);
    expect(mayManageCommonIssues(who('o', ['officer'], 'jxw'))).toBe(false);
    for (const p of [supervisor, who('l', ['leader']), who('a', ['admin']), who('o', ['officer'], 'jxw'), who('o', ['unitLead'], 'zjw')]) expect(mayReadCommonIssue(p, ci)).toBe(true);
    for (const p of [who('o', ['officer'], 'rsj'), who('w', ['owner']), who('g', ['agent'])]) expect(mayReadCommonIssue(p, ci)).toBe(false);
    expect(mayReadCommonIssueLedger(who('w', ['owner']))).toBe(false);
    expect(mayReadCommonIssueLedger(who('o', ['officer'], 'rsj'))).toBe(true);
  });
  it('the lead unit adds steps; a step’s owner unit marks it done', () => {
    expect(mayAddSteps(who('o', ['officer'], 'jxw'), ci)).toBe(true);
    expect(mayAddSteps(who('o', ['officer'], 'zjw'), ci)).toBe(false);
    const item = ci.plan.items[0];
    if (!item) throw new Error('no step');
    expect(mayCompleteStep(who('o', ['officer'], 'zjw'), item)).toBe(true);
    expect(mayCompleteStep(who('o', ['officer'], 'jxw'), item)).toBe(false);
  });
});

describe('the record', () => {
  it('is confirmed with the lead unit’s plan, the target as its resolve clock and one clock per step; owes each ticket a link', () => {
    const r = confirmCommonIssue('t', body(), [ticket(1), ticket(2)], ctx);
    if (!r.ok) throw r.error;
    const ci = r.value.commonIssue;
    expect(ci).toMatchObject({ status: 'found', rev: 1, leadUnitId: 'jxw', leadUnitName: '经信委', targetAt: sh('2026-12-31T17:30:00') });
    expect(ci.clocks.find((c) => c.id === 'resolve')).toMatchObject({ kind: 'resolve', unitId: 'jxw', dueAt: sh('2026-12-31T17:30:00'), nextEscalationAt: sh('2026-12-31T17:30:00') });
    expect(ci.clocks.filter((c) => c.kind === 'item').map((c) => c.unitId)).toEqual(['zjw']);
    expect(ci.plan.coUnits.map((u) => u.unitId)).toEqual(['zjw']);
    expect(r.value.owed).toEqual([{ ticketId: 'tk2', op: 'link' }, { ticketId: 'tk1', op: 'link' }]);
    expect(CommonIssue.parse(ci)).toEqual(ci);
  });

  it('refuses an unknown unit or a past target, naming the field', () => {
    const field = (b: ConfirmCommonIssueBody) => {
      const r = confirmCommonIssue('t', b, [], ctx);
      return r.ok ? undefined : (r.error.details as Array<{ field: string }>)[0]?.field;
    };
    expect(field(body({ leadUnitId: 'nope' }))).toBe('leadUnitId');
    expect(field(body({ targetDate: '2026-11-23' }))).toBe('targetDate');
    expect(field(body({ steps: [{ title: 'x', ownerUnitId: 'nope', dueDate: '2026-12-01' }] }))).toBe('steps.0.ownerUnitId');
  });

  it('links and unlinks (at least one stays), moves on with its first note, adds steps once, marks them done once', () => {
    const ci = confirmed();
    const relinked = relinkTickets(ci, [ticket(3), ticket(1)], ['tk2'], LATER);
    if (!relinked.ok) throw relinked.error;
    expect(relinked.value.commonIssue.tickets.map((t) => t.ticketId)).toEqual(['tk1', 'tk3']);
    expect(relinked.value.owed).toEqual([{ ticketId: 'tk3', op: 'link' }, { ticketId: 'tk2', op: 'unlink' }]);
    expect(relinked.value.commonIssue.rev).toBe(2);
    const notThere = relinkTickets(ci, [], ['tk9'], LATER);
    expect(!notThere.ok && (notThere.error.details as Array<{ field: string }>)[0]?.field).toBe('remove.0');
    const none = relinkTickets(ci, [], ['tk1', 'tk2'], LATER);
    expect(!none.ok && (none.error.details as Array<{ field: string }>)[0]?.field).toBe('remove');

    const noted = addProgress(ci, '座谈', who('o', ['officer'], 'jxw'), LATER);
    if (!noted.ok) throw noted.error;
    expect(noted.value.status).toBe('inProgress');

    const stepCtx = { ...ctx, now: LATER };
    const added = addSteps(ci, [{ title: '选址', ownerUnitId: 'zjw', dueDate: '2026-12-15' }], stepCtx);
    expect(added.ok && added.value).toBe(ci);
    const more = addSteps(ci, [{ title: '放开外卖', ownerUnitId: 'dgjd', dueDate: '2026-12-04' }], stepCtx);
    if (!more.ok) throw more.error;
    expect(more.value.plan.items).toHaveLength(2);
    const item = ci.plan.items[0];
    const done = stepDone(ci, item?.id ?? '', { userId: 'u', name: 'u' }, '已选址', LATER);
    if (!done.ok) throw done.error;
    expect(done.value.commonIssue.clocks.find((c) => c.id === `item:${item?.id}`)?.metAt).toBe(LATER);
    const again = stepDone(done.value.commonIssue, item?.id ?? '', { userId: 'u', name: 'u' }, undefined, LATER);
    expect(again.ok && again.value.already).toBe(true);
  });

  it('is solved once its steps are done: every clock met, owes every ticket its solve; then refuses changes', () => {
    const open = confirmed();
    expect(open.plan.items.length).toBeGreaterThan(0);
    // not while a unit still owes a step: refused, naming the steps (as a ticket's resolve names its plan items)
    const early = solveCommonIssue(open, '食堂开业', { userId: 'supervisor', name: '督办科' }, LATER);
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { pendingItems: open.plan.items.map((i) => i.id) } });
    let ci = open;
    for (const item of open.plan.items) {
      const done = stepDone(ci, item.id, { userId: 'officer', name: '办事员' }, undefined, LATER);
      if (!done.ok) throw done.error;
      ci = done.value.commonIssue;
    }
    const solved = solveCommonIssue(ci, '食堂开业', { userId: 'supervisor', name: '督办科' }, LATER);
    if (!solved.ok) throw solved.error;
    expect(solved.value.commonIssue.status).toBe('solved');
    expect(solved.value.commonIssue.clocks.every((c) => c.metAt)).toBe(true);
    expect(solved.value.owed.map((o) => o.op)).toEqual(['solve', 'solve']);
    expect(solveCommonIssue(solved.value.commonIssue, 'x', { userId: 's', name: 's' }, LATER).ok).toBe(false);
    expect(addProgress(solved.value.commonIssue, 'x', supervisor, LATER).ok).toBe(false);
    expect(desiredOp(solved.value.commonIssue, 'tk1')).toEqual({ ticketId: 'tk1', op: 'solve' });
    expect(desiredOp(ci, 'tk1')).toEqual({ ticketId: 'tk1', op: 'link' });
    expect(desiredOp(ci, 'tk9')).toEqual({ ticketId: 'tk9', op: 'unlink' });
  });

  it('counts the ledger by category and the month’s figures', () => {
    const a = confirmed();
    const b = { ...a, id: 'cib', category: 'land' as const, status: 'solved' as const, solution: { summary: 's', at: sh('2026-12-02T10:00:00'), by: 's', byName: 's' } };
    expect(ledgerByCategory([a, b, { ...a, status: 'inProgress' }])).toEqual([
      { category: 'other', found: 1, inProgress: 1, solved: 0, enterprises: 2 },
      { category: 'land', found: 0, inProgress: 0, solved: 1, enterprises: 2 },
    ]);
    const nov = { from: sh('2026-11-01T00:00:00'), to: sh('2026-12-01T00:00:00') };
    const dec = { from: sh('2026-12-01T00:00:00'), to: sh('2027-01-01T00:00:00') };
    expect(commonIssuesOfMonth([a, b], nov)).toEqual({ new: 2, open: 2 });
    expect(commonIssuesOfMonth([a, b], dec)).toEqual({ new: 0, open: 1 });
  });
});

describe('the tickets’ side', () => {
  const ci = confirmed();
  it('a link carries the common issue, pauses resolve and progress, tells the owner; again: nothing', () => {
    const r = linkToCommonIssue(ticket(1), ci, LATER);
    if (!r.ok || r.noop) throw new Error('not linked');
    expect(r.ticket.commonIssue).toMatchObject({ id: ci.id, title: '园区就餐难', leadUnitName: '经信委', targetDate: '2026-12-31', linkedAt: LATER });
    expect(r.ticket.clocks.find((c) => c.kind === 'resolve')).toMatchObject({ pausedAt: LATER });
    expect(r.ticket.clocks.find((c) => c.kind === 'resolve')?.nextEscalationAt).toBeUndefined();
    expect(r.ticket.version).toBe(4);
    expect(r.entries[0]).toMatchObject({ kind: 'commonIssueLinked', data: { pausedClockIds: ['resolve'] } });
    expect(r.notifications[0]?.body).toBe('您反映的诉求已纳入共性问题「园区就餐难」统一解决，牵头单位经信委，目标2026-12-31前解决');
    expect(linkToCommonIssue(r.ticket, ci, LATER)).toEqual({ ok: true, noop: true });
    expect(linkToCommonIssue(r.ticket, { ...ci, id: 'ciother' }, LATER).ok).toBe(false);

    // a command on a linked ticket keeps them paused (a reopen's new resolve clock too)
    const ctxM = { principal: who('o', ['officer'], 'zjw'), now: LATER, calendar, policy: DEFAULT_CLOCK_POLICY, groupUnitIds: [] };
    const progressed = transition(r.ticket, { type: 'progress', text: '进展' }, ctxM);
    expect(progressed.ok && progressed.ticket.clocks.find((c) => c.kind === 'resolve')?.pausedAt).toBe(LATER);

    const back = unlinkFromCommonIssue(r.ticket, ci, sh('2026-11-26T10:00:00'), calendar);
    if (!back.ok || back.noop) throw new Error('not unlinked');
    expect(back.ticket.commonIssue).toBeUndefined();
    const resolve = back.ticket.clocks.find((c) => c.kind === 'resolve');
    expect(resolve?.pausedAt).toBeUndefined();
    // a working day paused: due a working day later than before
    expect(resolve?.dueAt).toBe(sh('2026-11-30T10:00:00'));
    expect(unlinkFromCommonIssue(back.ticket, ci, LATER, calendar)).toEqual({ ok: true, noop: true });
  });

  it('solving resolves an open ticket by the lead unit (owners asked to rate) and tells a resolved one; once', () => {
    const solved = { ...ci, solution: { summary: '食堂开业', at: LATER, by: 'supervisor' } };
    const linked = linkToCommonIssue(ticket(1), ci, NOW);
    if (!linked.ok || linked.noop) throw new Error('not linked');
    const r = solveByCommonIssue(linked.ticket, solved, LATER);
    if (!r.ok || r.noop) throw new Error('not solved');
    expect(r.ticket).toMatchObject({ status: 'resolved', resolution: { kind: 'resolved', summary: '食堂开业', unitId: 'jxw' }, commonIssue: { solvedAt: LATER } });
    expect(r.ticket.clocks.every((c) => c.metAt)).toBe(true);
    expect(r.notifications.map((n) => n.event)).toEqual(['resolved', 'resolved']);
    expect(r.notifications[0]?.body).toContain('请评价');
    expect(solveByCommonIssue(r.ticket, solved, LATER)).toEqual({ ok: true, noop: true });

    const done = linkToCommonIssue(ticket(2, { status: 'closed' }), ci, NOW);
    if (!done.ok || done.noop) throw new Error('not linked');
    const told = solveByCommonIssue(done.ticket, solved, LATER);
    if (!told.ok || told.noop) throw new Error('not told');
    expect(told.ticket.status).toBe('closed');
    expect(told.entries.map((e) => e.kind)).toEqual(['commonIssueSolved']);
    expect(solveByCommonIssue(ticket(3), solved, LATER)).toEqual({ ok: true, noop: true });
  });
});
