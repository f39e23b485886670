import { IdempotencyMismatchError, LogVisitBody, type LedgerEntry, type LogVisitInput } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { enterpriseLedger } from '../../../functions/src/services/ledger.js';
import { logVisit, raiseFromFinding } from '../../../functions/src/services/visits.js';
import { seedRoundTrips } from '../../support/memory/index.js';
import { failure, KEY_OWNER, kit } from './kit.js';

/**
 * The visits' services on memory ports: a logging retried, a finding turned
 * into a ticket by many at once, the ledger paged through its sources.
 * owner-01's enterprise is in grid g01 (officer grid-g01, area east: area-east;
 * chief grid-chief).
 */
const visitBody = (enterpriseId: string, over: Partial<LogVisitInput> = {}): LogVisitBody =>
  LogVisitBody.parse({
    enterpriseId,
    date: '2026-11-27',
    kind: 'onSite',
    situation: { production: 'reduced', orders: 'falling', staffing: 'short' },
    findings: [
      { text: '熟练焊工缺口约二十人，招聘会效果不佳', category: 'talent' },
      { text: '新产线需用电增容', category: 'utilities' },
    ],
    ...over,
  });

describe('visits on memory ports', () => {
  it('a logging retried with its key is the same visit; the key for another visit is refused; one item', async () => {
    const k = await kit();
    const ent = (await k.as(KEY_OWNER)).enterpriseId ?? '';
    const officer = await k.as('grid-g01');
    const first = await logVisit(k.ports, officer, visitBody(ent), 'visit-key-1');
    expect(first.created).toBe(true);
    const again = await logVisit(k.ports, officer, visitBody(ent), 'visit-key-1');
    expect(again).toEqual({ ...first, created: false });
    expect(await failure(() => logVisit(k.ports, officer, visitBody(ent, { kind: 'phone' }), 'visit-key-1'))).toBeInstanceOf(IdempotencyMismatchError);
    expect(k.ports.table.dump().filter((i) => i.entity === 'VISIT')).toHaveLength(1);
  });

  it('a finding tapped by five people at once becomes one ticket, linked once', async () => {
    seedRoundTrips(7);
    const k = await kit();
    const ent = (await k.as(KEY_OWNER)).enterpriseId ?? '';
    const { visit } = await logVisit(k.ports, await k.as('grid-g01'), visitBody(ent), 'visit-key-2');
    const tappers = await Promise.all(['grid-g01', 'grid-g01', 'supervisor', 'area-east', 'grid-chief'].map((u) => k.as(u)));
    const answers = await Promise.all(tappers.map((p) => raiseFromFinding(k.ports, p, visit.id, 1)));
    expect(new Set(answers.map((a) => a.ticket.id)).size).toBe(1);
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    const tickets = k.ports.table.dump().filter((i) => i.entity === 'TICKET');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ channel: 'visit', enterpriseId: ent, category: 'utilities', title: '新产线需用电增容' });
    const stored = await k.ports.visits.get(k.tenantId, visit.id);
    expect(stored?.visit.findings.map((f) => f.ticket?.ticketId)).toEqual([undefined, answers[0]?.ticket.id]);
    expect(stored?.visit.rev).toBe(2);
  });

  it('the ledger pages through tickets and visits, newest first', async () => {
    const k = await kit();
    const owner = await k.as(KEY_OWNER);
    const ent = owner.enterpriseId ?? '';
    const officer = await k.as('grid-g01');
    // a visit logged for three days back, a ticket now, a visit today, a ticket an hour on
    await logVisit(k.ports, officer, visitBody(ent, { date: '2026-11-27' }), 'v-a');
    const t1 = await k.raise(KEY_OWNER, { title: '第一件' });
    k.ports.clock.advance(60_000);
    const { visit: today } = await logVisit(k.ports, officer, visitBody(ent, { date: '2026-11-30', findings: [] }), 'v-b');
    k.ports.clock.advance(3_600_000);
    const t2 = await k.raise(KEY_OWNER, { title: '第二件' });
    const seen: LedgerEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await enterpriseLedger(k.ports, owner, ent, { limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    expect(seen.map((e) => [e.kind, e.kind === 'ticket' ? e.title : e.kind === 'visit' ? e.date : ''])).toEqual([
      ['ticket', '第二件'],
      ['visit', '2026-11-30'],
      ['ticket', '第一件'],
      ['visit', '2026-11-27'],
    ]);
    expect(seen[1]?.id).toBe(today.id);
    expect([t1.id, t2.id]).toEqual([seen[2]?.id, seen[0]?.id]);
  });
});
