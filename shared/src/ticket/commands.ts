import * as z from 'zod/mini';
import * as api from '../schemas/api.js';
import { Id, type Role } from '../schemas/common.js';
import type { RatingScore, ResolutionKind, TicketClass } from '../schemas/ticket.js';
import { PlanItemId } from '../plan/schemas.js';
import type { UnitRef } from './roles.js';

/**
 * The one catalogue of ticket commands. Everything else is derived from it:
 * the route table (shared/src/routes.ts), the handlers' dispatch
 * (functions/src/handlers/commands.ts), the OpenAPI document, and the
 * mini-program's buttons, forms, API client and done texts. The state
 * machine (machine.ts) decides whether a command is allowed and what it does;
 * `who` here only says, for people and for the documentation, which roles
 * can ever issue it.
 */
export interface CommandSpec {
  /** the route: `{id}` or `{ticketId}` is the ticket; any other `{param}` joins the request */
  path: string;
  /** the HTTP function that serves it */
  fn: 'claim' | 'tickets' | 'desk';
  /** the request body (parsed at the edge); none: an empty object */
  body?: z.ZodMiniObject;
  /** path parameters besides the ticket's, parsed like the body */
  params?: z.ZodMiniObject;
  who: readonly Role[];
  /** the word on its button */
  label: string;
  /** what the mini-program says once it is done */
  done: string;
  /** the OpenAPI summary */
  summary: string;
}

/** The co-unit in `/tasks/{unitId}/done`. */
export const TaskUnitParam = z.strictObject({ unitId: Id });
/** The plan item in `/items/{itemId}/…`. */
export const PlanItemParam = z.strictObject({ itemId: PlanItemId });

const t = (verb: string) => `/api/tickets/{id}/${verb}`;
const OFFICERS = ['officer', 'unitLead'] as const;

export const COMMANDS = {
  claim: {
    path: t('claim'),
    fn: 'claim',
    who: OFFICERS,
    label: '认领',
    done: '认领成功，请在时限内联系企业',
    summary: 'Claim for your unit (发声认领); exactly one unit wins',
  },
  decline: {
    path: t('decline'),
    fn: 'tickets',
    body: api.ReasonBody,
    who: OFFICERS,
    label: '不属本单位',
    done: '已说明不属本单位',
    summary: 'Say the ticket is not your unit’s',
  },
  assign: {
    path: t('assign'),
    fn: 'tickets',
    body: api.AssignBody,
    who: ['supervisor'],
    label: '指派承办单位',
    done: '已指派',
    summary: 'Supervisor assigns an unclaimed ticket',
  },
  transfer: {
    path: t('transfer'),
    fn: 'tickets',
    body: api.TransferBody,
    who: [...OFFICERS, 'supervisor'],
    label: '移交',
    done: '已移交',
    summary: 'The handling unit hands over',
  },
  message: {
    path: t('messages'),
    fn: 'tickets',
    body: api.TextBody,
    who: ['owner', ...OFFICERS, 'leader', 'supervisor'],
    label: '留言',
    done: '已发送',
    summary: 'Conversation between enterprise and handling unit',
  },
  progress: {
    path: t('progress'),
    fn: 'tickets',
    body: api.ProgressBody,
    who: [...OFFICERS, 'leader'],
    label: '报告进展',
    done: '进展已报告',
    summary: 'A progress report',
  },
  requestInfo: {
    path: t('request-info'),
    fn: 'tickets',
    body: api.TextBody,
    who: OFFICERS,
    label: '请企业补充',
    done: '已请企业补充',
    summary: 'Ask the enterprise for information (pauses resolve)',
  },
  joint: {
    path: t('joint'),
    fn: 'tickets',
    body: api.JointBody,
    who: [...OFFICERS, 'supervisor'],
    label: '发起联办',
    done: '联办已启动',
    summary: 'Start joint handling (lead unit + co-units)',
  },
  taskDone: {
    path: t('tasks/{unitId}/done'),
    fn: 'tickets',
    body: api.TaskDoneBody,
    params: TaskUnitParam,
    who: [...OFFICERS, 'supervisor'],
    label: '完成协办任务',
    done: '协办任务已完成',
    summary: 'A co-unit marks its task done',
  },
  lead: {
    path: t('lead'),
    fn: 'tickets',
    body: api.LeadBody,
    who: ['leader', 'supervisor'],
    label: '领导领办',
    done: '已设定领导领办',
    summary: 'A county leader takes the matter (领导领办)',
  },
  classify: {
    path: t('class'),
    fn: 'tickets',
    body: api.ClassifyBody,
    who: [...OFFICERS, 'supervisor'],
    label: '问题分类',
    done: '已分类',
    summary: 'Classify the matter: common (共性), individual (个性) or key (重点), with a reason',
  },
  plan: {
    path: t('plan'),
    fn: 'tickets',
    body: api.PlanBody,
    who: [...OFFICERS, 'leader', 'supervisor'],
    label: '制定方案',
    done: '方案已制定',
    summary: 'Set the plan of a key matter or a joint handling: the team and its items (一企一策)',
  },
  addItem: {
    path: t('plan/items'),
    fn: 'tickets',
    body: api.PlanItemBody,
    who: [...OFFICERS, 'leader', 'supervisor'],
    label: '添加方案事项',
    done: '事项已加入方案',
    summary: 'Add an item to the plan (an owner unit and a due date); the same item again adds nothing',
  },
  itemDone: {
    path: t('plan/items/{itemId}/done'),
    fn: 'tickets',
    body: api.PlanItemDoneBody,
    params: PlanItemParam,
    who: [...OFFICERS, 'supervisor'],
    label: '完成方案事项',
    done: '方案事项已完成',
    summary: "The item's owner unit marks it done",
  },
  itemDue: {
    path: t('plan/items/{itemId}/due'),
    fn: 'tickets',
    body: api.PlanItemDueBody,
    params: PlanItemParam,
    who: ['supervisor'],
    label: '调整事项时限',
    done: '时限已调整',
    summary: "The supervisor moves an open item's due date (its ladder starts again)",
  },
  resolve: {
    path: t('resolve'),
    fn: 'tickets',
    body: api.ResolveBody,
    who: OFFICERS,
    label: '办结',
    done: '已办结',
    summary: 'Resolve: answered or resolved',
  },
  rate: {
    path: t('rating'),
    fn: 'tickets',
    body: api.RatingBody,
    who: ['owner'],
    label: '评价',
    done: '感谢您的评价',
    summary: 'The owner rates the handling, once',
  },
  reopen: {
    path: t('reopen'),
    fn: 'tickets',
    body: api.ReasonBody,
    who: ['owner'],
    label: '重新打开',
    done: '已重新打开',
    summary: 'The owner reopens within the window',
  },
  deskAnswer: {
    path: '/api/desk/{ticketId}/answer',
    fn: 'desk',
    body: api.DeskAnswerBody,
    who: ['agent'],
    label: '客服答复',
    done: '已答复企业',
    summary: 'The desk answers (consultation)',
  },
  deskForward: {
    path: '/api/desk/{ticketId}/forward',
    fn: 'desk',
    body: api.DeskForwardBody,
    who: ['agent'],
    label: '转交部门',
    done: '已转交部门',
    summary: 'The desk forwards to the groups',
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandType = keyof typeof COMMANDS;
export const COMMAND_TYPES = Object.keys(COMMANDS) as CommandType[];
export const isCommandType = (s: string): s is CommandType => Object.hasOwn(COMMANDS, s);

type BodyOf<K extends CommandType> = (typeof COMMANDS)[K] extends { body: infer B extends z.ZodMiniType } ? z.infer<B> : object;
type ParamsOf<K extends CommandType> = (typeof COMMANDS)[K] extends { params: infer P extends z.ZodMiniType } ? z.infer<P> : object;

/** A command as a caller asks for it: its body and extra path parameters, ids not yet resolved. */
export type CommandRequest = { [K in CommandType]: { type: K } & BodyOf<K> & ParamsOf<K> }[CommandType];
export type CommandRequestOf<K extends CommandType> = Extract<CommandRequest, { type: K }>;

/** The path parameter that names the ticket in a command's route. */
export const ticketParamOf = (type: CommandType): 'id' | 'ticketId' => (COMMANDS[type].path.includes('{ticketId}') ? 'ticketId' : 'id');

/**
 * A command as the state machine takes it: ids resolved to the units and
 * people they name (the application service looks them up).
 */
export type Command =
  | { type: 'claim' }
  | { type: 'decline'; reason: string }
  | { type: 'assign'; unit: UnitRef }
  | { type: 'transfer'; unit: UnitRef; reason: string }
  | { type: 'message'; text: string }
  | { type: 'progress'; text: string; cadence?: 'progress' | 'onsite' | 'review' }
  | { type: 'requestInfo'; text: string }
  | { type: 'joint'; lead: UnitRef; coUnits: Array<{ unit: UnitRef; task: string }> }
  | { type: 'taskDone'; unitId: string; note?: string }
  | { type: 'lead'; leader: { userId: string; name: string } }
  | { type: 'classify'; class: TicketClass; reason: string }
  | { type: 'plan'; coUnits: UnitRef[]; items: Array<{ title: string; owner: UnitRef; dueDate: string }> }
  | { type: 'addItem'; title: string; owner: UnitRef; dueDate: string }
  | { type: 'itemDone'; itemId: string; note?: string }
  | { type: 'itemDue'; itemId: string; dueDate: string; reason: string }
  | { type: 'resolve'; kind: ResolutionKind; summary: string }
  | { type: 'rate'; score: RatingScore; comment?: string }
  | { type: 'reopen'; reason: string }
  | { type: 'deskAnswer'; text: string }
  | { type: 'deskForward'; text?: string };

// every catalogue entry is a machine command and the other way round
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameTypes: Same<Command['type'], CommandType> = true;
void _sameTypes;
