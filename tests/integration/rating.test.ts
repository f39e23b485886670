import type { Ticket } from '@whistle/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startKit, WORKING_MORNING, type Kit } from './requests-kit.js';

/** 满意度 and reopening: the owner rates once per resolution, and may reopen within the window. */
let kit: Kit;
beforeAll(async () => {
  kit = await startKit();
});
afterAll(async () => {
  await kit.close();
});
beforeEach(() => {
  kit.setNow(WORKING_MORNING);
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** owner-03's ticket (南山镇 + materials), claimed by 南山镇 and resolved */
async function resolved(): Promise<Ticket> {
  const t = await kit.raise('owner-03');
  expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/claim`)).status).toBe(200);
  kit.advance(MINUTE);
  const res = await kit.post('officer-nsz', `/api/tickets/${t.id}/resolve`, { kind: 'answered', summary: '已答复企业' });
  expect(res.status).toBe(200);
  kit.advance(MINUTE);
  return res.body.ticket as Ticket;
}

describe('rating', () => {
  it('comes after the resolve, from the owner, once', async () => {
    const open = await kit.raise('owner-03');
    const early = await kit.post('owner-03', `/api/tickets/${open.id}/rating`, { score: 'satisfied' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_TRANSITION');

    const t = await resolved();
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/rating`, { score: 'satisfied' })).status).toBe(403);
    expect((await kit.post('supervisor', `/api/tickets/${t.id}/rating`, { score: 'satisfied' })).status).toBe(403);
    expect((await kit.post('owner-04', `/api/tickets/${t.id}/rating`, { score: 'satisfied' })).status).toBe(404);
    const bad = await kit.post('owner-03', `/api/tickets/${t.id}/rating`, { score: 'great' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('score');
    expect(bad.body.error.message).toMatch(/满意/);
    const long = await kit.post('owner-03', `/api/tickets/${t.id}/rating`, { score: 'fair', comment: '长'.repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error.details[0].field).toBe('comment');

    const res = await kit.post('owner-03', `/api/tickets/${t.id}/rating`, { score: 'fair', comment: '答复及时，但还需跟进' });
    expect(res.status).toBe(200);
    const rated = res.body.ticket as Ticket;
    expect(rated.status).toBe('closed');
    expect(rated.rating).toEqual({ score: 'fair', comment: '答复及时，但还需跟进', at: kit.now().toISOString() });
    expect((await kit.detail(t.id)).timeline.at(-1)).toMatchObject({ kind: 'rated', text: '答复及时，但还需跟进', data: { score: 'fair' } });

    for (const score of ['satisfied', 'unsatisfied', 'fair']) {
      const again = await kit.post('owner-03', `/api/tickets/${t.id}/rating`, { score });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('INVALID_TRANSITION');
    }
    const after = await kit.detail(t.id);
    expect(after.ticket.rating?.score).toBe('fair');
    expect(after.timeline.filter((e) => e.kind === 'rated')).toHaveLength(1);
  });

  it('lets concurrent ratings land once', async () => {
    const t = await resolved();
    const token = await kit.token('owner-03');
    const results = await Promise.all(
      (['satisfied', 'fair', 'unsatisfied', 'satisfied', 'fair'] as const).map((score) =>
        kit.api.call('POST', `/api/tickets/${t.id}/rating`, { token, body: { score } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(4);
    expect((await kit.detail(t.id)).timeline.filter((e) => e.kind === 'rated')).toHaveLength(1);
  });
});

describe('reopen', () => {
  it('reopens a resolved request within the window to the same unit, with a fresh resolve clock', async () => {
    const t = await resolved();
    const noReason = await kit.post('owner-03', `/api/tickets/${t.id}/reopen`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].field).toBe('reason');
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/reopen`, { reason: '单位重开' })).status).toBe(403);

    kit.advance(3 * DAY);
    const res = await kit.post('owner-03', `/api/tickets/${t.id}/reopen`, { reason: '问题没有真正解决' });
    expect(res.status).toBe(200);
    const reopened = res.body.ticket as Ticket;
    expect(reopened).toMatchObject({ status: 'claimed', handlingUnitId: 'nsz', reopenCount: 1 });
    expect(reopened.resolution).toBeUndefined();
    expect(reopened.rating).toBeUndefined();
    const clock = reopened.clocks.find((c) => c.kind === 'resolve');
    expect(clock?.startedAt).toBe(kit.now().toISOString());
    expect(clock?.metAt).toBeUndefined();
    expect((await kit.detail(t.id)).timeline.at(-1)).toMatchObject({ kind: 'reopened', text: '问题没有真正解决', actor: { userId: 'owner-03' } });
    expect((await kit.post('owner-03', `/api/tickets/${t.id}/reopen`, { reason: '再开' })).status).toBe(409);

    // a second round: resolve again, and this resolution is rated
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/resolve`, { kind: 'resolved', summary: '已彻底解决' })).status).toBe(200);
    expect((await kit.post('owner-03', `/api/tickets/${t.id}/rating`, { score: 'satisfied' })).status).toBe(200);
    expect((await kit.post('owner-03', `/api/tickets/${t.id}/rating`, { score: 'satisfied' })).status).toBe(409);
  });

  it('reopens a rated (closed) request within the window', async () => {
    const t = await resolved();
    expect((await kit.post('owner-03', `/api/tickets/${t.id}/rating`, { score: 'unsatisfied', comment: '没解决' })).status).toBe(200);
    kit.advance(DAY);
    const res = await kit.post('owner-03', `/api/tickets/${t.id}/reopen`, { reason: '不满意，请重新办理' });
    expect(res.status).toBe(200);
    expect(res.body.ticket.status).toBe('claimed');
    expect(res.body.ticket.rating).toBeUndefined();
  });

  it('is refused after the window (15 days), and allowed up to its last minute', async () => {
    const t = await resolved();
    const resolvedAt = Date.parse(t.resolution?.at ?? '');
    kit.setNow(resolvedAt + 15 * DAY + MINUTE);
    const late = await kit.post('owner-03', `/api/tickets/${t.id}/reopen`, { reason: '过期重开' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_TRANSITION');
    expect(late.body.error.message).toMatch(/15 天/);
    expect((await kit.detail(t.id, 'owner-03')).actions).not.toContain('reopen');

    kit.setNow(resolvedAt + 15 * DAY);
    expect((await kit.detail(t.id, 'owner-03')).actions).toContain('reopen');
    expect((await kit.post('owner-03', `/api/tickets/${t.id}/reopen`, { reason: '最后一刻' })).status).toBe(200);
  });

  it('is refused while the request is still being handled', async () => {
    const t = await kit.raise('owner-03');
    expect((await kit.post('owner-03', `/api/tickets/${t.id}/reopen`, { reason: '重开' })).status).toBe(409);
    await kit.post('officer-nsz', `/api/tickets/${t.id}/claim`);
    expect((await kit.post('owner-03', `/api/tickets/${t.id}/reopen`, { reason: '重开' })).status).toBe(409);
  });
});
