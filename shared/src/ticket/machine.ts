import type { WorkingCalendar } from '../calendar/index.js';
import { meetClock, pauseClock, resumeClock, rulesFor, startClock, type ClockPolicy } from '../clocks.js';
import { ForbiddenError, TransitionError, ValidationError, type WhistleError } from '../errors.js';
import type { Enterprise } from '../schemas/reference.js';
import type { Clock, Ticket, TimelineKind } from '../schemas/ticket.js';
import { RATING_LABELS } from '../schemas/ticket.js';
import { addItems, completeItem, findItem, itemSubject, newPlan, openItems, planItemId, rescheduleItem } from '../plan/rules.js';
import { CLASS_LABELS } from '../schemas/ticket.js';
import { holdsOpenItem, mayClassify, mayCompleteItem, mayMoveItemDue, mayPlan, needsPlan } from './access.js';
import { COMMAND_TYPES, type Command, type CommandType } from './commands.js';
import { holdForCommonIssue } from './common-issue.js';
import {
  HANDLING_STATUSES as HANDLING,
  hasRole,
  isCoUnitOfficer,
  isPlanTeamOfficer,
  isCommissionerOf,
  isHandlingOfficer,
  isOfficer,
  isOwnerOf,
  isTicketLeader,
  OPEN_STATUSES as OPEN,
  type Principal,
  type UnitRef,
} from './roles.js';

/**
 * The ticket state machine, pure: given a ticket, a command and who issues it,
 * it answers the next ticket, the timeline entries and the notifications, or a
 * typed refusal. Concurrency is not its business: the store applies the result
 * with a write conditional on the version that was read.
 */

/** Who should hear of an event. The notifier turns audiences into people. */
export type Audience =
  | { kind: 'enterprise'; id: string }
  | { kind: 'unit'; id: string }
  | { kind: 'unitLead'; id: string }
  | { kind: 'group'; id: string }
  | { kind: 'user'; id: string }
  | { kind: 'supervisors' }
  | { kind: 'gridOfficer'; gridId: string }
  /** the enterprise's resident commissioners (亲清特使): raised, urged, resolved */
  | { kind: 'commissioners'; enterpriseId: string }
  /** the grid's chief and its area's lead: told of urgent requests at once */
  | { kind: 'gridLeads'; gridId: string }
  /** the after-hours desk agents on duty at the event's time (or every agent when nobody is rostered) */
  | { kind: 'deskOnDuty' };

export interface Notification {
  event: 'published' | 'claimed' | 'assigned' | 'transferred' | 'replied' | 'infoRequested' | 'progress' | 'joint' | 'leaderTook' | 'resolved' | 'rated' | 'reopened' | 'escalated' | 'deskAnswered' | 'consultation' | 'policyPushed';
  audience: Audience[];
  title: string;
  body: string;
}

export interface TimelineDraft {
  kind: TimelineKind;
  text?: string;
  data?: Record<string, unknown>;
}

export interface MachineContext {
  principal: Principal;
  now: string;
  calendar: WorkingCalendar;
  policy: ClockPolicy;
  /** units that are members of the ticket's groups (who may claim or decline) */
  groupUnitIds: readonly string[];
  /** the ticket's enterprise as far as the rules need it (its commissioners may message); absent: nobody is one */
  enterprise?: Pick<Enterprise, 'id' | 'commissionerUserIds'> | undefined;
}

export type TransitionResult =
  /** `replay`: the command asked for what the ticket already is (a retry): nothing to commit, the ticket as read */
  | { ok: true; ticket: Ticket; entries: TimelineDraft[]; notifications: Notification[]; replay?: true }
  | { ok: false; error: WhistleError };

const has = hasRole;

const refuse = (message: string, details?: unknown): TransitionResult => ({
  ok: false,
  error: new TransitionError(message, details),
});
const forbid = (message: string): TransitionResult => ({ ok: false, error: new ForbiddenError(message) });

const mapClocks = (clocks: readonly Clock[], f: (c: Clock) => Clock, which?: (c: Clock) => boolean): Clock[] =>
  clocks.map((c) => (!which || which(c) ? f(c) : c));

const withClock = (clocks: readonly Clock[], clock: Clock): Clock[] => [
  ...clocks.filter((c) => c.id !== clock.id),
  clock,
];

/** Guard: may this principal issue this command on this ticket now? Undefined when allowed. */
export function guard(
  type: CommandType,
  t: Ticket,
  ctx: Pick<MachineContext, 'principal' | 'groupUnitIds' | 'now' | 'policy' | 'enterprise'>,
): TransitionResult | undefined {
  const p = ctx.principal;
  const commissioner = isTicketCommissioner(p, t, ctx);
  const inGroup = isOfficer(p) && ctx.groupUnitIds.includes(p.unitId ?? '');
  switch (type) {
    case 'claim':
      if (!inGroup) return forbid('只有群内成员单位可以认领');
      if (t.status !== 'published') return refuse('该诉求已不在待认领状态');
      return undefined;
    case 'decline':
      if (!inGroup) return forbid('只有群内成员单位可以说明不属本单位');
      if (t.status !== 'published') return refuse('该诉求已不在待认领状态');
      if (t.declinedUnitIds.includes(p.unitId ?? '')) return refuse('本单位已说明过不属本单位');
      return undefined;
    case 'assign':
      if (!has(p, 'supervisor')) return forbid('只有督办人员可以指派');
      if (t.status !== 'published') return refuse('只能指派尚未认领的诉求');
      return undefined;
    case 'transfer':
      if (!isHandlingOfficer(p, t) && !has(p, 'supervisor')) return forbid('只有承办单位或督办人员可以移交');
      if (!HANDLING.includes(t.status)) return refuse('只有办理中的诉求可以移交');
      return undefined;
    case 'message':
      if (!isOwnerOf(p, t) && !isHandlingOfficer(p, t) && !isCoUnitOfficer(p, t) && !isPlanTeamOfficer(p, t) && !isTicketLeader(p, t) && !has(p, 'supervisor') && !commissioner)
        return forbid('只有企业、承办单位和本企业的亲清特使可以在此沟通');
      if (t.status === 'closed') return refuse('诉求已销号，不能再留言');
      return undefined;
    case 'progress':
      if (!isHandlingOfficer(p, t) && !isCoUnitOfficer(p, t) && !isPlanTeamOfficer(p, t) && !isTicketLeader(p, t)) return forbid('只有承办单位或领办领导可以报告进展');
      if (!HANDLING.includes(t.status)) return refuse('只有办理中的诉求可以报告进展');
      return undefined;
    case 'requestInfo':
      if (!isHandlingOfficer(p, t)) return forbid('只有承办单位可以请企业补充材料');
      if (t.status !== 'claimed') return refuse('只有办理中的诉求可以请企业补充材料');
      return undefined;
    case 'joint':
      if (!isHandlingOfficer(p, t) && !has(p, 'supervisor')) return forbid('只有承办单位或督办人员可以发起联办');
      if (!HANDLING.includes(t.status)) return refuse('只有办理中的诉求可以发起联办');
      if (t.joint) return refuse('该诉求已在联办中');
      return undefined;
    case 'taskDone':
      if (!isCoUnitOfficer(p, t) && !has(p, 'supervisor')) return forbid('只有协办单位可以完成协办任务');
      if (!HANDLING.includes(t.status)) return refuse('只有办理中的诉求可以完成协办任务');
      return undefined;
    case 'lead':
      if (!has(p, 'leader', 'supervisor')) return forbid('只有县领导或督办人员可以设定领导领办');
      if (!OPEN.includes(t.status)) return refuse('已办结的诉求不能领办');
      if (t.leader) return refuse('该诉求已由领导领办', { leaderUserId: t.leader.userId });
      return undefined;
    case 'classify':
      if (!mayClassify(p, t)) return forbid('只有承办单位或督办人员可以分类');
      return undefined;
    case 'plan':
      if (!mayPlan(p, t)) return forbid('只有牵头单位、领办领导或督办人员可以制定方案');
      if (!HANDLING.includes(t.status)) return refuse('只有办理中的诉求可以制定方案');
      if (!needsPlan(t)) return refuse('重点问题或联办事项才需制定方案，请先将问题分类为重点');
      if (t.plan) return refuse('方案已制定，请逐项添加事项');
      return undefined;
    case 'addItem':
      if (!mayPlan(p, t)) return forbid('只有牵头单位、领办领导或督办人员可以添加方案事项');
      if (!HANDLING.includes(t.status)) return refuse('只有办理中的诉求可以添加方案事项');
      if (!t.plan) return refuse('尚未制定方案');
      return undefined;
    case 'itemDone':
      if (!holdsOpenItem(p, t) && !has(p, 'supervisor')) return forbid('只有事项的责任单位可以完成方案事项');
      if (!HANDLING.includes(t.status)) return refuse('只有办理中的诉求可以完成方案事项');
      if (!t.plan) return refuse('尚未制定方案');
      return undefined;
    case 'itemDue':
      if (!mayMoveItemDue(p)) return forbid('只有督办人员可以调整事项时限');
      if (!HANDLING.includes(t.status)) return refuse('只有办理中的诉求可以调整事项时限');
      if (!t.plan) return refuse('尚未制定方案');
      return undefined;
    case 'resolve':
      if (!isHandlingOfficer(p, t)) return forbid('只有承办单位（牵头单位）可以办结');
      if (!HANDLING.includes(t.status)) return refuse('只有办理中的诉求可以办结');
      if (openItems(t.plan).length > 0) {
        return refuse('仍有方案事项未完成，牵头单位暂不能办结', { pendingItems: openItems(t.plan).map((i) => i.id) });
      }
      if (t.joint && t.joint.coUnits.some((c) => !c.doneAt)) {
        return refuse('仍有协办任务未完成，牵头单位暂不能办结', {
          pending: t.joint.coUnits.filter((c) => !c.doneAt).map((c) => c.unitId),
        });
      }
      return undefined;
    case 'rate':
      if (!isOwnerOf(p, t)) return forbid('只有提出诉求的企业可以评价');
      if (t.status !== 'resolved') return refuse(t.rating ? '已经评价过了' : '诉求办结后才能评价');
      return undefined;
    case 'reopen': {
      if (!isOwnerOf(p, t)) return forbid('只有提出诉求的企业可以重新打开');
      if (t.status !== 'resolved' && t.status !== 'closed') return refuse('只有已办结的诉求可以重新打开');
      const resolvedAt = t.resolution?.at;
      const windowMs = ctx.policy.reopenWindowDays * 24 * 60 * 60 * 1000;
      if (!resolvedAt || Date.parse(ctx.now) - Date.parse(resolvedAt) > windowMs)
        return refuse(`办结超过 ${ctx.policy.reopenWindowDays} 天，不能重新打开，请重新吹哨`);
      return undefined;
    }
    case 'deskAnswer':
    case 'deskForward':
      if (!has(p, 'agent')) return forbid('只有在线客服可以处理');
      if (t.desk?.state !== 'waiting' || t.status !== 'published') return refuse('该诉求不在客服队列中');
      return undefined;
  }
}

/** Which commands this principal may issue on this ticket now (for the UI). */
export const allowedCommands = (
  t: Ticket,
  ctx: Pick<MachineContext, 'principal' | 'groupUnitIds' | 'now' | 'policy' | 'enterprise'>,
): CommandType[] => COMMAND_TYPES.filter((type) => guard(type, t, ctx) === undefined);

/** A commissioner of the ticket's enterprise (the context's enterprise, when it is the ticket's). */
const isTicketCommissioner = (p: Principal, t: Ticket, ctx: Pick<MachineContext, 'enterprise'>): boolean =>
  ctx.enterprise?.id === t.enterpriseId && isCommissionerOf(p, ctx.enterprise);

/** What an urgent request's notifications begin with (紧急: the inbox and the WeChat message both show it). */
export const urgentMark = (t: Pick<Ticket, 'priority'>): string => (t.priority === 'urgent' ? '【紧急】' : '');

/** The enterprise's resident commissioners (亲清特使): told when its requests are raised, urged and resolved. */
export const commissionersOf = (t: Pick<Ticket, 'enterpriseId'>): Audience => ({ kind: 'commissioners', enterpriseId: t.enterpriseId });

const enterpriseAnd = (t: Ticket, ...rest: Audience[]): Audience[] => [{ kind: 'enterprise', id: t.enterpriseId }, ...rest];
const groupsOf = (t: Ticket): Audience[] => t.groupIds.map((id) => ({ kind: 'group', id }) as const);

/** Starts the handling clocks when a unit takes the ticket (claim or assign). */
function takeOver(t: Ticket, unit: UnitRef, ctx: MachineContext): Ticket {
  const rules = rulesFor(ctx.policy, t.priority);
  let clocks = mapClocks(t.clocks, (c) => meetClock(c, ctx.now), (c) => c.kind === 'claim');
  clocks = withClock(clocks, startClock(ctx.calendar, { kind: 'contact', rule: rules.contact, start: ctx.now, unitId: unit.id }));
  clocks = withClock(clocks, startClock(ctx.calendar, { kind: 'resolve', rule: rules.resolve, start: ctx.now, unitId: unit.id }));
  return {
    ...t,
    status: 'claimed',
    handlingUnitId: unit.id,
    handlingUnitName: unit.name,
    claimedAt: ctx.now,
    clocks,
  };
}

const meetKinds = (clocks: readonly Clock[], now: string, kinds: readonly Clock['kind'][]) =>
  mapClocks(clocks, (c) => meetClock(c, now), (c) => kinds.includes(c.kind));

/** Met recurring clocks start again from now (weekly progress, leader cadence). */
function restartRecurring(clocks: readonly Clock[], ctx: MachineContext, kinds: readonly Clock['kind'][], t: Ticket): Clock[] {
  const rules = rulesFor(ctx.policy, t.priority);
  const ruleOf = (k: Clock['kind']) =>
    k === 'progress' ? rules.progress : k === 'leaderProgress' ? ctx.policy.leader.progress : k === 'leaderOnsite' ? ctx.policy.leader.onsite : ctx.policy.leader.review;
  return clocks.map((c) =>
    kinds.includes(c.kind) && !c.metAt && c.recurring
      ? startClock(ctx.calendar, { id: c.id, kind: c.kind, rule: ruleOf(c.kind), start: ctx.now, ...(c.unitId ? { unitId: c.unitId } : {}), recurring: true })
      : c,
  );
}

/**
 * A command that asks for what the ticket already is, by someone who could have
 * asked for it: a retried plan (its items all there), item (there), completion
 * (done) or classification (the same class and reason). Nothing is written again.
 */
function replayOf(t: Ticket, command: Command, p: Principal): TransitionResult | undefined {
  const same = { ok: true as const, ticket: t, entries: [], notifications: [], replay: true as const };
  switch (command.type) {
    case 'classify':
      return mayClassify(p, t) && t.classification?.class === command.class && t.classification.reason === command.reason ? same : undefined;
    case 'plan':
      return t.plan && mayPlan(p, t) && command.items.every((i) => findItem(t.plan, planItemId(t.id, i.owner.id, i.title))) ? same : undefined;
    case 'addItem':
      return t.plan && mayPlan(p, t) && findItem(t.plan, planItemId(t.id, command.owner.id, command.title)) ? same : undefined;
    case 'itemDone': {
      const item = findItem(t.plan, command.itemId);
      return item?.status === 'done' && mayCompleteItem(p, item) ? same : undefined;
    }
    default:
      return undefined;
  }
}

export function transition(ticket: Ticket, command: Command, ctx: MachineContext): TransitionResult {
  const replay = replayOf(ticket, command, ctx.principal);
  if (replay) return replay;
  const refused = guard(command.type, ticket, ctx);
  if (refused) return refused;
  const p = ctx.principal;
  const now = ctx.now;
  const t: Ticket = { ...ticket, updatedAt: now, version: ticket.version + 1 };
  const ok = (next: Ticket, entries: TimelineDraft[], notifications: Notification[] = []): TransitionResult => ({
    ok: true,
    // linked to a common issue not yet solved: whatever the command started or resumed, resolve and progress stay paused
    ticket: holdForCommonIssue(next, now),
    entries,
    notifications,
  });

  switch (command.type) {
    case 'claim': {
      const unit = { id: p.unitId ?? '', name: p.unitName ?? p.unitId ?? '' };
      return ok(takeOver(t, unit, ctx), [{ kind: 'claimed', data: { unitId: unit.id, unitName: unit.name } }], [
        { event: 'claimed', audience: enterpriseAnd(t, ...groupsOf(t)), title: '诉求已认领', body: `${t.number}「${t.title}」已由 ${unit.name} 认领` },
      ]);
    }
    case 'decline':
      return ok({ ...t, declinedUnitIds: [...t.declinedUnitIds, p.unitId ?? ''] }, [
        { kind: 'declined', text: command.reason, data: { unitId: p.unitId } },
      ]);
    case 'assign':
      return ok(takeOver(t, command.unit, ctx), [{ kind: 'assigned', data: { unitId: command.unit.id, unitName: command.unit.name } }], [
        { event: 'assigned', audience: enterpriseAnd(t, { kind: 'unit', id: command.unit.id }), title: '诉求已指派', body: `${t.number}「${t.title}」已指派给 ${command.unit.name}` },
      ]);
    case 'transfer': {
      if (command.unit.id === t.handlingUnitId) return refuse('不能移交给本单位');
      const from = t.handlingUnitId;
      // clocks do not restart on transfer: the new unit inherits what is left
      const clocks = mapClocks(t.clocks, (c) => ({ ...c, unitId: command.unit.id }), (c) => c.unitId === from && !c.metAt);
      const joint = t.joint && t.joint.leadUnitId === from ? { ...t.joint, leadUnitId: command.unit.id, leadUnitName: command.unit.name } : t.joint;
      return ok(
        { ...t, handlingUnitId: command.unit.id, handlingUnitName: command.unit.name, clocks, ...(joint ? { joint } : {}) },
        [{ kind: 'transferred', text: command.reason, data: { fromUnitId: from, toUnitId: command.unit.id, toUnitName: command.unit.name } }],
        [{ event: 'transferred', audience: enterpriseAnd(t, { kind: 'unit', id: command.unit.id }), title: '诉求已移交', body: `${t.number} 已移交 ${command.unit.name} 办理` }],
      );
    }
    case 'message': {
      if (isOwnerOf(p, t)) {
        const resumed = t.status === 'waitingEnterprise';
        const clocks = resumed ? mapClocks(t.clocks, (c) => resumeClock(ctx.calendar, c, now), (c) => c.kind === 'resolve') : t.clocks;
        const audience: Audience[] = t.handlingUnitId ? [{ kind: 'unit', id: t.handlingUnitId }] : groupsOf(t);
        return ok({ ...t, status: resumed ? 'claimed' : t.status, clocks }, [{ kind: 'message', text: command.text, ...(resumed ? { data: { resumed: true } } : {}) }], [
          { event: 'replied', audience, title: '企业回复', body: `${t.number}：${command.text.slice(0, 60)}` },
        ]);
      }
      const speaksForUnit = isHandlingOfficer(p, t) || isCoUnitOfficer(p, t) || isPlanTeamOfficer(p, t) || isTicketLeader(p, t) || has(p, 'supervisor');
      if (!speaksForUnit && isTicketCommissioner(p, t, ctx)) {
        // the commissioner speaks beside the enterprise: the owners and whoever handles it (the groups before a claim) hear
        const audience: Audience[] = enterpriseAnd(t, ...(t.handlingUnitId ? [{ kind: 'unit', id: t.handlingUnitId } as const] : groupsOf(t)));
        return ok(t, [{ kind: 'message', text: command.text, data: { commissioner: true } }], [
          { event: 'replied', audience, title: '亲清特使留言', body: `${t.number}：${command.text.slice(0, 60)}` },
        ]);
      }
      const clocks = isHandlingOfficer(p, t) ? meetKinds(t.clocks, now, ['contact']) : t.clocks;
      return ok({ ...t, clocks }, [{ kind: 'message', text: command.text }], [
        { event: 'replied', audience: enterpriseAnd(t), title: '承办单位回复', body: `${t.number}：${command.text.slice(0, 60)}` },
      ]);
    }
    case 'progress': {
      const cadence = command.cadence ?? 'progress';
      const leaderKind = cadence === 'onsite' ? 'leaderOnsite' : cadence === 'review' ? 'leaderReview' : 'leaderProgress';
      let clocks = isHandlingOfficer(p, t) ? meetKinds(t.clocks, now, ['contact']) : t.clocks;
      clocks = restartRecurring(clocks, ctx, t.leader ? ['progress', leaderKind] : ['progress'], t);
      return ok({ ...t, clocks }, [{ kind: 'progress', text: command.text, data: { cadence } }], [
        { event: 'progress', audience: enterpriseAnd(t, ...(t.leader ? [{ kind: 'user', id: t.leader.userId } as const] : [])), title: '办理进展', body: `${t.number}：${command.text.slice(0, 60)}` },
      ]);
    }
    case 'requestInfo': {
      let clocks = meetKinds(t.clocks, now, ['contact']);
      clocks = mapClocks(clocks, (c) => pauseClock(c, now), (c) => c.kind === 'resolve');
      return ok({ ...t, status: 'waitingEnterprise', clocks }, [{ kind: 'infoRequested', text: command.text }], [
        { event: 'infoRequested', audience: enterpriseAnd(t), title: '请补充材料', body: `${t.number}：${command.text.slice(0, 60)}` },
      ]);
    }
    case 'joint': {
      const ids = command.coUnits.map((c) => c.unit.id);
      if (ids.includes(command.lead.id)) return { ok: false, error: new ValidationError([{ field: 'coUnits', message: '协办单位不能包含牵头单位' }]) };
      if (new Set(ids).size !== ids.length) return { ok: false, error: new ValidationError([{ field: 'coUnits', message: '协办单位不能重复' }]) };
      const rules = rulesFor(ctx.policy, t.priority);
      let clocks = t.clocks;
      for (const c of command.coUnits) {
        clocks = withClock(clocks, startClock(ctx.calendar, { id: `task:${c.unit.id}`, kind: 'task', rule: rules.resolve, start: now, unitId: c.unit.id }));
      }
      if (!clocks.some((c) => c.kind === 'progress' && !c.metAt)) {
        clocks = withClock(clocks, startClock(ctx.calendar, { kind: 'progress', rule: rules.progress, start: now, unitId: command.lead.id, recurring: true }));
      }
      // the lead unit is the single handling unit; clocks that were the old unit's follow it
      const from = t.handlingUnitId;
      clocks = mapClocks(clocks, (c) => ({ ...c, unitId: command.lead.id }), (c) => c.unitId === from && c.kind !== 'task' && !c.metAt);
      return ok(
        {
          ...t,
          handlingUnitId: command.lead.id,
          handlingUnitName: command.lead.name,
          difficult: true,
          joint: { leadUnitId: command.lead.id, leadUnitName: command.lead.name, coUnits: command.coUnits.map((c) => ({ unitId: c.unit.id, unitName: c.unit.name, task: c.task })), since: now },
          clocks,
        },
        [{ kind: 'jointStarted', data: { leadUnitId: command.lead.id, coUnits: command.coUnits.map((c) => ({ unitId: c.unit.id, task: c.task })) } }],
        [{ event: 'joint', audience: [{ kind: 'unit', id: command.lead.id }, ...command.coUnits.map((c) => ({ kind: 'unit', id: c.unit.id }) as const)], title: '联办任务', body: `${t.number}「${t.title}」启动联办，牵头单位 ${command.lead.name}` }],
      );
    }
    case 'taskDone': {
      const joint = t.joint;
      const task = joint?.coUnits.find((c) => c.unitId === command.unitId);
      if (!joint || !task) return refuse('该单位没有协办任务');
      if (!has(p, 'supervisor') && p.unitId !== command.unitId) return forbid('只能完成本单位的协办任务');
      if (task.doneAt) return refuse('该协办任务已完成');
      const coUnits = joint.coUnits.map((c) => (c.unitId === command.unitId ? { ...c, doneAt: now, doneBy: p.userId, ...(command.note ? { note: command.note } : {}) } : c));
      const clocks = mapClocks(t.clocks, (c) => meetClock(c, now), (c) => c.id === `task:${command.unitId}`);
      return ok({ ...t, joint: { ...joint, coUnits }, clocks }, [{ kind: 'taskDone', ...(command.note ? { text: command.note } : {}), data: { unitId: command.unitId } }], [
        { event: 'progress', audience: [{ kind: 'unit', id: joint.leadUnitId }], title: '协办任务完成', body: `${t.number}：${task.unitName} 已完成「${task.task}」` },
      ]);
    }
    case 'lead': {
      if (!has(p, 'supervisor') && command.leader.userId !== p.userId) return forbid('县领导只能本人领办');
      let clocks = t.clocks;
      const unitId = t.handlingUnitId;
      const l = ctx.policy.leader;
      for (const [kind, rule] of [['leaderProgress', l.progress], ['leaderOnsite', l.onsite], ['leaderReview', l.review]] as const) {
        clocks = withClock(clocks, startClock(ctx.calendar, { kind, rule, start: now, recurring: true, ...(unitId ? { unitId } : {}) }));
      }
      if (unitId && !clocks.some((c) => c.kind === 'progress' && !c.metAt)) {
        clocks = withClock(clocks, startClock(ctx.calendar, { kind: 'progress', rule: rulesFor(ctx.policy, t.priority).progress, start: now, unitId, recurring: true }));
      }
      return ok({ ...t, leader: { userId: command.leader.userId, name: command.leader.name, since: now }, difficult: true, clocks }, [
        { kind: 'leaderTook', data: { leaderUserId: command.leader.userId, leaderName: command.leader.name } },
      ], [
        { event: 'leaderTook', audience: enterpriseAnd(t, { kind: 'user', id: command.leader.userId }, ...(unitId ? [{ kind: 'unit', id: unitId } as const] : [])), title: '领导领办', body: `${t.number}「${t.title}」由 ${command.leader.name} 领办` },
      ]);
    }
    case 'classify': {
      const from = t.classification?.class;
      const classification = { class: command.class, reason: command.reason, at: now, by: p.userId, byName: p.name, ...(p.unitId ? { unitId: p.unitId } : {}) };
      return ok({ ...t, classification }, [
        { kind: 'classified', text: command.reason, data: { class: command.class, label: CLASS_LABELS[command.class], ...(from ? { from } : {}) } },
      ]);
    }
    case 'plan':
    case 'addItem': {
      const lead = { id: t.handlingUnitId ?? '', name: t.handlingUnitName ?? t.handlingUnitId ?? '' };
      const drafts = command.type === 'plan' ? command.items : [{ title: command.title, owner: command.owner, dueDate: command.dueDate }];
      const base = t.plan ?? newPlan(lead, [...(t.joint?.coUnits.map((c) => ({ id: c.unitId, name: c.unitName })) ?? []), ...(command.type === 'plan' ? command.coUnits : [])], p.userId, now);
      const r = addItems({ id: t.id, plan: base, clocks: t.clocks }, drafts, { calendar: ctx.calendar, now, by: p.userId, single: command.type === 'addItem' });
      if (!r.ok) return r;
      const { plan, clocks, added } = r.value;
      const entries: TimelineDraft[] =
        command.type === 'plan'
          ? [{ kind: 'planSet', data: { leadUnitId: plan.leadUnitId, coUnitIds: plan.coUnits.map((c) => c.unitId), items: added.map((i) => ({ itemId: i.id, title: i.title, ownerUnitId: i.ownerUnitId, dueDate: i.dueDate })) } }]
          : added.map((i) => ({ kind: 'itemAdded', text: i.title, data: { itemId: i.id, ownerUnitId: i.ownerUnitId, ownerUnitName: i.ownerUnitName, dueDate: i.dueDate } }));
      const owners = [...new Set(added.map((i) => i.ownerUnitId))];
      return ok({ ...t, plan, clocks, difficult: true }, entries, owners.map((u) => ({
        event: 'joint' as const,
        audience: [{ kind: 'unit' as const, id: u }],
        title: '方案事项',
        body: `${t.number}「${t.title}」：${added.filter((i) => i.ownerUnitId === u).map((i) => `${i.title}（${i.dueDate} 前）`).join('；')}`,
      })));
    }
    case 'itemDone': {
      const item = findItem(t.plan, command.itemId);
      if (!item) return refuse('方案中没有这个事项', { itemId: command.itemId });
      if (!mayCompleteItem(p, item)) return forbid('只能完成本单位的方案事项');
      const r = completeItem(t, command.itemId, { userId: p.userId, name: p.name }, command.note, now);
      if (!r.ok) return r;
      const { plan, clocks } = r.value;
      const lead = plan.leadUnitId;
      return ok({ ...t, plan, clocks }, [{ kind: 'itemDone', ...(command.note ? { text: command.note } : {}), data: { itemId: item.id, title: item.title, ownerUnitId: item.ownerUnitId } }], [
        { event: 'progress', audience: [{ kind: 'unit', id: lead }, ...(t.leader ? [{ kind: 'user', id: t.leader.userId } as const] : [])], title: '方案事项完成', body: `${t.number}：${item.ownerUnitName} 已完成「${item.title}」` },
      ]);
    }
    case 'itemDue': {
      const r = rescheduleItem(t, command.itemId, command.dueDate, { calendar: ctx.calendar, now });
      if (!r.ok) return r;
      const { plan, clocks, item, from } = r.value;
      return ok({ ...t, plan, clocks }, [{ kind: 'itemRescheduled', text: command.reason, data: { itemId: item.id, title: item.title, from, to: item.dueDate } }], [
        { event: 'progress', audience: [{ kind: 'unit', id: item.ownerUnitId }], title: '事项时限调整', body: `${t.number}：${itemSubject(item)}` },
      ]);
    }
    case 'resolve': {
      const clocks = t.clocks.map((c) => meetClock(c, now));
      return ok(
        { ...t, status: 'resolved', clocks, resolution: { kind: command.kind, summary: command.summary, at: now, by: p.userId, ...(p.unitId ? { unitId: p.unitId } : {}) } },
        [{ kind: 'resolved', text: command.summary, data: { kind: command.kind } }],
        [
          { event: 'resolved', audience: enterpriseAnd(t, ...(t.leader ? [{ kind: 'user', id: t.leader.userId } as const] : [])), title: '诉求已办结', body: `${t.number}「${t.title}」已办结，请评价` },
          // the commissioners hear it as news of their enterprise, not as the owner's call to rate
          { event: 'resolved', audience: [commissionersOf(t)], title: `${urgentMark(t)}服务企业诉求已办结`, body: `${t.enterpriseName}：${t.number}「${t.title}」已由 ${p.unitName ?? p.unitId ?? '承办单位'} 办结` },
        ],
      );
    }
    case 'rate': {
      const audience: Audience[] = t.handlingUnitId ? [{ kind: 'unit', id: t.handlingUnitId }] : [];
      if (command.score === 'unsatisfied') audience.push({ kind: 'supervisors' });
      return ok(
        { ...t, status: 'closed', rating: { score: command.score, at: now, ...(command.comment ? { comment: command.comment } : {}) } },
        [{ kind: 'rated', ...(command.comment ? { text: command.comment } : {}), data: { score: command.score } }],
        [{ event: 'rated', audience, title: '企业评价', body: `${t.number}：${RATING_LABELS[command.score]}` }],
      );
    }
    case 'reopen': {
      const rules = rulesFor(ctx.policy, t.priority);
      const unitId = t.handlingUnitId;
      const clocks = withClock(t.clocks, startClock(ctx.calendar, { kind: 'resolve', rule: rules.resolve, start: now, ...(unitId ? { unitId } : {}) }));
      const { resolution: _r, rating: _g, ...rest } = t;
      return ok(
        { ...rest, status: unitId ? 'claimed' : 'published', reopenCount: t.reopenCount + 1, clocks },
        [{ kind: 'reopened', text: command.reason }],
        [{ event: 'reopened', audience: unitId ? [{ kind: 'unit', id: unitId }, { kind: 'supervisors' }] : groupsOf(t), title: '诉求被重新打开', body: `${t.number}：${command.reason.slice(0, 60)}` }],
      );
    }
    case 'deskAnswer': {
      const clocks = t.clocks.map((c) => meetClock(c, now));
      return ok(
        { ...t, status: 'resolved', clocks, desk: { state: 'answered', at: now, agentUserId: p.userId }, resolution: { kind: 'answered', summary: command.text, at: now, by: p.userId } },
        [{ kind: 'deskAnswered', text: command.text }],
        [{ event: 'deskAnswered', audience: enterpriseAnd(t), title: '在线客服已答复', body: `${t.number}：${command.text.slice(0, 60)}` }],
      );
    }
    case 'deskForward':
      return ok({ ...t, desk: { state: 'forwarded', at: now, agentUserId: p.userId } }, [
        { kind: 'deskForwarded', ...(command.text ? { text: command.text } : {}) },
      ]);
  }
}
