import { describe, expect, it } from 'vitest';
import {
  ticketContributions,
  type SupervisionNotice,
  addressing,
  applyNotice,
  buildNotice,
  decideJob,
  DEFAULT_CLOCK_POLICY,
  defaultCalendar,
  dueJobs,
  isItemOverdue,
  itemDueAt,
  noticeText,
  parseNoticeId,
  planItemId,
  rulesFor,
  startClock,
  transition,
  type Command,
  type Principal,
  type Ticket,
} from '@whistle/shared';

/** The tracked item's rules (shared/src/plan) and the machine's and ladder's use of them, on a fake clock. */
const cal = defaultCalendar({ 2026: { holidays: ['2026-11-26'], workdays: [] } });
const policy = DEFAULT_CLOCK_POLICY;
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const NOW = sh('2026-11-24T10:00:00'); // a Tuesday in office hours

const officer = (unitId: string): Principal => ({ userId: `off-${unitId}`, tenantId: 't', name: `干部${unitId}`, roles: ['officer'], unitId, unitName: `单位${unitId}` });
const supervisor: Principal = { userId: 'sup', tenantId: 't', name: '督办', roles: ['supervisor'] };
const owner: Principal = { userId: 'o1', tenantId: 't', name: '企业主', roles: ['owner'], enterpriseId: '91500108MA60000006' };
const leader: Principal = { userId: 'ld', tenantId: 't', name: '张副区长', roles: ['leader'] };
const unit = (id: string) => ({ id, name: `单位${id}` });

function claimed(): Ticket {
  return {
    id: 'tk1',
    tenantId: 't',
    number: '2026-000001',
    enterpriseId: '91500108MA60000006',
    enterpriseName: '清溪禾香食品有限公司',
    gridId: 'g01',
    channel: 'miniapp',
    category: 'land',
    priority: 'normal',
    title: '新厂房用地',
    description: '用地手续',
    status: 'claimed',
    groupIds: ['g'],
    handlingUnitId: 'ghzy',
    handlingUnitName: '单位ghzy',
    claimedAt: NOW,
    declinedUnitIds: [],
    difficult: false,
    reopenCount: 0,
    clocks: [startClock(cal, { kind: 'resolve', rule: rulesFor(policy, 'normal').resolve, start: NOW, unitId: 'ghzy' })],
    createdBy: { userId: 'o1', name: '企业主', role: 'owner' },
    createdAt: NOW,
    updatedAt: NOW,
    version: 3,
  };
}

function run(t: Ticket, p: Principal, command: Command, now = NOW) {
  return transition(t, command, { principal: p, now, calendar: cal, policy, groupUnitIds: ['ghzy'] });
}
function must(t: Ticket, p: Principal, command: Command, now = NOW): Ticket {
  const r = run(t, p, command, now);
  if (!r.ok) throw r.error;
  return r.ticket;
}
const keyMatter = () => must(claimed(), officer('ghzy'), { type: 'classify', class: 'key', reason: '涉及多部门用地审批' });
const ITEMS = [
  { title: '土地流转协议', owner: unit('nsz'), dueDate: '2026-11-25' },
  { title: '施工许可', owner: unit('zjw'), dueDate: '2026-11-28' },
];
const planned = () => must(keyMatter(), officer('ghzy'), { type: 'plan', coUnits: [unit('fgw')], items: ITEMS });

describe('the due instant of a due date', () => {
  it('is the close of office hours that day, or of the next working day after a weekend or a holiday', () => {
    expect(itemDueAt(cal, '2026-11-25').dueAt).toBe(sh('2026-11-25T17:30:00'));
    expect(itemDueAt(cal, '2026-11-28').dueAt).toBe(sh('2026-11-30T17:30:00')); // Saturday → Monday
    expect(itemDueAt(cal, '2026-11-26').dueAt).toBe(sh('2026-11-27T17:30:00')); // the tenant's holiday → Friday
    expect(itemDueAt(cal, '2031-03-03').calendarMissing).toBe(true);
  });

  it('an item id is derived from holder, owner and title (spaces as people mean them)', () => {
    expect(planItemId('tk1', 'nsz', ' 土地  流转 ')).toBe(planItemId('tk1', 'nsz', '土地 流转'));
    expect(planItemId('tk1', 'nsz', '土地流转')).not.toBe(planItemId('tk1', 'zjw', '土地流转'));
    expect(planItemId('tk1', 'nsz', '土地流转')).toMatch(/^pi[a-z0-9]{10}$/);
  });
});

describe('classification', () => {
  it('the handling unit or the supervisor classify, with a reason on the timeline; nobody else', () => {
    const t = claimed();
    expect(t.classification).toBeUndefined();
    const r = run(t, officer('ghzy'), { type: 'classify', class: 'individual', reason: '个别企业' });
    expect(r.ok && r.entries).toEqual([{ kind: 'classified', text: '个别企业', data: { class: 'individual', label: '个性问题' } }]);
    const again = run(r.ok ? r.ticket : t, supervisor, { type: 'classify', class: 'common', reason: '多家企业反映' });
    expect(again.ok && again.entries[0]?.data).toMatchObject({ class: 'common', from: 'individual' });
    for (const p of [owner, officer('nsz'), leader]) {
      const no = run(t, p, { type: 'classify', class: 'key', reason: '重点' });
      expect(!no.ok && no.error.code).toBe('FORBIDDEN');
    }
  });

  it('the same classification asked again is a replay: nothing to commit', () => {
    const t = keyMatter();
    const r = run(t, officer('ghzy'), { type: 'classify', class: 'key', reason: '涉及多部门用地审批' });
    expect(r).toMatchObject({ ok: true, replay: true, ticket: { version: t.version } });
  });
});

describe('the plan', () => {
  it('only a key matter or a joint handling has one; the lead unit, the leader or the supervisor set it', () => {
    const individual = run(claimed(), officer('ghzy'), { type: 'plan', coUnits: [], items: ITEMS });
    expect(!individual.ok && individual.error.code).toBe('INVALID_TRANSITION');
    for (const p of [owner, officer('nsz')]) {
      const no = run(keyMatter(), p, { type: 'plan', coUnits: [], items: ITEMS });
      expect(!no.ok && no.error.code).toBe('FORBIDDEN');
    }
    const t = planned();
    expect(t.plan).toMatchObject({ leadUnitId: 'ghzy', coUnits: [{ unitId: 'fgw' }, { unitId: 'nsz' }, { unitId: 'zjw' }] });
    expect(t.plan?.items.map((i) => [i.ownerUnitId, i.dueDate, i.status])).toEqual([
      ['nsz', '2026-11-25', 'open'],
      ['zjw', '2026-11-28', 'open'],
    ]);
    const clock = t.clocks.find((c) => c.id === `item:${t.plan?.items[0]?.id}`);
    expect(clock).toMatchObject({ kind: 'item', unitId: 'nsz', dueAt: sh('2026-11-25T17:30:00'), nextEscalationAt: sh('2026-11-25T17:30:00'), escalations: 0 });
  });

  it('a due date before today is refused, naming the field', () => {
    const r = run(keyMatter(), officer('ghzy'), { type: 'addItem', title: 'x', owner: unit('nsz'), dueDate: '2026-11-23' });
    expect(!r.ok && r.error).toMatchObject({ code: 'INVALID_TRANSITION' });
    const p = planned();
    const late = run(p, officer('ghzy'), { type: 'addItem', title: 'x', owner: unit('nsz'), dueDate: '2026-11-23' });
    expect(!late.ok && late.error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'dueDate' }] });
    // in a list, even of one, the field is the item's: a form marks that row
    const one = run(keyMatter(), officer('ghzy'), { type: 'plan', coUnits: [], items: [{ title: 'x', owner: unit('nsz'), dueDate: '2026-11-23' }] });
    expect(!one.ok && one.error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'items.0.dueDate' }] });
  });

  it('the same plan or item asked again adds nothing (a retry), a new item joins its owner to the team', () => {
    const t = planned();
    expect(run(t, officer('ghzy'), { type: 'plan', coUnits: [], items: ITEMS })).toMatchObject({ ok: true, replay: true });
    expect(run(t, supervisor, { type: 'addItem', ...ITEMS[0]! })).toMatchObject({ ok: true, replay: true });
    // a leader who does not lead this matter may not
    expect(run(t, leader, { type: 'addItem', ...ITEMS[0]! })).toMatchObject({ ok: false });
    const more = must(t, supervisor, { type: 'addItem', title: '环评批复', owner: unit('sthj'), dueDate: '2026-12-04' });
    expect(more.plan?.items).toHaveLength(3);
    expect(more.plan?.coUnits.map((c) => c.unitId)).toContain('sthj');
  });

  it('an item is done by its owner unit (or the supervisor), once; the lead resolves only when all are done', () => {
    const t = planned();
    const [a, b] = t.plan?.items ?? [];
    if (!a || !b) throw new Error('two items');
    const notMine = run(t, officer('zjw'), { type: 'itemDone', itemId: a.id });
    expect(!notMine.ok && notMine.error.code).toBe('FORBIDDEN');
    const byOwner = run(t, owner, { type: 'itemDone', itemId: a.id });
    expect(!byOwner.ok && byOwner.error.code).toBe('FORBIDDEN');
    const later = sh('2026-11-25T09:30:00');
    const done = must(t, officer('nsz'), { type: 'itemDone', itemId: a.id, note: '协议已签' }, later);
    expect(done.plan?.items[0]).toMatchObject({ status: 'done', doneAt: later, doneBy: 'off-nsz', note: '协议已签' });
    expect(done.clocks.find((c) => c.id === `item:${a.id}`)?.metAt).toBe(later);
    expect(run(done, officer('nsz'), { type: 'itemDone', itemId: a.id })).toMatchObject({ ok: true, replay: true });
    const early = run(done, officer('ghzy'), { type: 'resolve', kind: 'resolved', summary: '办结' });
    expect(!early.ok && early.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { pendingItems: [b.id] } });
    const all = must(done, supervisor, { type: 'itemDone', itemId: b.id });
    expect(run(all, officer('ghzy'), { type: 'resolve', kind: 'resolved', summary: '办结' }).ok).toBe(true);
  });

  it('the supervisor moves an open item’s due date: its clock starts again; nobody else may', () => {
    const t = planned();
    const a = t.plan?.items[0];
    if (!a) throw new Error('an item');
    expect(run(t, officer('ghzy'), { type: 'itemDue', itemId: a.id, dueDate: '2026-12-02', reason: '等待村民表决' }).ok).toBe(false);
    const at = sh('2026-11-24T11:00:00');
    const moved = must(t, supervisor, { type: 'itemDue', itemId: a.id, dueDate: '2026-12-02', reason: '等待村民表决' }, at);
    expect(moved.plan?.items[0]).toMatchObject({ dueDate: '2026-12-02', dueAt: sh('2026-12-02T17:30:00') });
    expect(moved.clocks.find((c) => c.id === `item:${a.id}`)).toMatchObject({ startedAt: at, escalations: 0 });
    expect(isItemOverdue(a, sh('2026-11-25T17:31:00'))).toBe(true);
  });
});

describe('a plan item on the ladder', () => {
  it('is due after its instant: 提醒 to its owner unit, 催办 with its unit lead and the leader, 警告 with the supervisor; notices name the item', () => {
    let t = must(planned(), leader, { type: 'lead', leader: { userId: 'ld', name: '张副区长' } });
    const item = t.plan?.items[0];
    if (!item) throw new Error('an item');
    const clockId = `item:${item.id}`;
    expect(dueJobs(t, sh('2026-11-25T17:00:00')).some((j) => j.clockId === clockId)).toBe(false);
    const levels: string[] = [];
    for (const [n, local] of [[1, '2026-11-25T17:31:00'], [2, '2026-11-27T17:31:00'], [3, '2026-11-30T17:31:00']] as const) {
      const now = sh(local);
      const job = dueJobs(t, now).find((j) => j.clockId === clockId);
      expect(job?.level).toBe(n);
      const d = decideJob(t, job!, now);
      if (d.kind !== 'issue') throw new Error(`level ${n} dropped: ${d.reason}`);
      const notice = buildNotice(t, d.clock, n, [], `DB-${n}`, now);
      expect(notice).toMatchObject({ unitId: 'nsz', itemId: item.id, itemTitle: '土地流转协议', clockKind: 'item' });
      expect(parseNoticeId(notice.id)).toMatchObject({ clockId });
      const a = addressing(t, d.clock, n, []);
      expect(a.addressees.includes('user:ld')).toBe(n >= 2);
      expect(a.addressees.includes('unitLead:nsz')).toBe(n >= 2);
      expect(a.addressees.includes('supervisors')).toBe(n === 3);
      expect(noticeText(t, d.clock, notice, n).body).toContain('方案事项「土地流转协议」（单位nsz');
      const applied = applyNotice(t, notice, n, { calendar: cal, policy, groups: [], now });
      expect(applied.entries[0]?.data).toMatchObject({ itemId: item.id, clockKind: 'item' });
      levels.push(notice.level);
      t = applied.ticket;
    }
    expect(levels).toEqual(['reminder', 'urge', 'warning']);
    expect(dueJobs(t, sh('2026-12-31T17:31:00')).some((j) => j.clockId === clockId)).toBe(false);
  });

  it('a done item drops its pending job', () => {
    const t = planned();
    const item = t.plan?.items[0];
    if (!item) throw new Error('an item');
    const now = sh('2026-11-25T17:31:00');
    const job = dueJobs(t, now).find((j) => j.clockId === `item:${item.id}`);
    const done = must(t, officer('nsz'), { type: 'itemDone', itemId: item.id }, now);
    expect(decideJob(done, job!, now)).toEqual({ kind: 'drop', reason: 'met' });
  });
});

describe('plan items in the assessment', () => {
  it('count as joint tasks for their owner units: done on time, done late, open and noticed; open and not late counts nothing', () => {
    const t = planned();
    const [a, b] = t.plan?.items ?? [];
    if (!a || !b) throw new Error('two items');
    // nsz's item done on time; zjw's late and noticed, still open
    const done = must(t, officer('nsz'), { type: 'itemDone', itemId: a.id }, sh('2026-11-25T15:00:00'));
    const notice = { clockId: `item:${b.id}`, level: 'reminder', unitId: 'zjw', id: 'n1', issuedAt: sh('2026-11-30T17:31:00') } as SupervisionNotice;
    const byUnit = (contribs: ReturnType<typeof ticketContributions>, unitId: string) => contribs.find((c) => c.unitId === unitId)?.counters;
    const noNotices = ticketContributions(done, [], [], cal);
    expect(byUnit(noNotices, 'nsz')).toMatchObject({ tasks: 1, tasksOnTime: 1 });
    expect(byUnit(noNotices, 'zjw')?.tasks).toBeUndefined();
    const withNotice = ticketContributions(done, [notice], [], cal);
    expect(byUnit(withNotice, 'zjw')).toMatchObject({ tasks: 1, reminders: 1 });
    expect(byUnit(withNotice, 'zjw')?.tasksOnTime).toBeUndefined();
    const lateDone = must(done, officer('zjw'), { type: 'itemDone', itemId: b.id }, sh('2026-12-01T10:00:00'));
    expect(byUnit(ticketContributions(lateDone, [notice], [], cal), 'zjw')).toMatchObject({ tasks: 1 });
    expect(byUnit(ticketContributions(lateDone, [notice], [], cal), 'zjw')?.tasksOnTime).toBeUndefined();
  });
});

describe('the plan team', () => {
  it('an item owner unit (in the team, not a joint co-unit) messages and reports progress; a unit outside the team may not', () => {
    const t = planned();
    expect(t.plan?.coUnits.map((c) => c.unitId)).toEqual(expect.arrayContaining(['nsz', 'zjw']));
    expect(run(t, officer('nsz'), { type: 'message', text: '协议文本已起草' }).ok).toBe(true);
    expect(run(t, officer('zjw'), { type: 'progress', text: '施工许可材料已受理' }).ok).toBe(true);
    expect(run(t, officer('jxw'), { type: 'message', text: '路过' }).ok).toBe(false);
    expect(run(t, officer('jxw'), { type: 'progress', text: '路过' }).ok).toBe(false);
  });
});
