import { completeCreditCode, type Ticket, type TicketDetailResponse } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, snapshotDiff, startKit, tenantItems, tenantSnapshot, type Kit } from './requests-kit.js';

/** 企业吹哨: intake over HTTP, idempotent by key, on behalf of enterprises, out of hours to the desk. */
let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.close();
});

const BODY = { title: '融资担保咨询', description: '想了解区里对中小企业的贷款贴息政策。', category: 'finance' };
const post = async (userId: string, body: unknown, key?: string, extraHeaders: Record<string, string> = {}) =>
  kit.api.call('POST', '/api/tickets', {
    token: await kit.token(userId),
    headers: { ...(key !== undefined ? { 'idempotency-key': key } : {}), ...extraHeaders },
    body,
  });
const ticketCount = async () => (await tenantItems(kit.env)).filter((i) => i.entity === 'TICKET').length;

describe('an owner raises a request', () => {
  it('creates it for their own enterprise with a yearly number, routed to industry + township + key groups', async () => {
    const res = await post('owner-01', BODY, newKey());
    expect(res.status).toBe(201);
    const t = (res.body as { ticket: Ticket }).ticket;
    expect(t.number).toMatch(/^2026-\d{6}$/);
    expect(t).toMatchObject({
      tenantId: kit.tenantId,
      enterpriseId: kit.enterpriseOf('owner-01'),
      channel: 'miniapp',
      status: 'published',
      priority: 'normal',
      version: 1,
      createdBy: { userId: 'owner-01', role: 'owner' },
    });
    expect([...t.groupIds].sort()).toEqual(['ind-equipment', 'key', 'town-dgjd']);
    expect(t.desk).toBeUndefined();
    expect(t.clocks.map((c) => c.kind)).toEqual(['claim']);
    // claim clock: 2 working hours from 10:00 → 12:00 Shanghai
    expect(t.clocks[0]?.dueAt).toBe('2026-11-24T04:00:00.000Z');
  });

  it('numbers consecutive requests consecutively', async () => {
    const a = await kit.raise('owner-05');
    const b = await kit.raise('owner-05');
    expect(Number(b.number.slice(5))).toBe(Number(a.number.slice(5)) + 1);
  });

  it('numbers by the local (Shanghai) year: 01:00 on New Year’s Day starts the new year’s series', async () => {
    const saved = kit.now().getTime();
    try {
      kit.setNow(Date.parse('2026-12-31T15:00:00.000Z')); // 23:00 on 31 December in Shanghai
      expect((await kit.raise('owner-05')).number).toMatch(/^2026-\d{6}$/);
      kit.setNow(Date.parse('2026-12-31T17:00:00.000Z')); // 01:00 on 1 January 2027 in Shanghai
      expect((await kit.raise('owner-05')).number).toBe('2027-000001');
    } finally {
      kit.setNow(saved);
    }
  });

  it('routes a key (non-leading) enterprise to the key group, an ordinary one to industry + township only', async () => {
    const key = await kit.raise('owner-02'); // electronics, backbone, key, grid g02 (东港街道)
    expect([...key.groupIds].sort()).toEqual(['ind-electronics', 'key', 'town-dgjd']);
    const plain = await kit.raise('owner-03'); // materials, backbone, grid g03 (南山镇)
    expect([...plain.groupIds].sort()).toEqual(['ind-materials', 'town-nsz']);
    const west = await kit.raise('owner-04'); // chemicals, growth, grid g04 (西城街道)
    expect([...west.groupIds].sort()).toEqual(['ind-chemicals', 'town-xcjd']);
  });

  it('treats a retry with the same Idempotency-Key as the same request: 200, same ticket, nothing written', async () => {
    const key = newKey();
    const first = await post('owner-06', BODY, key);
    expect(first.status).toBe(201);
    const before = await tenantSnapshot(kit.env);
    for (let i = 0; i < 3; i++) {
      const again = await post('owner-06', BODY, key);
      expect(again.status).toBe(200);
      expect(again.body.ticket).toEqual(first.body.ticket);
    }
    // the replay says so in a header
    const raw = await fetch(`${kit.api.url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await kit.token('owner-06')}`, 'idempotency-key': key },
      body: JSON.stringify(BODY),
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('idempotent-replayed')).toBe('true');
    expect(snapshotDiff(before, await tenantSnapshot(kit.env))).toEqual([]);
  });

  it('creates one ticket when the same request is retried concurrently', async () => {
    const key = newKey();
    const count = await ticketCount();
    const results = await Promise.all(Array.from({ length: 6 }, () => post('owner-07', BODY, key)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    expect(new Set(results.map((r) => r.body.ticket.id)).size).toBe(1);
    expect(await ticketCount()).toBe(count + 1);
    // the ticket is complete: in the owner's list and in its group feed, with one creation on its timeline
    const id = results[0]?.body.ticket.id as string;
    const mine = await kit.api.call('GET', '/api/tickets', { token: await kit.token('owner-07') });
    expect(mine.body.items.filter((t: Ticket) => t.id === id)).toHaveLength(1);
    const d = (await kit.api.call('GET', `/api/tickets/${id}`, { token: await kit.token('owner-07') })).body as TicketDetailResponse;
    expect(d.timeline.map((e) => e.kind)).toEqual(['created', 'published']);
  });

  it('answers 422 when the same key comes with a different request, and writes nothing', async () => {
    const key = newKey();
    expect((await post('owner-08', BODY, key)).status).toBe(201);
    const before = await tenantSnapshot(kit.env);
    for (const changed of [{ ...BODY, title: '另一个问题' }, { ...BODY, category: 'land' }, { ...BODY, priority: 'urgent' }]) {
      const res = await post('owner-08', changed, key);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    }
    expect(snapshotDiff(before, await tenantSnapshot(kit.env))).toEqual([]);
  });

  it('keeps keys per caller: the same key from another user is another request', async () => {
    const key = newKey();
    const a = await post('owner-09', BODY, key);
    const b = await post('owner-10', BODY, key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.ticket.id).not.toBe(b.body.ticket.id);
  });

  it('requires a well-formed Idempotency-Key, naming the header', async () => {
    const count = await ticketCount();
    for (const key of [undefined, '', 'short', 'has spaces in it', 'x'.repeat(129), 'cl\u00e9-\u00e9t\u00e9-caf\u00e9']) {
      const res = await post('owner-11', BODY, key);
      expect(res.status, String(key)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'idempotency-key' })]);
    }
    expect(await ticketCount()).toBe(count);
  });

  it('validates the body, naming each field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...BODY, title: '' }, 'title'],
      [{ ...BODY, title: '   ' }, 'title'],
      [{ ...BODY, title: '长'.repeat(61) }, 'title'],
      [{ ...BODY, description: undefined }, 'description'],
      [{ ...BODY, category: 'weather' }, 'category'],
      [{ ...BODY, priority: 'asap' }, 'priority'],
      [{ ...BODY, channel: 'fax' }, 'channel'],
      [{ ...BODY, enterpriseId: '123' }, 'enterpriseId'],
      [{ ...BODY, hack: true }, 'body'],
      [{ ...BODY, title: 42 }, 'title'],
    ];
    for (const [body, field] of cases) {
      const res = await post('owner-11', body, newKey());
      expect(res.status, field).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field), field).toContain(field);
    }
  });

  it('refuses an owner raising for another enterprise (403), or on another channel (400)', async () => {
    const other = await post('owner-12', { ...BODY, enterpriseId: kit.enterpriseOf('owner-13') }, newKey());
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    const own = await post('owner-12', { ...BODY, enterpriseId: kit.enterpriseOf('owner-12') }, newKey());
    expect(own.status).toBe(201);
    const hotline = await post('owner-12', { ...BODY, channel: 'hotline' }, newKey());
    expect(hotline.status).toBe(400);
    expect(hotline.body.error.details[0].field).toBe('channel');
  });

  it('refuses leaders and admins (403)', async () => {
    for (const who of ['leader-zhang', 'admin']) {
      const res = await post(who, { ...BODY, enterpriseId: kit.enterpriseOf('owner-01'), channel: 'visit' }, newKey());
      expect(res.status, who).toBe(403);
    }
  });
});

describe('officers and agents raise on behalf of an enterprise', () => {
  it.each(['hotline', 'visit', 'symposium', 'desk'] as const)('records channel %s and who raised it', async (channel) => {
    const res = await post('officer-rsj', { ...BODY, channel, enterpriseId: kit.enterpriseOf('owner-14') }, newKey());
    expect(res.status).toBe(201);
    expect(res.body.ticket).toMatchObject({
      channel,
      enterpriseId: kit.enterpriseOf('owner-14'),
      createdBy: { userId: 'officer-rsj', role: 'officer', unitId: 'rsj' },
    });
    // the enterprise sees what was raised for it
    const mine = await kit.api.call('GET', `/api/tickets/${res.body.ticket.id}`, { token: await kit.token('owner-14') });
    expect(mine.status).toBe(200);
  });

  it('defaults the channel: visit for officers, desk for agents', async () => {
    const officer = await post('grid-g03', { ...BODY, enterpriseId: kit.enterpriseOf('owner-15') }, newKey());
    expect(officer.body.ticket.channel).toBe('visit');
    const agent = await post('agent-1', { ...BODY, enterpriseId: kit.enterpriseOf('owner-15') }, newKey());
    expect(agent.status).toBe(201);
    expect(agent.body.ticket.channel).toBe('desk');
  });

  it('requires the enterprise, one of the tenant, and not the mini-program channel', async () => {
    const none = await post('officer-jxw', { ...BODY, channel: 'visit' }, newKey());
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].field).toBe('enterpriseId');
    const foreign = await post('officer-jxw', { ...BODY, channel: 'visit', enterpriseId: completeCreditCode('91110000100000007') }, newKey());
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].field).toBe('enterpriseId');
    const miniapp = await post('officer-jxw', { ...BODY, channel: 'miniapp', enterpriseId: kit.enterpriseOf('owner-15') }, newKey());
    expect(miniapp.status).toBe(400);
    expect(miniapp.body.error.details[0].field).toBe('channel');
  });
});

describe('out of office hours', () => {
  it('puts the request in the after-hours desk and starts the claim clock at the next working period', async () => {
    // Saturday 2026-11-28 21:00 Shanghai
    const saved = kit.now().getTime();
    kit.setNow(Date.parse('2026-11-28T13:00:00.000Z'));
    try {
      const t = await kit.raise('owner-16');
      expect(t.desk).toEqual({ state: 'waiting', at: '2026-11-28T13:00:00.000Z' });
      expect(t.status).toBe('published');
      // Monday 09:00 + 2 working hours = 11:00 Shanghai
      expect(t.clocks.find((c) => c.kind === 'claim')?.dueAt).toBe('2026-11-30T03:00:00.000Z');
      const d = (await kit.api.call('GET', `/api/tickets/${t.id}`, { token: await kit.token('owner-16') })).body as TicketDetailResponse;
      expect(d.timeline.find((e) => e.kind === 'published')?.data).toMatchObject({ desk: true });
      // the agents' queue lists it
      const queue = await kit.api.call('GET', '/api/tickets', { token: await kit.token('agent-2') });
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((x: Ticket) => x.id)).toContain(t.id);
      // agents may open desk tickets
      expect((await kit.api.call('GET', `/api/tickets/${t.id}`, { token: await kit.token('agent-2') })).status).toBe(200);
    } finally {
      kit.setNow(saved);
    }
  });

  it('treats lunch break and a statutory holiday as out of hours, a make-up working day as in hours', async () => {
    const saved = kit.now().getTime();
    try {
      kit.setNow(Date.parse('2026-11-24T04:30:00.000Z')); // 12:30 Tuesday: lunch
      expect((await kit.raise('owner-17')).desk?.state).toBe('waiting');
      kit.setNow(Date.parse('2026-10-01T02:00:00.000Z')); // National Day
      expect((await kit.raise('owner-17')).desk?.state).toBe('waiting');
      kit.setNow(Date.parse('2026-10-10T02:00:00.000Z')); // Saturday, a make-up working day (调休)
      expect((await kit.raise('owner-17')).desk).toBeUndefined();
    } finally {
      kit.setNow(saved);
    }
  });
});
