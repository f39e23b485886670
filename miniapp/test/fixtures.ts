import { defaultCalendar, startClock, DEFAULT_CLOCK_POLICY, type Clock, type FeedCard, type Ticket } from '@whistle/shared';

export const CAL = defaultCalendar();
/** Tuesday 2026-06-09 10:00 in Shanghai: working time. */
export const TUESDAY_10 = Date.parse('2026-06-09T02:00:00Z');
export const iso = (ms: number) => new Date(ms).toISOString();
export const ENTERPRISE_ID = '91330100MA2H0000XE';

export function ticket(patch: Partial<Ticket> = {}): Ticket {
  const at = iso(TUESDAY_10);
  return {
    id: 't1',
    tenantId: 'demo',
    number: '2026-000001',
    enterpriseId: ENTERPRISE_ID,
    enterpriseName: '清溪恒通机械有限公司',
    gridId: 'g01',
    channel: 'miniapp',
    category: 'utilities',
    priority: 'normal',
    title: '新厂房用电增容',
    description: '需要增容到 2000 千伏安',
    status: 'published',
    groupIds: ['ind-equipment'],
    declinedUnitIds: [],
    difficult: false,
    reopenCount: 0,
    clocks: [],
    createdBy: { userId: 'owner-01', name: '孙建国', role: 'owner' },
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...patch,
  };
}

export const clock = (kind: Clock['kind'], start: number, rule = DEFAULT_CLOCK_POLICY.normal.resolve): Clock =>
  startClock(CAL, { kind, rule, start: iso(start) });

export function card(patch: Partial<FeedCard> = {}): FeedCard {
  return {
    groupId: 'ind-equipment',
    ticketId: 't1',
    number: '2026-000001',
    title: '新厂房用电增容',
    enterpriseName: '清溪恒通机械有限公司',
    category: 'utilities',
    priority: 'normal',
    status: 'published',
    publishedAt: iso(TUESDAY_10),
    updatedAt: iso(TUESDAY_10),
    claimDueAt: iso(TUESDAY_10 + 2 * 3600_000),
    ...patch,
  };
}
