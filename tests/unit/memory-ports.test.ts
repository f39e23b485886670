import { DEFAULT_CLOCK_POLICY, SHIPPED_YEARS, type SupervisionNotice } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/src/store/keys.js';
import { demoPorts, memoryPorts } from '../support/memory/index.js';
import { body, KEY_OWNER } from './services/kit.js';
import { intake } from '../../functions/src/services/tickets.js';

/** The in-memory adapters themselves, where the services do not reach every rule. */
describe('in-memory ports', () => {
  it('claim locks: if_not_exists; a take-over only of an expired lock on a published ticket; none on another group', async () => {
    const { ports, as } = await demoPorts();
    const { ticket: t } = await intake(ports, await as(KEY_OWNER), body(), 'k');
    const req = (token: string, until: string, groupIds = ['key']) => ({ token, unitId: token, unitName: token, until, now: '2026-01-01T00:00:00.000Z', groupIds });
    expect(await ports.tickets.lockClaim(t.tenantId, t.id, req('a', '2099-01-01T00:00:00.000Z', ['ind-food']))).toBeUndefined();
    expect(await ports.tickets.lockClaim(t.tenantId, t.id, req('a', '2099-01-01T00:00:00.000Z', []))).toBeUndefined();
    const a = await ports.tickets.lockClaim(t.tenantId, t.id, req('a', '2099-01-01T00:00:00.000Z'));
    expect(a?.holder.token).toBe('a');
    expect(a?.stored?.ticket.id).toBe(t.id);
    const b = await ports.tickets.lockClaim(t.tenantId, t.id, req('b', '2099-01-01T00:00:00.000Z'));
    expect(b).toEqual({ holder: { token: 'a', unitId: 'a', unitName: 'a', until: '2099-01-01T00:00:00.000Z' } });
    // live: no take-over
    expect(await ports.tickets.lockClaim(t.tenantId, t.id, req('c', '2099-01-01T00:00:00.000Z'), { takeOver: true })).toBeUndefined();
    expect(await ports.tickets.lockClaim('nowhere', t.id, req('c', '2099-01-01T00:00:00.000Z'))).toBeUndefined();
  });

  it('settle is conditional on the version: an older settle leaves a newer commit alone', async () => {
    const { ports, as } = await demoPorts();
    const { ticket: t } = await intake(ports, await as(KEY_OWNER), body(), 'k');
    const read = await ports.tickets.get(t.tenantId, t.id);
    if (!read) throw new Error('no ticket');
    const next = { ...read.ticket, version: 2, title: '改了标题' };
    const effects = { entries: [], notifications: [] };
    expect(await ports.tickets.commit(read, next, effects)).toBe(true);
    expect(await ports.tickets.commit(read, next, effects)).toBe(false);
    await ports.tickets.settle(read);
    expect((await ports.tickets.get(t.tenantId, t.id))?.pending).toEqual(effects);
    await ports.tickets.settle({ ticket: next });
    expect((await ports.tickets.get(t.tenantId, t.id))?.pending).toBeUndefined();
  });

  it('values are copies: changing what was read or written changes nothing stored', async () => {
    const { ports, as } = await demoPorts();
    const { ticket: t } = await intake(ports, await as(KEY_OWNER), body(), 'k');
    const read = await ports.tickets.get(t.tenantId, t.id);
    if (!read) throw new Error('no ticket');
    read.ticket.title = '被改了';
    read.ticket.groupIds.push('x');
    t.title = '也被改了';
    const again = await ports.tickets.get(t.tenantId, t.id);
    expect(again?.ticket.title).toBe('厂房用电增容');
    expect(again?.ticket.groupIds).toHaveLength(3);
    const sent = ports.queue.outbox[0];
    if (sent) sent.title = 'x';
    expect(ports.table.get(keys.ticket(t.tenantId, t.id))?.title).toBe('厂房用电增容');
  });

  it('ticket and notice numbers count per tenant and year', async () => {
    const ports = memoryPorts();
    // concurrent requests: each its own number (in whatever order their round trips end)
    expect((await Promise.all([1, 2, 3].map(() => ports.tickets.nextNumber('a', 2026)))).sort()).toEqual(['2026-000001', '2026-000002', '2026-000003']);
    expect(await ports.tickets.nextNumber('b', 2026)).toBe('2026-000001');
    expect(await ports.tickets.nextNumber('a', 2027)).toBe('2027-000001');
    // a number not used goes back while it is the last drawn (as the store's `value = :n`), else it stays a gap
    await ports.tickets.returnNumber('a', '2027-000001');
    expect(await ports.tickets.nextNumber('a', 2027)).toBe('2027-000001');
    expect(await ports.tickets.nextNumber('a', 2027)).toBe('2027-000002');
    await ports.tickets.returnNumber('a', '2027-000001');
    expect(await ports.tickets.nextNumber('a', 2027)).toBe('2027-000003');
    // the local year: 20:00 UTC on 31 December is New Year's Day in Shanghai
    expect(await ports.notices.nextNumber('a', '2026-12-31T20:00:00.000Z')).toBe('DB2027-000001');
    expect(await ports.notices.nextNumber('a', '2026-12-31T10:00:00.000Z')).toBe('DB2026-000001');
  });

  it('notices: created once, listed by tenant and unit with level and time filters, acknowledged once', async () => {
    const ports = memoryPorts();
    const notice = (i: number, level: SupervisionNotice['level'], unitId?: string): SupervisionNotice => ({
      id: `tk${i}~claim~0~${level}`,
      tenantId: 'a',
      number: `DB2026-00000${i}`,
      ticketId: `tk${i}`,
      ticketNumber: `2026-00000${i}`,
      ...(unitId ? { unitId } : {}),
      addressees: unitId ? [`unit:${unitId}`] : ['supervisors'],
      level,
      clockId: 'claim',
      clockKind: 'claim',
      issuedAt: `2026-11-0${i}T02:00:00.000Z`,
    });
    expect(await ports.notices.create(notice(1, 'reminder', 'jxw'), 0)).toBe(true);
    expect(await ports.notices.create({ ...notice(1, 'reminder', 'jxw'), number: 'other' }, 0)).toBe(false);
    await ports.notices.create(notice(2, 'urge', 'jxw'), 0);
    await ports.notices.create(notice(3, 'urge'), 0);
    expect((await ports.notices.get('a', notice(1, 'reminder').id))?.number).toBe('DB2026-000001');
    expect((await ports.notices.byTenant('a', {})).items.map((n) => n.ticketId)).toEqual(['tk3', 'tk2', 'tk1']);
    expect((await ports.notices.byTenant('a', { level: 'urge' })).items.map((n) => n.ticketId)).toEqual(['tk3', 'tk2']);
    expect((await ports.notices.byTenant('a', { from: '2026-11-02', to: '2026-11-02' })).items.map((n) => n.ticketId)).toEqual(['tk2']);
    expect((await ports.notices.byUnit('a', 'jxw', {})).items.map((n) => n.ticketId)).toEqual(['tk2', 'tk1']);
    expect((await ports.notices.byTicket('a', 'tk1')).map((n) => n.level)).toEqual(['reminder']);
    expect(await ports.notices.acknowledge('a', notice(1, 'reminder').id, 'u1', '2026-11-05T00:00:00.000Z')).toMatchObject({ alreadyAcknowledged: false });
    expect(await ports.notices.acknowledge('a', notice(1, 'reminder').id, 'u2', '2026-11-06T00:00:00.000Z')).toMatchObject({
      alreadyAcknowledged: true,
      notice: { acknowledgedBy: 'u1' },
    });
    expect(await ports.notices.acknowledge('a', 'not-an-id', 'u1', '2026-11-05T00:00:00.000Z')).toBeUndefined();
  });

  it('inbox: idempotent by id, newest first, read once', async () => {
    const ports = memoryPorts();
    const item = (id: string, at: string) => ({ id, userId: 'u', at, kind: 'claimed', title: 't', body: 'b' });
    expect(await ports.inbox.add('a', item('m1', '2026-11-01T00:00:00.000Z'))).toBe(true);
    expect(await ports.inbox.add('a', item('m1', '2026-11-01T00:00:00.000Z'))).toBe(false);
    expect(await ports.inbox.addMany('a', [item('m1', '2026-11-01T00:00:00.000Z'), item('m2', '2026-11-02T00:00:00.000Z')])).toEqual(new Set(['m2']));
    expect((await ports.inbox.list('a', 'u')).map((i) => i.id)).toEqual(['m2', 'm1']);
    expect(await ports.inbox.markRead('a', 'u', 'm1', '2026-11-03T00:00:00.000Z')).toBe(true);
    await ports.inbox.markRead('a', 'u', 'm1', '2026-11-04T00:00:00.000Z');
    expect((await ports.inbox.list('a', 'u')).find((i) => i.id === 'm1')?.readAt).toBe('2026-11-03T00:00:00.000Z');
    expect(await ports.inbox.markRead('a', 'u', 'nope', '2026-11-03T00:00:00.000Z')).toBe(false);
  });

  it('settings: shipped years overridden by loaded ones, the default policy until one is put; refs put if absent', async () => {
    const { ports, data } = await demoPorts();
    const tenantId = data.tenant.id;
    expect(await ports.settings.policy(tenantId)).toEqual(DEFAULT_CLOCK_POLICY);
    const year = Number(Object.keys(SHIPPED_YEARS)[0]);
    await ports.settings.putCalendarYear(tenantId, year, { holidays: [`${year}-03-03`], workdays: [] });
    const cal = await ports.settings.calendar(tenantId);
    expect(cal.years[year]?.holidays).toEqual([`${year}-03-03`]);
    expect(cal.officeHours).toEqual(data.tenant.officeHours);
    await ports.settings.putPolicy(tenantId, { ...DEFAULT_CLOCK_POLICY, reopenWindowDays: 30 });
    expect((await ports.settings.policy(tenantId)).reopenWindowDays).toBe(30);
    expect(await ports.refs.put('UNIT', { id: 'jxw', tenantId, name: '改名', track: 'department' }, { ifAbsent: true })).toBe(false);
    expect((await ports.refs.unit(tenantId, 'jxw'))?.name).toBe('区经济和信息化委员会');
    expect((await ports.due.tenants())).toEqual([tenantId]);
    await ports.refs.linkWechat('o1', tenantId, 'owner-01');
    expect(await ports.refs.findByWechat('o1')).toEqual({ tenantId, userId: 'owner-01' });
  });
});
