import {
  ForbiddenError,
  parseOrThrow,
  TicketIdParam,
  ValidationError,
  type Command,
  type Principal,
  type Ticket,
  type UnitRef,
} from '@whistle/shared';
import * as z from 'zod/mini';
import { httpFunction, type RouteContext, type RouteImpl } from '../http/handler.js';
import { runCommand, tenantContext, ticketDetail } from '../services/tickets.js';
import type { Deps } from '../wiring.js';

const has = (p: Principal, ...roles: Principal['roles']) => roles.some((r) => p.roles.includes(r));
const OPEN = ['published', 'claimed', 'waitingEnterprise'];

async function unitRef(deps: Deps, tenantId: string, unitId: string, field: string): Promise<UnitRef> {
  const unit = await deps.refs.unit(tenantId, unitId);
  if (!unit) throw new ValidationError([{ field, message: '单位不存在' }]);
  return { id: unit.id, name: unit.name };
}

/** The co-unit in `/tasks/{unitId}/done`. */
const TaskUnitParam = z.object({ unitId: z.string().check(z.minLength(1), z.maxLength(64)) });

const ticketId = (ctx: RouteContext) => parseOrThrow(TicketIdParam, { id: ctx.req.params.id }, 'path').id;

/** A route that turns its parsed body into a command and runs it. */
const command =
  (build: (ctx: RouteContext) => Promise<Command> | Command): RouteImpl =>
  async (ctx) => {
    const id = ticketId(ctx);
    const ticket = await runCommand(ctx.deps, ctx.principal, id, await build(ctx));
    return { body: { ticket } };
  };

type Body<T> = (ctx: RouteContext) => T;
const body = <T>(): Body<T> => (ctx) => ctx.req.body as T;

async function list(ctx: RouteContext) {
  const { deps, principal: p } = ctx;
  const q = ctx.req.query as { view: 'mine' | 'unit' | 'supervision' | 'leader'; status?: string; cursor?: string; limit: number };
  let view = q.view;
  if (view === 'mine') {
    if (has(p, 'owner')) view = 'mine';
    else if (has(p, 'officer', 'unitLead')) view = 'unit';
    else if (has(p, 'leader')) view = 'leader';
    else if (has(p, 'supervisor', 'admin')) view = 'supervision';
  }
  let page: { items: Ticket[]; cursor?: string };
  if (view === 'mine') {
    if (!p.enterpriseId) page = has(p, 'agent') ? await deps.tickets.deskQueue(p.tenantId, q.cursor, q.limit) : { items: [] };
    else page = await deps.tickets.byEnterprise(p.tenantId, p.enterpriseId, q.cursor, q.limit);
  } else if (view === 'unit') {
    if (!has(p, 'officer', 'unitLead') || !p.unitId) throw new ForbiddenError('只有部门或镇街工作人员可以查看单位诉求');
    page = await deps.tickets.byUnit(p.tenantId, p.unitId, q.cursor, q.limit);
  } else if (view === 'leader') {
    if (!has(p, 'leader')) throw new ForbiddenError('只有县领导可以查看领办事项');
    page = await deps.tickets.byLeader(p.tenantId, p.userId, q.cursor, q.limit);
  } else {
    if (!has(p, 'supervisor', 'admin')) throw new ForbiddenError('只有督办人员可以查看全区诉求');
    page = await deps.tickets.byTenant(p.tenantId, q.cursor, q.limit);
  }
  let items = page.items;
  if (q.status === 'open') items = items.filter((t) => OPEN.includes(t.status));
  else if (q.status === 'overdue') {
    const now = deps.clock.now().toISOString();
    items = items.filter((t) => OPEN.includes(t.status) && t.clocks.some((c) => !c.metAt && !c.pausedAt && c.dueAt < now));
  } else if (q.status) items = items.filter((t) => t.status === q.status);
  return { body: { items, ...(page.cursor ? { cursor: page.cursor } : {}) } };
}

export const handler = httpFunction('tickets', {
  'GET /api/tickets': list,
  'GET /api/tickets/{id}': async (ctx) => ({ body: await ticketDetail(ctx.deps, ctx.principal, ticketId(ctx)) }),
  'POST /api/tickets/{id}/decline': command((ctx) => ({ type: 'decline', reason: body<{ reason: string }>()(ctx).reason })),
  'POST /api/tickets/{id}/assign': command(async (ctx) => ({
    type: 'assign',
    unit: await unitRef(ctx.deps, ctx.principal.tenantId, body<{ unitId: string }>()(ctx).unitId, 'unitId'),
  })),
  'POST /api/tickets/{id}/transfer': command(async (ctx) => {
    const b = body<{ unitId: string; reason: string }>()(ctx);
    return { type: 'transfer', unit: await unitRef(ctx.deps, ctx.principal.tenantId, b.unitId, 'unitId'), reason: b.reason };
  }),
  'POST /api/tickets/{id}/messages': command((ctx) => ({ type: 'message', text: body<{ text: string }>()(ctx).text })),
  'POST /api/tickets/{id}/progress': command((ctx) => {
    const b = body<{ text: string; cadence?: 'progress' | 'onsite' | 'review' }>()(ctx);
    return { type: 'progress', text: b.text, ...(b.cadence ? { cadence: b.cadence } : {}) };
  }),
  'POST /api/tickets/{id}/request-info': command((ctx) => ({ type: 'requestInfo', text: body<{ text: string }>()(ctx).text })),
  'POST /api/tickets/{id}/joint': command(async (ctx) => {
    const b = body<{ leadUnitId: string; coUnits: Array<{ unitId: string; task: string }> }>()(ctx);
    const t = ctx.principal.tenantId;
    return {
      type: 'joint',
      lead: await unitRef(ctx.deps, t, b.leadUnitId, 'leadUnitId'),
      coUnits: await Promise.all(
        b.coUnits.map(async (c, i) => ({ unit: await unitRef(ctx.deps, t, c.unitId, `coUnits.${i}.unitId`), task: c.task })),
      ),
    };
  }),
  'POST /api/tickets/{id}/tasks/{unitId}/done': command((ctx) => {
    const unitId = parseOrThrow(TaskUnitParam, { unitId: ctx.req.params.unitId }, 'path').unitId;
    const b = body<{ note?: string }>()(ctx);
    return { type: 'taskDone', unitId, ...(b.note ? { note: b.note } : {}) };
  }),
  'POST /api/tickets/{id}/lead': command(async (ctx) => {
    const { leaderUserId } = body<{ leaderUserId: string }>()(ctx);
    const leader = await ctx.deps.refs.user(ctx.principal.tenantId, leaderUserId);
    if (!leader || !leader.roles.includes('leader')) throw new ValidationError([{ field: 'leaderUserId', message: '不是本区的县领导' }]);
    return { type: 'lead', leader: { userId: leader.id, name: leader.name } };
  }),
  'POST /api/tickets/{id}/resolve': command((ctx) => {
    const b = body<{ kind: 'answered' | 'resolved'; summary: string }>()(ctx);
    return { type: 'resolve', kind: b.kind, summary: b.summary };
  }),
  'POST /api/tickets/{id}/rating': command((ctx) => {
    const b = body<{ score: 'satisfied' | 'fair' | 'unsatisfied'; comment?: string }>()(ctx);
    return { type: 'rate', score: b.score, ...(b.comment ? { comment: b.comment } : {}) };
  }),
  'POST /api/tickets/{id}/reopen': command((ctx) => ({ type: 'reopen', reason: body<{ reason: string }>()(ctx).reason })),
}, { prefetch: tenantContext });
