import { IdempotencyMismatchError, ValidationError, type Ticket } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { finishEffects } from '../../../functions/src/services/effects.js';
import { intake, listTickets, ticketDetail } from '../../../functions/src/services/tickets.js';
import { body, EVENING, failure, KEY_OWNER, kit } from './kit.js';

describe('intake on in-memory ports', () => {
  it('creates the ticket once under 20 concurrent retries of one idempotency key, and sends its outbox once with stable ids', async () => {
    const { ports, as } = await kit();
    const owner = await as(KEY_OWNER);
    const results = await Promise.all(Array.from({ length: 20 }, () => intake(ports, owner, body(), 'same-key')));

    expect(results.filter((r) => r.created)).toHaveLength(1);
    const ids = new Set(results.map((r) => r.ticket.id));
    expect(ids.size).toBe(1);
    // one number answered to every retry: the creating attempt's (concurrent first attempts each draw one, so which
    // of the first twenty it is depends on the interleaving; numbers stay unique)
    const numbers = new Set(results.map((r) => r.ticket.number));
    expect(numbers.size).toBe(1);
    const [number = ''] = numbers;
    expect(Number(number.slice(5))).toBeLessThanOrEqual(20);
    const id = results[0]?.ticket.id ?? '';

    // one ticket, settled: out of intake, in the lists, its timeline written once
    const stored = await ports.tickets.get(owner.tenantId, id);
    expect(stored?.intakePending).toBeUndefined();
    expect(stored?.pending).toBeUndefined();
    const tickets = ports.table.dump().filter((i) => i.entity === 'TICKET');
    expect(tickets).toHaveLength(1);
    const detail = await ticketDetail(ports, owner, id);
    expect(detail.timeline.map((e) => e.kind)).toEqual(['created', 'published']);
    expect((await listTickets(ports, owner, { view: 'mine', limit: 20 })).items.map((t) => t.id)).toEqual([id]);

    // the published message: retries that found the intake half done may re-send it, always under the same id
    const messages = ports.queue.outboxOf(id);
    expect(messages.length).toBeGreaterThanOrEqual(1);
    expect(new Set(messages.map((m) => m.id))).toEqual(new Set([`${id}:1:0`]));
    expect(messages[0]).toMatchObject({ event: 'published', ticketId: id, ticketNumber: number, tenantId: owner.tenantId });
    expect(ports.metrics.count('TicketCreated')).toBe(1);
  });

  it('sends the outbox message exactly once when nothing retries', async () => {
    const { ports, as } = await kit();
    const owner = await as(KEY_OWNER);
    const { ticket } = await intake(ports, owner, body(), 'k1');
    expect(ports.queue.outbox.map((m) => m.id)).toEqual([`${ticket.id}:1:0`]);
    // a later retry finds it complete: nothing more is sent, no new number is drawn
    const again = await intake(ports, owner, body(), 'k1');
    expect(again).toMatchObject({ created: false, ticket: { id: ticket.id, number: ticket.number } });
    expect(ports.queue.outbox).toHaveLength(1);
    expect((await intake(ports, owner, body(), 'k2')).ticket.number).toBe('2026-000002');
  });

  it('reads no ticket before a first attempt: a retry is found by its create, gives back its count and its number', async () => {
    const { ports, as } = await kit();
    const owner = await as(KEY_OWNER);
    let reads = 0;
    const get = ports.tickets.get.bind(ports.tickets);
    ports.tickets.get = (...args) => {
      reads++;
      return get(...args);
    };
    const { ticket } = await intake(ports, owner, body(), 'k1');
    expect(reads).toBe(0);
    const counter = () => ports.table.dump().find((i) => i.entity === 'COUNTER')?.value;
    const count = () => ports.rateLimiter.count({ tenantId: owner.tenantId, name: 'intake', subject: owner.enterpriseId ?? '', max: 20, windowSeconds: 3600 }, Date.now());
    expect([counter(), count()]).toEqual([1, 1]);
    expect(await intake(ports, owner, body(), 'k1')).toMatchObject({ created: false, ticket: { id: ticket.id, number: ticket.number } });
    // the retry read its ticket once its create found it there, and left the counter and its count as they were
    expect(reads).toBe(1);
    expect([counter(), count()]).toEqual([1, 1]);
  });

  it('leaves a gap, never a duplicate, when a retry cannot give its number back (another was drawn meanwhile)', async () => {
    const { ports, as } = await kit();
    const owner = await as(KEY_OWNER);
    const first = await intake(ports, owner, body(), 'k1');
    const nextNumber = ports.tickets.nextNumber.bind(ports.tickets);
    // another container draws a number right after the retry's
    ports.tickets.nextNumber = async (...args) => {
      const n = await nextNumber(...args);
      await nextNumber(...args);
      return n;
    };
    expect((await intake(ports, owner, body(), 'k1')).ticket.number).toBe(first.ticket.number);
    ports.tickets.nextNumber = nextNumber;
    // 2 was the retry's (not given back: 3 was drawn after it), 3 the other's
    expect((await intake(ports, owner, body(), 'k2')).ticket.number).toBe('2026-000004');
  });

  it('answers a retry as a replay when what its first attempt passed is gone since (the enterprise)', async () => {
    const { ports, as } = await kit();
    const owner = await as(KEY_OWNER);
    const first = await intake(ports, owner, body(), 'k1');
    expect(await ports.refs.delete('ENT', owner.tenantId, owner.enterpriseId ?? '')).toBe(true);
    expect(await intake(ports, owner, body(), 'k1')).toEqual({ ticket: first.ticket, created: false });
    // a first attempt is refused
    expect(await failure(() => intake(ports, owner, body(), 'k2'))).toBeInstanceOf(ValidationError);
  });

  it('answers IDEMPOTENCY_MISMATCH to a different body with the same key, and writes nothing', async () => {
    const { ports, as } = await kit();
    const owner = await as(KEY_OWNER);
    const first = await intake(ports, owner, body(), 'k');
    const e = await failure(() => intake(ports, owner, body({ title: '另一个问题' }), 'k'));
    expect(e).toBeInstanceOf(IdempotencyMismatchError);
    expect((e as IdempotencyMismatchError).code).toBe('IDEMPOTENCY_MISMATCH');
    expect((await ports.tickets.get(owner.tenantId, first.ticket.id))?.ticket.title).toBe('厂房用电增容');
    // the same key of another user is another ticket
    const other = await intake(ports, await as('owner-02'), body({ title: '另一个问题' }), 'k');
    expect(other.created).toBe(true);
    expect(other.ticket.id).not.toBe(first.ticket.id);
  });

  it('routes to the industry, township and key groups; the group feeds show it', async () => {
    const { ports, raise, as } = await kit();
    const key = await raise(KEY_OWNER);
    expect([...key.groupIds].sort()).toEqual(['ind-equipment', 'key', 'town-dgjd']);
    // owner-03: materials, growth tier, grid g03 (南山镇): no key group
    const plain = await raise('owner-03');
    expect([...plain.groupIds].sort()).toEqual(['ind-materials', 'town-nsz']);
    expect(plain).toMatchObject({ status: 'published', version: 1 });
    expect(plain.desk).toBeUndefined();
    expect(plain.clocks.map((c) => c.kind)).toEqual(['claim']);

    const feed = await ports.tickets.feed(plain.tenantId, 'town-nsz', undefined, 10);
    expect(feed.cards.map((c) => c.ticketId)).toEqual([plain.id]);
    expect((await ports.tickets.feed(plain.tenantId, 'key', undefined, 10)).cards.map((c) => c.ticketId)).toEqual([key.id]);
    // the published message goes to the groups, the grid officer and the enterprise's commissioners (亲清特使)
    const published = ports.queue.outboxOf(plain.id)[0];
    expect(published?.audience).toEqual([
      { kind: 'group', id: 'ind-materials' },
      { kind: 'group', id: 'town-nsz' },
      { kind: 'gridOfficer', gridId: 'g03' },
      { kind: 'commissioners', enterpriseId: plain.enterpriseId },
    ]);
    // a unit of the groups sees it in its feed; an officer raises on an enterprise's behalf
    const officer = await as('officer-nsz');
    const onBehalf = await intake(ports, officer, body({ enterpriseId: plain.enterpriseId, channel: 'visit' }), 'visit-1');
    expect(onBehalf.ticket).toMatchObject({ channel: 'visit', enterpriseId: plain.enterpriseId });
  });

  it('out of office hours: the ticket waits for the desk, which is told', async () => {
    const { ports, raise, as } = await kit(EVENING);
    const t = await raise(KEY_OWNER);
    expect(t.desk).toMatchObject({ state: 'waiting', at: EVENING });
    const messages = ports.queue.outboxOf(t.id);
    expect(messages.map((m) => m.id)).toEqual([`${t.id}:1:0`, `${t.id}:1:1`]);
    expect(messages[1]?.audience).toEqual([{ kind: 'deskOnDuty' }]);
    const desk = await listTickets(ports, await as('agent-1'), { view: 'mine', limit: 20 });
    expect(desk.items.map((x) => x.id)).toEqual([t.id]);
    // the claim clock runs on working time: it falls due the next working morning, not two hours later
    expect(t.clocks[0]?.dueAt).toBe('2026-12-01T03:00:00.000Z');
  });

  it('keeps a ticket still in intake out of every list and feed, and the next retry finishes it', async () => {
    const { ports, as } = await kit();
    const owner = await as(KEY_OWNER);
    // the first write lands, then the store fails: the intake is left half done
    ports.tickets.failApplyNext(1);
    await expect(intake(ports, owner, body(), 'half')).rejects.toThrow();
    const [ticket] = ports.table.dump().filter((i) => i.entity === 'TICKET') as unknown as Ticket[];
    const id = ticket?.id ?? '';
    expect((await ports.tickets.get(owner.tenantId, id))?.intakePending).toBe(true);
    expect((await listTickets(ports, owner, { view: 'mine', limit: 20 })).items).toEqual([]);
    expect((await ports.tickets.byTenant(owner.tenantId)).items).toEqual([]);
    expect((await ports.tickets.feed(owner.tenantId, 'key', undefined, 10)).cards).toEqual([]);
    expect(await ports.tickets.many(owner.tenantId, [id])).toEqual([]);
    // not claimable meanwhile
    expect(await ports.tickets.lockClaim(owner.tenantId, id, { token: 'x', unitId: 'jxw', unitName: 'jxw', until: '2099-01-01T00:00:00.000Z', now: new Date().toISOString(), groupIds: ['key'] })).toBeUndefined();

    const retry = await intake(ports, owner, body(), 'half');
    expect(retry).toMatchObject({ created: false, ticket: { id } });
    expect((await ports.tickets.get(owner.tenantId, id))?.intakePending).toBeUndefined();
    expect((await listTickets(ports, owner, { view: 'mine', limit: 20 })).items.map((t) => t.id)).toEqual([id]);
    expect(ports.queue.outboxOf(id).map((m) => m.id)).toEqual([`${id}:1:0`]);
    // a second settle of the same version changes nothing
    const stored = await ports.tickets.get(owner.tenantId, id);
    if (stored) await finishEffects(ports, stored);
    expect((await ports.tickets.get(owner.tenantId, id))?.ticket.version).toBe(1);
  });
});
