import { zeroCounters, type Counters, type Ticket } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { decideDispute, raiseDispute } from '../../../functions/src/services/assessment-admin.js';
import { assessAll, assessment, project, recompute } from '../../../functions/src/services/assessment.js';
import { applyJob } from '../../../functions/src/services/escalation.js';
import { sweepAll } from '../../../functions/src/services/sweep.js';
import { issueCommand } from '../../../functions/src/services/tickets.js';
import { seedRoundTrips } from '../../support/memory/index.js';
import { KEY_OWNER, kit, type Kit } from './kit.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** what the outbox consumer does with the commits' assess messages */
async function drain(k: Kit): Promise<void> {
  const out = await assessAll(k.ports, k.ports.queue.assessments.splice(0));
  const failed = [...out.values()].filter((e) => e !== undefined);
  if (failed.length > 0) throw failed[0] as Error;
}

/** the sweep and the escalation worker, once: every due step issued */
async function escalate(k: Kit): Promise<void> {
  await sweepAll(k.ports);
  for (const job of k.ports.queue.escalations.splice(0)) await applyJob(k.ports, job);
}

const figures = async (k: Kit, period: string): Promise<Map<string, Counters>> => (await k.ports.assessment.period(k.tenantId, period)).counters;
const of = (m: Map<string, Counters>, unitId: string): Counters => m.get(unitId) ?? zeroCounters();

/**
 * owner-01's groups: ind-equipment (lead jxw), town-dgjd (lead dgjd), key (lead fgw).
 * t1: claimed by jxw at once, replied, resolved in time, rated satisfied.
 * t2: nobody claims it for a day (claim notices to the lead units), then fgw claims it.
 */
async function scenario(k: Kit): Promise<{ t1: Ticket; t2: Ticket }> {
  const jxw = await k.as('officer-jxw');
  const fgw = await k.as('officer-fgw');
  const owner = await k.as(KEY_OWNER);
  const t1 = await k.raise(KEY_OWNER);
  const t2 = await k.raise(KEY_OWNER, { title: '土地指标咨询' });
  await issueCommand(k.ports, jxw, t1.id, { type: 'claim' });
  k.ports.clock.advance(HOUR);
  await issueCommand(k.ports, jxw, t1.id, { type: 'message', text: '已电话联系企业，明天上门' });
  k.ports.clock.advance(3 * HOUR);
  await escalate(k);
  await issueCommand(k.ports, jxw, t1.id, { type: 'resolve', kind: 'resolved', summary: '供电公司已排期增容' });
  await issueCommand(k.ports, owner, t1.id, { type: 'rate', score: 'satisfied', comment: '很及时' });
  k.ports.clock.advance(20 * HOUR);
  await escalate(k);
  await issueCommand(k.ports, fgw, t2.id, { type: 'claim' });
  return { t1, t2 };
}

describe('assessment aggregates on in-memory ports', () => {
  it('counts each ticket for its handling unit and an unclaimed ticket’s claim notices against the lead units', async () => {
    const k = await kit();
    const { t2 } = await scenario(k);
    await drain(k);
    const month = await figures(k, '2026-11');
    expect(of(month, 'jxw')).toMatchObject({ handled: 1, claimed: 1, claimOnTime: 1, replied: 1, resolved: 1, resolvedOnTime: 1, rated: 1, satisfied: 1 });
    expect(of(month, 'fgw')).toMatchObject({ handled: 1, claimed: 1, claimOnTime: 0, resolved: 0 });
    // t2's claim notices (unclaimed past 2 h): the lead units of its three groups answer for them
    const notices = await k.ports.notices.byTicket(k.tenantId, t2.id);
    expect(notices.length).toBeGreaterThanOrEqual(1);
    expect(notices.every((n) => n.clockKind === 'claim' && n.unitId === undefined)).toBe(true);
    expect(notices[0]?.leadUnitIds?.sort()).toEqual(['dgjd', 'fgw', 'jxw']);
    for (const lead of ['jxw', 'dgjd', 'fgw']) expect(of(month, lead).reminders + of(month, lead).urges + of(month, lead).warnings).toBe(notices.length);
    expect(of(month, 'rsj').reminders).toBe(0);
    // the quarter and the year are their months' sums
    expect(of(await figures(k, '2026-Q4'), 'jxw')).toEqual(of(month, 'jxw'));
    expect(of(await figures(k, '2026'), 'fgw')).toEqual(of(month, 'fgw'));
    expect((await recompute(k.ports, k.tenantId, '2026-Q4')).differences).toEqual([]);
  });

  it('counts once however often and however concurrently a ticket is projected', async () => {
    const k = await kit();
    const { t1, t2 } = await scenario(k);
    seedRoundTrips(7);
    const messages = k.ports.queue.assessments.splice(0);
    // every message delivered three times, all at once (SQS redeliveries, several consumers)
    await Promise.all([...messages, ...messages, ...messages].map((m) => assessAll(k.ports, [m])));
    await Promise.all(Array.from({ length: 12 }, (_, i) => project(k.ports, k.tenantId, i % 2 ? t1.id : t2.id)));
    const audit = await recompute(k.ports, k.tenantId, '2026-11');
    expect(audit.differences).toEqual([]);
    expect(of(audit.running, 'jxw').handled).toBe(1);
    expect((await recompute(k.ports, k.tenantId, '2026')).differences).toEqual([]);
  });

  it('a projection that dies half way is finished by the next one, counted once', async () => {
    const k = await kit();
    const { t2 } = await scenario(k);
    const realApply = k.ports.assessment.applyToMonth.bind(k.ports.assessment);
    let calls = 0;
    k.ports.assessment.applyToMonth = async (...args) => {
      // the first month aggregate is written, then the process dies
      if (++calls === 2) throw new Error('crash');
      return realApply(...args);
    };
    // t2 counts in three units' month aggregates (fgw handles it; jxw, dgjd and fgw answer for its claim notices)
    await expect(project(k.ports, k.tenantId, t2.id)).rejects.toThrow('crash');
    expect((await k.ports.assessment.projection(k.tenantId, t2.id))?.pending).toBeDefined();
    k.ports.assessment.applyToMonth = realApply;
    await drain(k);
    expect((await k.ports.assessment.projection(k.tenantId, t2.id))?.pending).toBeUndefined();
    expect((await recompute(k.ports, k.tenantId, '2026-Q4')).differences).toEqual([]);
    expect(of(await figures(k, '2026-11'), 'jxw')).toMatchObject({ handled: 1, resolved: 1 });
    expect(of(await figures(k, '2026-11'), 'fgw')).toMatchObject({ handled: 1, claimed: 1 });
  });

  it('an accepted dispute takes the item out of the unit’s figures; a rejected one leaves them', async () => {
    const k = await kit();
    const { t2 } = await scenario(k);
    await drain(k);
    const [notice] = await k.ports.notices.byTicket(k.tenantId, t2.id);
    if (!notice) throw new Error('no notice');
    const before = of(await figures(k, '2026-11'), 'dgjd');
    const lead = await k.as('lead-dgjd');
    const supervisor = await k.as('supervisor');
    const d = await raiseDispute(k.ports, lead, { ticketId: t2.id, indicator: 'notices', noticeId: notice.id, reason: '该企业诉求属于发改委职责，已在群内说明' });
    expect(d.status).toBe('open');
    await expect(raiseDispute(k.ports, lead, { ticketId: t2.id, indicator: 'notices', noticeId: notice.id, reason: '再次申诉' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const decided = await decideDispute(k.ports, supervisor, d.id, { accept: true, reason: '经核实，属实' });
    expect(decided.status).toBe('accepted');
    const after = of(await figures(k, '2026-11'), 'dgjd');
    expect(after.reminders + after.urges + after.warnings).toBe(before.reminders + before.urges + before.warnings - 1);
    // the other lead units still answer for it
    expect(of(await figures(k, '2026-11'), 'jxw').reminders).toBe(before.reminders);
    await expect(decideDispute(k.ports, supervisor, d.id, { accept: false, reason: '改判' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // the same decision again (a retry after a failure) answers the dispute as decided and changes nothing more
    expect(await decideDispute(k.ports, supervisor, d.id, { accept: true, reason: '经核实，属实' })).toMatchObject({ status: 'accepted', decision: '经核实，属实' });
    expect(of(await figures(k, '2026-11'), 'dgjd')).toEqual(after);
    expect((await recompute(k.ports, k.tenantId, '2026-11')).differences).toEqual([]);
  });

  it('ranks the units of each track from the aggregates', async () => {
    const k = await kit();
    await scenario(k);
    await drain(k);
    const r = await assessment(k.ports, await k.as('lead-rsj'), { period: '2026-Q4' });
    const departments = r.tracks.find((t) => t.track === 'department');
    expect(departments?.units[0]?.unitId).toBe('jxw');
    expect(departments?.redList[0]).toBe('jxw');
    expect(departments?.units.find((u) => u.unitId === 'rsj')?.index).toBeNull();
    await expect(assessment(k.ports, await k.as(KEY_OWNER), { period: '2026-Q4' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
