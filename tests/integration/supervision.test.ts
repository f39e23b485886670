import type { SupervisionNotice, SupervisionOverviewResponse, Ticket } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinClock } from '../../functions/src/adapters/time.js';
import { handler as escalationHandler } from '../../functions/src/handlers/escalation.js';
import { handler as supervisionHandler } from '../../functions/src/handlers/supervision.js';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { runCommand } from '../../functions/src/services/tickets.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { call, drain, principal, raise, sh } from './clocks-support.js';

/**
 * Supervision over HTTP: the notices list (by role, with filters), the
 * acknowledgement, and the supervisor's overview.
 */
let env: TestEnv;
let unclaimed: Ticket;
let handled: Ticket;
let claimReminder: SupervisionNotice;
let contactReminder: SupervisionNotice;
let contactUrge: SupervisionNotice;

interface Page {
  items: SupervisionNotice[];
  cursor?: string;
}

const pin = (iso: string) => pinClock(new Date(iso));

async function sweepAndWork(now: string) {
  pin(now);
  await sweepTenant(env.deps, env.tenantId, now);
  await drain(env, env.queueUrls.escalation, escalationHandler);
}

beforeAll(async () => {
  env = await useIntegrationEnv();
  // Monday 2026-07-06: one ticket nobody claims, one assigned to scjg that nobody contacts
  unclaimed = await raise(env, 'owner-01', sh('2026-07-06T09:00:00'), { title: '厂房租金补贴' });
  handled = await raise(env, 'owner-02', sh('2026-07-06T09:00:00'), { title: '食品经营许可延续' });
  pin(sh('2026-07-06T09:10:00'));
  await runCommand(env.deps, principal(env, 'supervisor'), handled.id, { type: 'assign', unit: { id: 'scjg', name: '区市场监督管理局' } });
  await sweepAndWork(sh('2026-07-06T11:05:00')); // claim reminder on `unclaimed`
  await sweepAndWork(sh('2026-07-07T09:15:00')); // contact reminder on `handled` (24 h)
  await sweepAndWork(sh('2026-07-08T09:20:00')); // contact urge (a working day after 07-07 09:15) and claim urge (due 07-07 11:05)
  const all = await call<Page>(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: 'supervisor' });
  const find = (ticketId: string, clockId: string, level: string) => {
    const n = all.body.items.find((x) => x.ticketId === ticketId && x.clockId === clockId && x.level === level);
    if (!n) throw new Error(`missing notice ${ticketId} ${clockId} ${level}: ${JSON.stringify(all.body.items.map((x) => [x.clockId, x.level]))}`);
    return n;
  };
  claimReminder = find(unclaimed.id, 'claim', 'reminder');
  contactReminder = find(handled.id, 'contact', 'reminder');
  contactUrge = find(handled.id, 'contact', 'urge');
});
afterAll(() => pinClock(undefined));

describe('GET /api/supervision/notices', () => {
  it('the supervisor sees every notice of the tenant, newest first', async () => {
    const res = await call<Page>(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: 'supervisor' });
    expect(res.status).toBe(200);
    const issued = res.body.items.map((n) => n.issuedAt);
    expect(issued).toEqual([...issued].sort().reverse());
    // claim: reminder (07-06) and urge (07-07 11:05 ≤ 07-08 09:20); contact: reminder and urge
    expect(res.body.items.map((n) => `${n.clockId}:${n.level}`).sort()).toEqual(['claim:reminder', 'claim:urge', 'contact:reminder', 'contact:urge']);
    expect(contactUrge.addressees).toEqual(['unit:scjg', 'unitLead:scjg']);
  });

  it('filters by ticket, unit, level and time', async () => {
    const byTicket = await call<Page>(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: 'supervisor', query: { ticketId: handled.id } });
    expect(byTicket.body.items.map((n) => n.id).sort()).toEqual([contactReminder.id, contactUrge.id].sort());
    const byUnit = await call<Page>(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: 'supervisor', query: { unit: 'scjg' } });
    expect(byUnit.body.items.map((n) => n.id).sort()).toEqual([contactReminder.id, contactUrge.id].sort());
    const urges = await call<Page>(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: 'supervisor', query: { level: 'urge' } });
    expect(urges.body.items.every((n) => n.level === 'urge')).toBe(true);
    expect(urges.body.items).toHaveLength(2);
    const window = await call<Page>(env, supervisionHandler, 'GET', '/api/supervision/notices', {
      user: 'supervisor',
      query: { from: sh('2026-07-07T00:00:00'), to: sh('2026-07-07T23:59:59') },
    });
    expect(window.body.items.map((n) => n.id)).toEqual([contactReminder.id]);
    const bad = await call<{ error: { details: Array<{ field: string }> } }>(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: 'supervisor', query: { level: 'shout' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.field).toBe('level');
  });

  it('an officer sees their unit’s notices only, and may not ask for another unit', async () => {
    const own = await call<Page>(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: 'officer-scjg' });
    expect(own.status).toBe(200);
    expect(own.body.items.map((n) => n.id).sort()).toEqual([contactReminder.id, contactUrge.id].sort());
    const lead = await call<Page>(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: 'lead-scjg' });
    expect(lead.body.items).toHaveLength(2);
    const other = await call<Page>(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: 'officer-rsj' });
    expect(other.body.items).toEqual([]);
    expect((await call(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: 'officer-scjg', query: { unit: 'jxw' } })).status).toBe(403);
    // by ticket: the claim reminder addressed to the group's units shows to a member unit
    const member = unclaimed.groupIds.length > 0 ? claimReminder.addressees.find((a) => a.startsWith('unit:'))?.slice(5) : undefined;
    if (!member) throw new Error('claim reminder has no unit');
    const mine = await call<Page>(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: `officer-${member}`, query: { ticketId: unclaimed.id } });
    expect(mine.body.items.map((n) => n.id)).toContain(claimReminder.id);
  });

  it('owners, agents, leaders and admins may not list notices', async () => {
    for (const user of ['owner-01', 'agent-1', 'leader-zhang', 'admin']) {
      expect((await call(env, supervisionHandler, 'GET', '/api/supervision/notices', { user })).status, user).toBe(403);
    }
  });
});

describe('POST /api/supervision/notices/{id}/ack', () => {
  const ack = (id: string, user: string) =>
    call<{ notice: SupervisionNotice; alreadyAcknowledged: boolean; error?: { code: string } }>(env, supervisionHandler, 'POST', `/api/supervision/notices/${encodeURIComponent(id)}/ack`, { user });

  it('the addressed unit acknowledges once; a second time answers the first acknowledgement', async () => {
    pin(sh('2026-07-08T10:00:00'));
    const first = await ack(contactReminder.id, 'officer-scjg');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ alreadyAcknowledged: false, notice: { id: contactReminder.id, acknowledgedAt: sh('2026-07-08T10:00:00'), acknowledgedBy: 'officer-scjg' } });
    pin(sh('2026-07-08T11:00:00'));
    const second = await ack(contactReminder.id, 'lead-scjg');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ alreadyAcknowledged: true, notice: { acknowledgedAt: sh('2026-07-08T10:00:00'), acknowledgedBy: 'officer-scjg' } });
  });

  it('another unit gets 404, roles without a say 403, an unknown id 404, a malformed id 400', async () => {
    expect((await ack(contactUrge.id, 'officer-rsj')).status).toBe(404);
    expect((await ack(contactUrge.id, 'owner-02')).status).toBe(403);
    expect((await ack(contactUrge.id, 'agent-1')).status).toBe(403);
    expect((await ack(contactUrge.id, 'admin')).status).toBe(403);
    expect((await ack(`${handled.id}~contact~1~warning`, 'supervisor')).status).toBe(404);
    // not of a notice id's shape: parsed at the edge (the route's params), a 400 naming the parameter
    const malformed = await ack('not-a-notice', 'supervisor');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'id' }] });
    const still = await call<Page>(env, supervisionHandler, 'GET', '/api/supervision/notices', { user: 'supervisor', query: { ticketId: handled.id } });
    expect(still.body.items.find((n) => n.id === contactUrge.id)?.acknowledgedAt).toBeUndefined();
  });

  it('the supervisor may acknowledge any notice, and a member unit a claim reminder', async () => {
    expect((await ack(contactUrge.id, 'supervisor')).status).toBe(200);
    const member = claimReminder.addressees.find((a) => a.startsWith('unit:'))?.slice(5) ?? '';
    expect((await ack(claimReminder.id, `officer-${member}`)).status).toBe(200);
  });
});

describe('GET /api/supervision/overview', () => {
  it('lists unclaimed and overdue tickets for the supervisor', async () => {
    pin(sh('2026-07-08T10:00:00'));
    const res = await call<SupervisionOverviewResponse>(env, supervisionHandler, 'GET', '/api/supervision/overview', { user: 'supervisor' });
    expect(res.status).toBe(200);
    expect(res.body.unclaimed.map((u) => [u.ticketId, u.claimOverdue])).toEqual([[unclaimed.id, true]]);
    const overdue = Object.fromEntries(res.body.overdue.map((o) => [o.ticketId, o.clocks.map((c) => c.id)]));
    expect(overdue[unclaimed.id]).toEqual(['claim']);
    expect(overdue[handled.id]).toEqual(['contact']);
    const contact = res.body.overdue.find((o) => o.ticketId === handled.id)?.clocks[0];
    // contact due 07-07 09:10 (calendar basis): 24 h 50 min late
    expect(contact).toMatchObject({ escalations: 2, minutesOverdue: 24 * 60 + 50, unitId: 'scjg' });
    expect(res.body.calendarWarnings).toEqual([]);
    expect(res.body.truncated).toBe(false);
  });

  it('is for the supervisor and the admin only', async () => {
    expect((await call(env, supervisionHandler, 'GET', '/api/supervision/overview', { user: 'admin' })).status).toBe(200);
    for (const user of ['officer-scjg', 'lead-scjg', 'owner-01', 'agent-1', 'leader-zhang']) {
      expect((await call(env, supervisionHandler, 'GET', '/api/supervision/overview', { user })).status, user).toBe(403);
    }
  });
});
