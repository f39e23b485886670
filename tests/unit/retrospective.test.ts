import { describe, expect, it } from 'vitest';
import {
  CreateCommonIssueRetrospectiveBody,
  CreateRetrospectiveBody,
  defaultCalendar,
  editRetrospective,
  EditRetrospectiveBody,
  mayReadRetrospective,
  mayWriteRetrospective,
  openRetrospective,
  retrospectiveHolder,
  retrospectiveId,
  subjectPartitionId,
  type CommonIssue,
  type Principal,
  type RetroContext,
  type Ticket,
} from '@whistle/shared';

/** The retrospective's pure rules (shared/src/retrospective): its id, access, opening and editing with tasks as plan items. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const NOW = sh('2026-11-24T10:00:00'); // a Tuesday in office hours
const UNITS: Record<string, string> = { ghzy: '自然资源局', zjw: '住建委', jxw: '经信委' };
const ctx: RetroContext = {
  calendar: defaultCalendar({ 2026: { holidays: ['2026-11-26'], workdays: [] } }),
  now: NOW,
  by: { userId: 'supervisor', name: '督办科' },
  unitOf: (id) => (UNITS[id] ? { id, name: UNITS[id] } : undefined),
};
const ticket = { id: 'tk1', tenantId: 't', number: '2026-000001', title: '新厂房用地手续' } as Ticket;
const body = (extra: object = {}) =>
  CreateRetrospectiveBody.parse({ unitIds: ['ghzy', 'zjw', 'ghzy'], happened: '经过', tasks: [{ title: ' 梳理  清单 ', ownerUnitId: 'ghzy', dueDate: '2026-11-26' }], ...extra });
const opened = () => {
  const r = openRetrospective({ kind: 'ticket', ticket }, body(), ctx);
  if (!r.ok) throw r.error;
  return r.value;
};
const officer = (unitId: string, roles: Principal['roles'] = ['officer']): Principal => ({ userId: `o-${unitId}`, tenantId: 't', name: 'x', roles, unitId });

describe('retrospectives', () => {
  it('derive their id from the ticket and the title, spaces aside', () => {
    expect(retrospectiveId('tk1', '复盘 一')).toMatch(/^rt[a-z0-9]{10}$/);
    expect(retrospectiveId('tk1', ' 复盘  一 ')).toBe(retrospectiveId('tk1', '复盘 一'));
    expect(retrospectiveId('tk1', '复盘二')).not.toBe(retrospectiveId('tk1', '复盘 一'));
    expect(retrospectiveId('tk2', '复盘 一')).not.toBe(retrospectiveId('tk1', '复盘 一'));
  });

  it('open as drafts: units once each, tasks as plan items on their own clocks, due at the close of the next working day after a holiday', () => {
    const r = opened();
    expect(r).toMatchObject({ status: 'draft', rev: 1, subject: { kind: 'ticket', ticketId: 'tk1' }, title: '关于2026-000001「新厂房用地手续」的典型问题复盘' });
    expect(r.units.map((u) => u.unitId)).toEqual(['ghzy', 'zjw']);
    const [item] = r.plan.items;
    expect(item).toMatchObject({ title: '梳理 清单', ownerUnitName: '自然资源局', dueDate: '2026-11-26', status: 'open' });
    expect(item?.dueAt.slice(0, 10)).toBe('2026-11-27'); // 11-26 is a holiday: 顺延
    expect(r.clocks).toEqual([expect.objectContaining({ id: `item:${item?.id}`, kind: 'item', unitId: 'ghzy' })]);
  });

  it('name the field of an unknown unit or a past due date', () => {
    const unknown = openRetrospective({ kind: 'ticket', ticket }, body({ unitIds: ['ghzy', 'nope'] }), ctx);
    expect(unknown.ok ? [] : unknown.error.details).toEqual([{ field: 'unitIds.1', message: '没有这个单位' }]);
    const owner = openRetrospective({ kind: 'ticket', ticket }, body({ tasks: [{ title: 'a', ownerUnitId: 'nope', dueDate: '2026-12-01' }] }), ctx);
    expect(owner.ok ? [] : owner.error.details).toEqual([{ field: 'tasks.0.ownerUnitId', message: '没有这个单位' }]);
    const past = openRetrospective({ kind: 'ticket', ticket }, body({ tasks: [{ title: 'a', ownerUnitId: 'zjw', dueDate: '2026-11-20' }] }), ctx);
    expect(past.ok).toBe(false);
    expect(CreateRetrospectiveBody.safeParse({ unitIds: ['ghzy'], happened: '经过', findings: [{ tag: 'x', text: 'a' }] }).success).toBe(false);
  });

  it('edit: fields replaced, a task asked again added once, rev + 1; an issued one changes only back to draft', () => {
    const r = opened();
    const same = r.plan.items[0];
    const e = editRetrospective(r, EditRetrospectiveBody.parse({ rev: 1, causes: ['原因'], tasks: [{ title: '梳理 清单', ownerUnitId: 'ghzy', dueDate: '2026-11-26' }, { title: '新任务', ownerUnitId: 'jxw', dueDate: '2026-12-01' }] }), ctx);
    if (!e.ok) throw e.error;
    expect(e.value.rev).toBe(2);
    expect(e.value.causes).toEqual(['原因']);
    expect(e.value.plan.items.map((i) => i.id)).toEqual([same?.id, expect.any(String)]);
    expect(e.value.clocks).toHaveLength(2);
    const issued = editRetrospective(e.value, EditRetrospectiveBody.parse({ rev: 2, status: 'issued' }), ctx);
    if (!issued.ok) throw issued.error;
    expect(editRetrospective(issued.value, EditRetrospectiveBody.parse({ rev: 3, causes: ['改'] }), ctx).ok).toBe(false);
    expect(editRetrospective(issued.value, EditRetrospectiveBody.parse({ rev: 3, status: 'draft', causes: ['改'] }), ctx).ok).toBe(true);
  });

  it('are written by the supervisor and read by the staff and leads of their units only', () => {
    const r = opened();
    const sup: Principal = { userId: 's', tenantId: 't', name: 's', roles: ['supervisor'] };
    expect(mayWriteRetrospective(sup)).toBe(true);
    expect(mayWriteRetrospective(officer('ghzy'))).toBe(false);
    expect(mayReadRetrospective(officer('ghzy'), r)).toBe(true);
    expect(mayReadRetrospective(officer('zjw', ['unitLead']), r)).toBe(true);
    expect(mayReadRetrospective(officer('jxw'), r)).toBe(false);
    expect(mayReadRetrospective({ userId: 'o', tenantId: 't', name: 'o', roles: ['owner'] }, r)).toBe(false);
  });
});

describe('a retrospective on a common issue', () => {
  const ci = {
    id: 'ci0000000001',
    tenantId: 't',
    title: '园区周边就餐难',
    leadUnitId: 'jxw',
    leadUnitName: '经信委',
    plan: {
      leadUnitId: 'jxw',
      coUnits: [{ unitId: 'zjw', unitName: '住建委' }],
      items: [{ id: 'pi0000000001', title: '改造食堂', ownerUnitId: 'zjw', ownerUnitName: '住建委' }],
    },
  } as unknown as CommonIssue;
  const open = (extra: object = {}) => openRetrospective({ kind: 'commonIssue', commonIssue: ci }, CreateCommonIssueRetrospectiveBody.parse({ happened: '经过', ...extra }), ctx);

  it('is named after the common issue, its id derived from it and the title; its team takes part first, then any named', () => {
    const r = open({ unitIds: ['ghzy', 'zjw'] });
    if (!r.ok) throw r.error;
    expect(r.value).toMatchObject({ subject: { kind: 'commonIssue', commonIssueId: ci.id }, title: '关于共性问题「园区周边就餐难」的典型问题复盘', status: 'draft', rev: 1 });
    expect(r.value.id).toBe(retrospectiveId(ci.id, '关于共性问题「园区周边就餐难」的典型问题复盘'));
    expect(r.value.units.map((u) => u.unitId)).toEqual(['jxw', 'zjw', 'ghzy']);
    expect(r.value.plan.leadUnitId).toBe('jxw');
    const team = open();
    expect(team.ok && team.value.units.map((u) => u.unitName)).toEqual(['经信委', '住建委']);
    const unknown = open({ unitIds: ['nope'] });
    expect(unknown.ok ? [] : unknown.error.details).toEqual([{ field: 'unitIds.0', message: '没有这个单位' }]);
  });

  it('lives in the common issue’s partition, and its notices there open the common issue', () => {
    const r = open();
    if (!r.ok) throw r.error;
    expect(subjectPartitionId(r.value.subject)).toBe(ci.id);
    expect(retrospectiveHolder(r.value)).toMatchObject({ kind: 'retrospective', id: r.value.id, ticketId: ci.id, commonIssueId: ci.id, open: false });
    const onTicket = opened();
    expect(retrospectiveHolder(onTicket).ticketId).toBe('tk1');
    expect(retrospectiveHolder(onTicket).commonIssueId).toBeUndefined();
    // read by its units as on a ticket
    expect(mayReadRetrospective(officer('zjw'), r.value)).toBe(true);
    expect(mayReadRetrospective(officer('ghzy'), r.value)).toBe(false);
  });

  it('needs no unit named on a common issue, and at least one on a ticket', () => {
    expect(CreateCommonIssueRetrospectiveBody.safeParse({ happened: '经过' }).success).toBe(true);
    expect(CreateRetrospectiveBody.safeParse({ happened: '经过' }).success).toBe(false);
  });
});
