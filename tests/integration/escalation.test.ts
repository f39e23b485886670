import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { clockCycle } from '@whistle/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pinClock } from '../../functions/src/adapters/time.js';
import { handler as escalationHandler } from '../../functions/src/handlers/escalation.js';
import type { EscalationJob, OutboxMessage } from '../../functions/src/ports.js';
import { applyJob, issueNotice } from '../../functions/src/services/escalation.js';
import { dueJobs } from '@whistle/shared';
import { sweepTenant } from '../../functions/src/services/sweep.js';
import { runCommand } from '../../functions/src/services/tickets.js';
import { tenantContext } from '../../functions/src/services/tenant-context.js';
import { keys } from '../../functions/src/store/keys.js';
import { NoticeStore } from '../../functions/src/store/notice-store.js';
import { useIntegrationEnv, type TestEnv } from '../support/env.js';
import { drain, principal, purge, queueDepth, raise, receive, settle, sh, toRecord } from './clocks-support.js';

/**
 * The escalation worker on the local services: exactly once in effect under
 * redelivery and a crash mid-job, partial batch failures, poison messages to
 * the DLQ after maxReceiveCount.
 */
let env: TestEnv;
let notices: NoticeStore;

beforeAll(async () => {
  env = await useIntegrationEnv();
  notices = new NoticeStore(env.deps.store);
});
afterAll(() => pinClock(undefined));
beforeEach(async () => {
  await purge(env, env.queueUrls.escalation);
  await purge(env, env.queueUrls.outbox);
});

const pin = (iso: string) => pinClock(new Date(iso));

async function counter(year = 2026): Promise<number> {
  const item = await env.deps.store.get(keys.noticeCounter(env.tenantId, year), true);
  return Number(item?.value ?? 0);
}

/** A ticket raised on a Wednesday morning, overdue for claim at `due` (11:00). */
async function overdueTicket(owner: string, day: string) {
  const t = await raise(env, owner, sh(`${day}T09:00:00`));
  const due = sh(`${day}T11:00:00`);
  pin(due);
  const [job] = dueJobs(t, due);
  if (!job) throw new Error('expected a due job');
  return { t, job, due };
}

describe('exactly once in effect', () => {
  it('the same job delivered twice (and once more later) issues one notice and advances the clock once', async () => {
    const { t, job } = await overdueTicket('owner-01', '2026-05-13');
    const before = await counter();
    await env.deps.queue.sendEscalations([job, job]);
    const report = await drain(env, env.queueUrls.escalation, escalationHandler);
    expect(report).toMatchObject({ processed: 2, failures: 0 });
    await env.deps.queue.sendEscalations([job]);
    await drain(env, env.queueUrls.escalation, escalationHandler);
    const list = await notices.byTicket(env.tenantId, t.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ level: 'reminder', clockId: 'claim', ticketId: t.id, ticketNumber: t.number });
    expect(await counter()).toBe(before + 1);
    const stored = await env.deps.tickets.get(env.tenantId, t.id);
    expect(stored?.ticket.version).toBe(t.version + 1);
    expect(stored?.ticket.clocks.find((c) => c.id === 'claim')?.escalations).toBe(1);
    await settle(env, [t.id]);
  });

  it('concurrent workers on the same job: one notice', async () => {
    const { t, job } = await overdueTicket('owner-02', '2026-05-20');
    const ctx = await tenantContext(env.deps, env.tenantId);
    const outcomes = await Promise.all([applyJob(env.deps, job, ctx), applyJob(env.deps, job, ctx), applyJob(env.deps, job, ctx)]);
    // every attempt ends well: the winner issued, the others reused its notice or found the step done
    expect(outcomes.filter((o) => o.kind === 'issued' && !o.reused)).toHaveLength(1);
    expect(outcomes.every((o) => o.kind === 'issued' || (o.kind === 'dropped' && o.reason === 'done'))).toBe(true);
    const list = await notices.byTicket(env.tenantId, t.id);
    expect(list).toHaveLength(1);
    const stored = await env.deps.tickets.get(env.tenantId, t.id);
    expect(stored?.ticket.clocks.find((c) => c.id === 'claim')?.escalations).toBe(1);
    const found = await env.deps.tickets.getWithTimeline(env.tenantId, t.id);
    expect(found?.timeline.filter((e) => e.kind === 'supervision')).toHaveLength(1);
    await settle(env, [t.id]);
  });

  it('a worker that crashed after issuing the notice: the retry reuses it (same number) and advances the clock', async () => {
    const { t, job, due } = await overdueTicket('owner-03', '2026-05-27');
    const ctx = await tenantContext(env.deps, env.tenantId);
    const clock = t.clocks.find((c) => c.id === 'claim');
    if (!clock) throw new Error('no claim clock');
    // the crashed attempt: notice written, clock not advanced
    const { notice: first, reused } = await issueNotice(notices, t, clock, 1, ctx.groups, due);
    expect(reused).toBe(false);
    const afterCrash = await counter();
    expect((await env.deps.tickets.get(env.tenantId, t.id))?.ticket.clocks.find((c) => c.id === 'claim')?.escalations).toBe(0);
    // the job comes back (redelivery after the visibility timeout), a few minutes later
    pin(new Date(Date.parse(due) + 3 * 60_000).toISOString());
    await env.deps.queue.sendEscalations([job]);
    await drain(env, env.queueUrls.escalation, escalationHandler);
    const list = await notices.byTicket(env.tenantId, t.id);
    expect(list).toEqual([first]);
    expect(await counter()).toBe(afterCrash);
    const claim = (await env.deps.tickets.get(env.tenantId, t.id))?.ticket.clocks.find((c) => c.id === 'claim');
    // the next step counts from the notice's issue time, not from the retry
    expect(claim).toMatchObject({ escalations: 1, nextEscalationAt: sh('2026-05-28T11:00:00') });
    await settle(env, [t.id]);
  });

  it('tells the addressees: the outbox gets the escalation once per committed notice', async () => {
    const { t, job } = await overdueTicket('owner-04', '2026-06-03');
    await env.deps.queue.sendEscalations([job, job]);
    await drain(env, env.queueUrls.escalation, escalationHandler);
    const outbox = (await receive(env, env.queueUrls.outbox, 10, 0)).map((m) => JSON.parse(m.Body ?? '{}') as OutboxMessage);
    const escalated = outbox.filter((m) => m.event === 'escalated' && m.ticketId === t.id);
    expect(escalated).toHaveLength(1);
    expect(escalated[0]?.title).toMatch(/^督办提醒（DB2026-\d{6}）$/);
    // reminder on a claim clock: the units of the ticket's groups; and its enterprise's commissioners (亲清特使), told
    const units = new Set(env.data.groups.filter((g) => t.groupIds.includes(g.id)).flatMap((g) => g.memberUnitIds));
    expect(escalated[0]?.audience).toEqual([...[...units].map((id) => ({ kind: 'unit', id })), { kind: 'commissioners', enterpriseId: t.enterpriseId }]);
    await settle(env, [t.id]);
  });
});

describe('batches and poison jobs', () => {
  it('reports only the failed records of a batch; the good ones are applied', async () => {
    const { t, job } = await overdueTicket('owner-05', '2026-06-10');
    const sent = async (body: string) => {
      await env.sqs.send(new SendMessageCommand({ QueueUrl: env.queueUrls.escalation, MessageBody: body }));
    };
    await env.deps.queue.sendEscalations([job]);
    await sent('{"this is": not json');
    await sent(JSON.stringify({ ...job, level: 7 }));
    const messages = await receive(env, env.queueUrls.escalation, 10, 30);
    expect(messages).toHaveLength(3);
    const res = await escalationHandler({ Records: messages.map((m) => toRecord(m)) });
    const good = messages.find((m) => (m.Body ?? '').includes('"level":1'));
    const bad = messages.filter((m) => m !== good).map((m) => m.MessageId).sort();
    expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(bad);
    expect(await notices.byTicket(env.tenantId, t.id)).toHaveLength(1);
    await settle(env, [t.id]);
  });

  it('a job for a ticket that no longer exists is dropped, not retried', async () => {
    const ghost: EscalationJob = { tenantId: env.tenantId, ticketId: 'tkghost', clockId: 'claim', level: 1, cycle: clockCycle({ startedAt: sh('2026-06-01T09:00:00') }), dueAt: sh('2026-06-01T11:00:00') };
    await env.deps.queue.sendEscalations([ghost]);
    expect(await drain(env, env.queueUrls.escalation, escalationHandler)).toMatchObject({ processed: 1, failures: 0 });
  });

  it('a poison message is retried until maxReceiveCount (5), then lands in the DLQ', async () => {
    await env.sqs.send(new SendMessageCommand({ QueueUrl: env.queueUrls.escalation, MessageBody: 'poison' }));
    const report = await drain(env, env.queueUrls.escalation, escalationHandler, { maxRounds: 20 });
    expect(report).toMatchObject({ invocations: 5, failures: 5, processed: 0 });
    expect(await queueDepth(env, env.queueUrls.escalation)).toBe(0);
    const dead = await receive(env, env.dlqUrls.escalation, 10, 0);
    expect(dead.map((m) => m.Body)).toEqual(['poison']);
  });
});

describe('the sweep feeding the worker', () => {
  it('a claimed ticket left uncontacted: the contact reminder goes to the handling unit and records its unit', async () => {
    const t = await raise(env, 'owner-06', sh('2026-06-15T09:00:00')); // Monday
    pin(sh('2026-06-15T09:30:00'));
    await runCommand(env.deps, principal(env, 'supervisor'), t.id, { type: 'assign', unit: { id: 'scjg', name: '区市场监督管理局' } });
    // contact is 24 calendar hours: due Tuesday 09:30
    const now = sh('2026-06-16T09:31:00');
    pin(now);
    const r = await sweepTenant(env.deps, env.tenantId, now);
    expect(r, JSON.stringify(r)).toMatchObject({ jobs: 1 });
    await drain(env, env.queueUrls.escalation, escalationHandler);
    const list = await notices.byTicket(env.tenantId, t.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ clockId: 'contact', clockKind: 'contact', unitId: 'scjg', addressees: ['unit:scjg'], level: 'reminder' });
    const unitPage = await notices.byUnit(env.tenantId, 'scjg', {});
    expect(unitPage.items.map((n) => n.id)).toContain(list[0]?.id);
    await settle(env, [t.id]);
  });
});
