import { isWorkingTime, localDate, type WorkingCalendar } from '../calendar/index.js';
import { meetClock, rulesFor, startClock, type ClockPolicy } from '../clocks.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import type { CreateTicketBody } from '../schemas/api.js';
import type { Channel } from '../schemas/common.js';
import type { Contact, Enterprise, Group } from '../schemas/reference.js';
import type { Ticket } from '../schemas/ticket.js';
import { commissionersOf, urgentMark, type Audience, type Notification, type TimelineDraft } from './machine.js';
import { actorOf, hasRole, isCommissionerOf, type Principal } from './roles.js';

/**
 * The birth of a ticket (企业吹哨), pure: who may raise one and for which
 * enterprise, which groups it is published to, and the ticket as published
 * with its claim clock, timeline and notifications. The intake service draws
 * the number and writes it.
 */
const INTAKE_ROLES = ['owner', 'officer', 'unitLead', 'agent', 'supervisor'] as const;

/**
 * Whether the principal raises requests only as a commissioner (亲清特使) of the enterprise asked for: an official
 * whose roles alone may not raise (a county leader), so the enterprise must be read before `intakeParty` decides.
 */
export const raisesOnlyAsCommissioner = (p: Principal): boolean => !hasRole(p, ...INTAKE_ROLES) && hasRole(p, 'leader');

/**
 * Who the request is for and through which channel: owners for their own enterprise in the mini-program, others
 * on behalf; a commissioner on behalf of an enterprise they serve (`commissioned`: that enterprise, as read).
 */
export function intakeParty(
  p: Principal,
  body: Pick<CreateTicketBody, 'enterpriseId' | 'channel'>,
  commissioned?: Pick<Enterprise, 'id' | 'commissionerUserIds'>,
): { enterpriseId: string; channel: Channel } {
  const asCommissioner = body.enterpriseId !== undefined && commissioned?.id === body.enterpriseId && isCommissionerOf(p, commissioned);
  if (!hasRole(p, ...INTAKE_ROLES) && !asCommissioner) throw new ForbiddenError('当前身份不能提交诉求');
  const isOwner = hasRole(p, 'owner');
  const enterpriseId = isOwner ? p.enterpriseId : body.enterpriseId;
  if (!enterpriseId) throw new ValidationError([{ field: 'enterpriseId', message: '请选择代为提交诉求的企业' }]);
  if (isOwner && body.enterpriseId && body.enterpriseId !== p.enterpriseId) throw new ForbiddenError('只能为本企业吹哨');
  const channel = isOwner ? 'miniapp' : (body.channel ?? (hasRole(p, 'agent') ? 'desk' : 'visit'));
  if (isOwner && body.channel && body.channel !== 'miniapp') {
    throw new ValidationError([{ field: 'channel', message: '企业在小程序提交，渠道只能是 miniapp' }]);
  }
  if (!isOwner && channel === 'miniapp') {
    throw new ValidationError([{ field: 'channel', message: '代企业提交时，渠道应为 hotline、visit、symposium 或 desk' }]);
  }
  return { enterpriseId, channel };
}

/** Routing: the industry group, the township group of the grid's town, the key group for key or leading enterprises. */
export function routeToGroups(
  groups: readonly Group[],
  enterprise: { industry: string; tier: string; key: boolean },
  townUnitId: string | undefined,
): string[] {
  const ids = groups
    .filter(
      (g) =>
        (g.kind === 'industry' && g.industry === enterprise.industry) ||
        (g.kind === 'township' && townUnitId !== undefined && g.townUnitId === townUnitId) ||
        (g.kind === 'key' && (enterprise.key || enterprise.tier === 'leading')),
    )
    .map((g) => g.id);
  return [...new Set(ids)];
}

/** The year a ticket is numbered in: the local (Shanghai) year, so 01:00 on New Year's Day is the new year. */
export const numberingYear = (at: string): number => Number(localDate(at).slice(0, 4));

export interface BirthInput {
  id: string;
  number: string;
  principal: Principal;
  body: CreateTicketBody;
  party: { enterpriseId: string; channel: Channel };
  enterprise: Pick<Enterprise, 'name' | 'gridId' | 'industry' | 'tier' | 'key'>;
  /** the township unit of the enterprise's grid */
  townUnitId: string | undefined;
  groups: readonly Group[];
  calendar: WorkingCalendar;
  policy: ClockPolicy;
  now: string;
}

export interface Birth {
  ticket: Ticket;
  entries: TimelineDraft[];
  notifications: Notification[];
}

/** What every ticket is born with, however it is routed: who, what, and a first version. */
function newTicket(input: BirthInput) {
  const { body, enterprise, now: at } = input;
  return {
    id: input.id,
    tenantId: input.principal.tenantId,
    number: input.number,
    enterpriseId: input.party.enterpriseId,
    enterpriseName: enterprise.name,
    gridId: enterprise.gridId,
    channel: input.party.channel,
    priority: body.priority,
    title: body.title,
    description: body.description,
    declinedUnitIds: [],
    difficult: false,
    reopenCount: 0,
    createdBy: actorOf(input.principal),
    createdAt: at,
    updatedAt: at,
    version: 1,
  } satisfies Partial<Ticket>;
}

/** The ticket as published: routed to its groups, its claim clock running, the desk told when out of hours. */
export function birth(input: BirthInput): Birth {
  const { body, enterprise, now: at } = input;
  const groupIds = routeToGroups(input.groups, enterprise, input.townUnitId);
  const outOfHours = !isWorkingTime(input.calendar, at);
  const rules = rulesFor(input.policy, body.priority);
  const ticket: Ticket = {
    ...newTicket(input),
    category: body.category,
    status: 'published',
    groupIds,
    ...(outOfHours ? { desk: { state: 'waiting' as const, at } } : {}),
    // the claim clock starts at publication: not claiming never helps
    clocks: [startClock(input.calendar, { kind: 'claim', rule: rules.claim, start: at })],
  };
  const urgent = urgentMark(ticket);
  const audience: Audience[] = [
    ...groupIds.map((id) => ({ kind: 'group' as const, id })),
    { kind: 'gridOfficer', gridId: enterprise.gridId },
    commissionersOf(ticket),
    // an urgent request calls out the grid chief and the area lead at once (片区负责人、网格总负责人)
    ...(body.priority === 'urgent' ? [{ kind: 'gridLeads' as const, gridId: enterprise.gridId }] : []),
  ];
  const notifications: Notification[] = [
    {
      event: 'published',
      audience,
      title: `${urgent}新的企业吹哨`,
      body: `${urgent}${enterprise.name}：${body.title}`,
    },
    ...(outOfHours
      ? [{ event: 'published' as const, audience: [{ kind: 'deskOnDuty' as const }], title: `${urgent}8小时外新诉求`, body: `${urgent}${enterprise.name}：${body.title}（请在线答复或转交）` }]
      : []),
  ];
  const entries: TimelineDraft[] = [
    { kind: 'created', data: { channel: input.party.channel } },
    { kind: 'published', data: { groupIds, ...(outOfHours ? { desk: true } : {}) } },
  ];
  return { ticket, entries, notifications };
}

/** The policy a consultation asks about (政策咨询), as the ticket carries it. */
export interface ConsultedPolicy {
  id: string;
  title: string;
  unitId: string;
  unitName: string;
  /** the named contact who must answer (首问负责人) */
  contact: Contact;
}

/**
 * A policy consultation's birth (我要申报 / 咨询 on a policy: 首问负责制).
 * No group claims it: it is born handled by the policy's unit, its claim
 * clock met at birth (the unit took it the moment it was raised), its contact
 * and resolve clocks running and the supervision ladder on them as on any
 * ticket. It carries the policy and its named contact; the contact (and the
 * unit) are told, and the timeline says where it went and who answers.
 */
export function consultationBirth(input: BirthInput & { consulted: ConsultedPolicy }): Birth {
  const { body, enterprise, now: at, consulted } = input;
  const rules = rulesFor(input.policy, body.priority);
  const unit = { id: consulted.unitId, name: consulted.unitName };
  const claimClock = meetClock(startClock(input.calendar, { kind: 'claim', rule: rules.claim, start: at, unitId: unit.id }), at);
  const ticket: Ticket = {
    ...newTicket(input),
    category: 'policy',
    status: 'claimed',
    groupIds: [],
    handlingUnitId: unit.id,
    handlingUnitName: unit.name,
    claimedAt: at,
    clocks: [
      claimClock,
      startClock(input.calendar, { kind: 'contact', rule: rules.contact, start: at, unitId: unit.id }),
      startClock(input.calendar, { kind: 'resolve', rule: rules.resolve, start: at, unitId: unit.id }),
    ],
    policy: { id: consulted.id, title: consulted.title, unitId: unit.id, unitName: unit.name, contact: consulted.contact },
  };
  const who = `首问负责人 ${consulted.contact.name}（${consulted.contact.phone}）`;
  const notifications: Notification[] = [
    {
      event: 'consultation',
      // the enterprise's commissioners hear of it too, as of any request their enterprise raises
      audience: [...(consulted.contact.userId ? [{ kind: 'user' as const, id: consulted.contact.userId }] : []), { kind: 'unit', id: unit.id }, commissionersOf(ticket)],
      title: '政策咨询（首问负责）',
      body: `${enterprise.name}咨询「${consulted.title}」：${body.title}`,
    },
  ];
  const entries: TimelineDraft[] = [
    { kind: 'created', data: { channel: input.party.channel, policyId: consulted.id } },
    {
      kind: 'firstContact',
      text: `政策咨询「${consulted.title}」直达${unit.name}，由${who}答复`,
      data: {
        policyId: consulted.id,
        policyTitle: consulted.title,
        unitId: unit.id,
        unitName: unit.name,
        contactName: consulted.contact.name,
        contactPhone: consulted.contact.phone,
        ...(consulted.contact.userId ? { contactUserId: consulted.contact.userId } : {}),
      },
    },
  ];
  return { ticket, entries, notifications };
}
