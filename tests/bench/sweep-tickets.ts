import { completeCreditCode, defaultCalendar, DEFAULT_CLOCK_POLICY, meetClock, startClock, type Ticket } from '@whistle/shared';
import { keys, ticketIndexAttributes } from '../../functions/src/store/keys.js';

/** What a sweep meets in a tenant: a ticket due (unclaimed since the day before), running (claimed, clocks ahead) or closed. */
export type SweepKind = 'due' | 'running' | 'closed';

const cal = defaultCalendar();
const enterpriseId = completeCreditCode('91500108MA6000000');

/**
 * A ticket of a sweep's population (the sweep and province benches): `created` says when each kind was raised
 * (due: the day before, nobody claimed, the 2-working-hour claim clock long past; running: claimed this
 * morning, contact and resolve clocks ahead; closed: resolved and rated weeks ago, every clock met).
 */
export function sweepTicket(t: { tenantId: string; id: string; number: string; i: number; created: Record<SweepKind, string> }, kind: SweepKind): Ticket {
  const created = t.created[kind];
  const rules = DEFAULT_CLOCK_POLICY.normal;
  const claimClock = startClock(cal, { kind: 'claim', rule: rules.claim, start: created });
  const base: Ticket = {
    id: t.id,
    tenantId: t.tenantId,
    number: t.number,
    enterpriseId,
    enterpriseName: '清溪恒通机械有限公司',
    gridId: 'g01',
    channel: 'miniapp',
    category: 'finance',
    priority: 'normal',
    title: `诉求 ${t.i}`,
    description: '企业希望了解贷款贴息政策',
    status: 'published',
    groupIds: ['ind-equipment'],
    declinedUnitIds: [],
    difficult: false,
    reopenCount: 0,
    clocks: [claimClock],
    createdBy: { userId: 'owner-01', name: '业主', role: 'owner' },
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
  if (kind === 'due') return base;
  const claimedAt = new Date(Date.parse(created) + 30 * 60_000).toISOString();
  const clocks = [
    meetClock(claimClock, claimedAt),
    startClock(cal, { kind: 'contact', rule: rules.contact, start: claimedAt, unitId: 'jxw' }),
    startClock(cal, { kind: 'resolve', rule: rules.resolve, start: claimedAt, unitId: 'jxw' }),
  ];
  const handled = { ...base, status: 'claimed' as const, handlingUnitId: 'jxw', handlingUnitName: '区经济和信息化委员会', claimedAt, clocks, version: 2 };
  if (kind === 'running') return handled;
  const resolvedAt = new Date(Date.parse(created) + 2 * 86_400_000).toISOString();
  return {
    ...handled,
    status: 'closed',
    clocks: clocks.map((c) => meetClock(c, resolvedAt)),
    resolution: { kind: 'answered', summary: '已答复', at: resolvedAt, by: 'officer-jxw', unitId: 'jxw' },
    rating: { score: 'satisfied', at: resolvedAt },
    updatedAt: resolvedAt,
    version: 4,
  };
}

/** The item as TicketStore stores a ticket: keys, entity, the ticket, its index attributes. */
export const ticketItem = (t: Ticket) => ({ ...keys.ticket(t.tenantId, t.id), entity: 'TICKET', ...t, ...ticketIndexAttributes(t) });
