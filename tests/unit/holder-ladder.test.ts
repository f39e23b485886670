import { describe, expect, it } from 'vitest';
import { holderDueEntryOf, holderItems } from '../../functions/src/store/holder-items.js';
import { keys } from '../../functions/src/store/keys.js';
import { retrospectiveItem } from '../../functions/src/store/retrospective-store.js';
import {
  applyHolderNotice,
  buildHolderNotice,
  completeTask,
  CreateRetrospectiveBody,
  decideHolderJob,
  defaultCalendar,
  DEFAULT_CLOCK_POLICY,
  holderDueJobs,
  mayCompleteTask,
  openRetrospective,
  retrospectiveHolder,
  type CommonIssue,
  type Principal,
  type RetroContext,
  type Ticket,
} from '@whistle/shared';

/** The ladder for records of their own (shared/src/plan/ladder.ts), on a retrospective's tasks, with a fixed clock. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const calendar = defaultCalendar({ 2026: { holidays: [], workdays: [] } });
const UNITS: Record<string, string> = { ghzy: '自然资源局', zjw: '住建委' };
const ctx: RetroContext = { calendar, now: sh('2026-11-24T10:00:00'), by: { userId: 'supervisor', name: '督办科' }, unitOf: (id) => (UNITS[id] ? { id, name: UNITS[id] } : undefined) };
const ticket = { id: 'tk1', tenantId: 't', number: '2026-000001', title: '新厂房用地手续' } as Ticket;
const retro = (status: 'draft' | 'issued') => {
  const r = openRetrospective({ kind: 'ticket', ticket }, CreateRetrospectiveBody.parse({ unitIds: ['ghzy', 'zjw'], happened: '经过', tasks: [{ title: '梳理清单', ownerUnitId: 'ghzy', dueDate: '2026-11-25' }] }), ctx);
  if (!r.ok) throw r.error;
  return { ...r.value, status };
};
const officer = (unitId: string): Principal => ({ userId: `o-${unitId}`, tenantId: 't', name: 'x', roles: ['officer'], unitId });

describe('the ladder of a record of its own', () => {
  it('has nothing due on a draft, and one job naming the holder once an issued task is late', () => {
    const late = sh('2026-11-25T17:31:00');
    expect(holderDueJobs(retrospectiveHolder(retro('draft')), late)).toEqual([]);
    const h = retrospectiveHolder(retro('issued'));
    expect(holderDueJobs(h, sh('2026-11-25T17:00:00'))).toEqual([]);
    const jobs = holderDueJobs(h, late);
    expect(jobs).toEqual([expect.objectContaining({ ticketId: 'tk1', holder: { kind: 'retrospective', id: h.id }, clockId: h.clocks[0]?.id, level: 1 })]);
  });

  it('addresses the owner unit, its lead from the urge, the supervisor at the warning; a redelivered level is dropped', () => {
    const h = retrospectiveHolder(retro('issued'));
    const clock = h.clocks[0];
    if (!clock) throw new Error('a clock');
    const at = sh('2026-11-25T17:31:00');
    const notice = buildHolderNotice(h, clock, 1, 'DB-2026-0001', at);
    expect(notice).toMatchObject({ ticketId: 'tk1', unitId: 'ghzy', addressees: ['unit:ghzy'], level: 'reminder', itemTitle: '梳理清单', holder: { kind: 'retrospective', id: h.id } });
    expect(buildHolderNotice(h, clock, 2, 'n', at).addressees).toEqual(['unit:ghzy', 'unitLead:ghzy']);
    expect(buildHolderNotice(h, clock, 3, 'n', at).addressees).toEqual(['unit:ghzy', 'unitLead:ghzy', 'supervisors']);
    const applied = applyHolderNotice(h, notice, 1, { calendar, policy: DEFAULT_CLOCK_POLICY });
    expect(applied.notification.body).toContain('典型问题复盘「');
    expect(applied.notification.body).toContain('整改任务「梳理清单」（自然资源局');
    const advanced = { ...h, clocks: applied.clocks };
    const [job] = holderDueJobs(h, at);
    if (!job) throw new Error('a job');
    expect(decideHolderJob(h, job, at)).toMatchObject({ kind: 'issue' });
    expect(decideHolderJob(advanced, job, at)).toEqual({ kind: 'drop', reason: 'done' });
  });

  it('stops once the owner unit marks the task done; only that unit or the supervisor may', () => {
    const r = retro('issued');
    const item = r.plan.items[0];
    if (!item) throw new Error('an item');
    expect(mayCompleteTask(officer('zjw'), r, item.id)).toBe(false);
    expect(mayCompleteTask(officer('ghzy'), r, item.id)).toBe(true);
    const done = completeTask(r, item.id, { userId: 'o-ghzy', name: '张' }, undefined, sh('2026-11-25T16:00:00'));
    if (!done.ok) throw done.error;
    expect(done.value.retrospective.rev).toBe(r.rev + 1);
    const h = retrospectiveHolder(done.value.retrospective);
    expect(h.open).toBe(false);
    expect(holderDueJobs(h, sh('2026-11-26T17:31:00'))).toEqual([]);
    const again = completeTask(done.value.retrospective, item.id, { userId: 'o-ghzy', name: '张' }, undefined, sh('2026-11-25T16:05:00'));
    expect(again.ok && again.value.already).toBe(true);
  });
});

describe('a retrospective’s item on the due index', () => {
  const ci = { id: 'ci0000000001', tenantId: 't', title: '园区周边就餐难', leadUnitId: 'ghzy', leadUnitName: '自然资源局', plan: { leadUnitId: 'ghzy', coUnits: [], items: [] } } as unknown as CommonIssue;
  const onCommonIssue = () => {
    const r = openRetrospective({ kind: 'commonIssue', commonIssue: ci }, CreateRetrospectiveBody.parse({ unitIds: ['zjw'], happened: '经过', tasks: [{ title: '梳理清单', ownerUnitId: 'ghzy', dueDate: '2026-11-25' }] }), ctx);
    if (!r.ok) throw r.error;
    return { ...r.value, status: 'issued' as const };
  };

  it('is found in its subject’s partition, whichever the subject: the holder’s partition is the key’s', () => {
    for (const r of [retro('issued'), onCommonIssue()]) {
      const partition = r.subject.kind === 'ticket' ? r.subject.ticketId : r.subject.commonIssueId;
      const item = retrospectiveItem(r);
      expect({ pk: item.pk, sk: item.sk }).toEqual(keys.retrospective('t', partition, r.id));
      expect(item.duePk).toBeDefined();
      const entry = holderDueEntryOf(item);
      expect(entry).toMatchObject({ ref: { kind: 'retrospective', id: r.id }, ticketId: partition, key: { pk: item.pk, sk: item.sk } });
      expect(entry.error).toBeUndefined();
      expect(holderItems('retrospective')?.key('t', entry.ticketId, r.id)).toEqual({ pk: item.pk, sk: item.sk });
      const [job] = holderDueJobs(retrospectiveHolder(r), sh('2026-11-25T17:31:00'));
      expect(job).toMatchObject({ ticketId: partition, holder: { kind: 'retrospective', id: r.id } });
    }
  });
});
