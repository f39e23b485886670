import { maySeeSimilar, StoreUnavailableError, ticketShownTo, type Ticket } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { addToSimilarIndex, REFRESH_INTERVAL_MS, similarAtIntake, warmSimilarIndex } from '../../../functions/src/services/similar-requests.js';
import { intake } from '../../../functions/src/services/tickets.js';
import { body, kit, KEY_OWNER } from './kit.js';

/** Issue 14 at intake on memory ports: the warm index, its one read per intake, and who is shown the list. */

const CATERING = [
  { title: '园区周边缺少餐饮配套', description: '园区周边没有饭店，员工中午吃饭难，希望引进餐饮配套。', category: 'other' as const },
  { title: '厂区附近没有食堂，工人就餐不便', description: '我们厂附近没有职工食堂，工人每天只能点外卖，就餐很不方便。', category: 'other' as const },
];
const ASK = { id: 'tkask', enterpriseId: 'x', category: 'other' as const, title: '园区吃饭难，员工就餐没地方', description: '周边餐饮少，员工午餐只能叫外卖。' };

describe('the warm similar-requests index', () => {
  it('is not looked for while cold (the load starts, nothing waits), then answers with one read per intake', async () => {
    const { ports, tenantId, raise } = await kit();
    const first = await raise('owner-02', CATERING[0]);
    expect(first).not.toHaveProperty('similar');
    expect(await warmSimilarIndex(ports, tenantId)).toBe(true);
    let reads = 0;
    const changedSince = ports.tickets.changedSince.bind(ports.tickets);
    ports.tickets.changedSince = (...args) => {
      reads++;
      return changedSince(...args);
    };
    // the load counts as a refresh: the next one is due REFRESH_INTERVAL_MS later
    ports.clock.advance(REFRESH_INTERVAL_MS);
    const found = await similarAtIntake(ports, tenantId, { ...ASK, enterpriseId: 'someone-else' });
    expect(reads).toBe(1);
    expect(found?.map((s) => s.ticketId)).toEqual([first.id]);
    expect(found?.[0]).toMatchObject({ number: first.number, enterpriseName: first.enterpriseName, title: first.title });
  });

  it('reads once for concurrent intakes (one refresh in flight, shared) and not again within REFRESH_INTERVAL_MS', async () => {
    const { ports, tenantId, raise } = await kit();
    const first = await raise('owner-02', CATERING[0]);
    await warmSimilarIndex(ports, tenantId);
    let reads = 0;
    const changedSince = ports.tickets.changedSince.bind(ports.tickets);
    ports.tickets.changedSince = (...args) => {
      reads++;
      return changedSince(...args);
    };
    const ask = { ...ASK, enterpriseId: 'someone-else' };
    ports.clock.advance(REFRESH_INTERVAL_MS);
    const together = await Promise.all(Array.from({ length: 5 }, () => similarAtIntake(ports, tenantId, ask)));
    expect(reads).toBe(1);
    for (const found of together) expect(found?.map((s) => s.ticketId)).toEqual([first.id]);
    // refreshed a moment ago: answered from memory
    ports.clock.advance(REFRESH_INTERVAL_MS - 1);
    expect((await similarAtIntake(ports, tenantId, ask))?.map((s) => s.ticketId)).toEqual([first.id]);
    expect(reads).toBe(1);
    ports.clock.advance(1);
    await similarAtIntake(ports, tenantId, ask);
    expect(reads).toBe(2);
  });

  it('never lists the asking enterprise, and lists a ticket raised since at once (added after its commit, no read)', async () => {
    const { ports, tenantId, raise, as } = await kit();
    await warmSimilarIndex(ports, tenantId);
    const own = await raise(KEY_OWNER, CATERING[0]);
    const other = await raise('owner-02', CATERING[1]);
    const owner = await as(KEY_OWNER);
    const found = await similarAtIntake(ports, tenantId, { ...ASK, enterpriseId: owner.enterpriseId ?? '' });
    expect(found?.map((s) => s.ticketId)).toEqual([other.id]);
    expect(found?.map((s) => s.ticketId)).not.toContain(own.id);
  });

  it('answers from the index as it stands when its refresh read fails, and never fails the intake', async () => {
    const { ports, tenantId, raise, as } = await kit();
    await warmSimilarIndex(ports, tenantId);
    const other = await raise('owner-02', CATERING[1]);
    ports.tickets.changedSince = () => Promise.reject(new StoreUnavailableError(new Error('down')));
    ports.clock.advance(REFRESH_INTERVAL_MS);
    const { ticket } = await intake(ports, await as(KEY_OWNER), body({ title: ASK.title, description: ASK.description, category: ASK.category }), 'k-down');
    // the owner's answer never carries it; the ticket stored does
    expect(ticket).not.toHaveProperty('similar');
    expect((await ports.tickets.get(tenantId, ticket.id))?.ticket.similar?.map((s) => s.ticketId)).toEqual([other.id]);
  });

  it('keeps the newer change of a ticket when an older row is read late', async () => {
    const { ports, tenantId, raise } = await kit();
    await warmSimilarIndex(ports, tenantId);
    const t = await raise('owner-02', CATERING[1]);
    const later: Ticket = { ...t, title: '别的事情', description: '与就餐无关的土地证办理', category: 'land', updatedAt: '2026-11-30T03:00:00.000Z' };
    addToSimilarIndex(ports, later);
    // the refresh reads the ticket as committed (older): it stays as it is now
    ports.clock.advance(REFRESH_INTERVAL_MS);
    const found = await similarAtIntake(ports, tenantId, { ...ASK, enterpriseId: 'someone-else' });
    expect(found).toEqual([]);
  });
});

describe('who is shown similar requests', () => {
  it('the units the ticket is with, the supervisor and leaders; never its owner, the desk, another unit', async () => {
    const { ports, raise, as } = await kit();
    await warmSimilarIndex(ports, (await as(KEY_OWNER)).tenantId);
    const t: Ticket = { ...(await raise(KEY_OWNER)), similar: [{ ticketId: 'tkother', number: '2026-000009', enterpriseName: '别家', title: '同一件事', score: 0.5 }] };
    const groups = await ports.refs.list('GROUP', t.tenantId);
    const sees = async (userId: string) => maySeeSimilar(await as(userId), t, groups);
    // owner-01's groups: ind-equipment (the departments), town-dgjd, key
    expect(await sees('supervisor')).toBe(true);
    expect(await sees('leader-zhang')).toBe(true);
    expect(await sees('officer-dgjd')).toBe(true);
    expect(await sees('officer-jxw')).toBe(true);
    expect(await sees(KEY_OWNER)).toBe(false);
    expect(await sees('agent-1')).toBe(false);
    expect(await sees('officer-nsz')).toBe(false);
    const shown = ticketShownTo(await as(KEY_OWNER), t, groups);
    expect(shown).not.toHaveProperty('similar');
    expect(ticketShownTo(await as('supervisor'), t, groups).similar).toHaveLength(1);
  });
});
