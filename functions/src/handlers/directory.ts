import {
  enterprisesCommissionedTo,
  ForbiddenError,
  hasRole,
  isCommissionerOf,
  NotFoundError,
  visibleGroups,
  DIRECTORY_ROUTES,
  type CommissionerContact,
  type Enterprise,
} from '@whistle/shared';
import type { Deps } from '../wiring.js';
import { httpFunction } from '../http/handler.js';

/** a feed's `since` cursor overlaps a little: clients merge cards by id, so nothing falls in a gap */
const SINCE_OVERLAP_MS = 5_000;

export const handler = httpFunction(DIRECTORY_ROUTES, {
  'GET /api/groups': async ({ deps, principal }) => {
    const groups = await deps.refs.list('GROUP', principal.tenantId);
    return { body: { items: visibleGroups(principal, groups) } };
  },

  'GET /api/groups/{id}/feed': async ({ deps, principal, req }) => {
    const groups = visibleGroups(principal, await deps.refs.list('GROUP', principal.tenantId));
    const group = groups.find((g) => g.id === req.params.id);
    if (!group) throw new NotFoundError('群');
    const q = req.query as { cursor?: string; since?: string; limit: number };
    const since = new Date(deps.clock.now().getTime() - SINCE_OVERLAP_MS).toISOString();
    if (q.since) {
      // more changed than one answer holds: continue after the last card answered
      const { cards, next } = await deps.tickets.feedSince(principal.tenantId, group.id, q.since, q.limit);
      return { body: { items: cards, since: next ?? since } };
    }
    const page = await deps.tickets.feed(principal.tenantId, group.id, q.cursor, q.limit);
    return { body: { items: page.cards, ...(page.cursor ? { cursor: page.cursor } : {}), since } };
  },

  'GET /api/units': async ({ deps, principal }) => {
    if (hasRole(principal, 'owner') && principal.roles.length === 1) throw new ForbiddenError('企业用户无需查看单位列表');
    return { body: { items: await deps.refs.list('UNIT', principal.tenantId) } };
  },

  'GET /api/leaders': async ({ deps, principal }) => {
    const users = await deps.refs.list('USER', principal.tenantId);
    return {
      body: {
        items: users
          .filter((u) => u.roles.includes('leader'))
          .map((u) => ({ userId: u.id, name: u.name, ...(u.title ? { title: u.title } : {}) })),
      },
    };
  },

  'GET /api/enterprises': async ({ deps, principal }) => {
    const all = await deps.refs.list('ENT', principal.tenantId);
    // owners see their own; officers, agents and supervisors raise on behalf of any enterprise of the tenant
    const items = hasRole(principal, 'officer', 'unitLead', 'agent', 'supervisor', 'admin', 'leader')
      ? all
      : all.filter((e) => e.id === principal.enterpriseId);
    return { body: { items } };
  },

  'GET /api/enterprises/commissioned': async ({ deps, principal }) => {
    // anyone may ask; only officials serve (a paired user who is no longer one serves nobody)
    const all = await deps.refs.list('ENT', principal.tenantId);
    const items = enterprisesCommissionedTo(principal.userId, all).filter((e) => isCommissionerOf(principal, e));
    return { body: { items: items.map((e) => ({ id: e.id, name: e.name, key: e.key, tier: e.tier, industry: e.industry, gridId: e.gridId })) } };
  },

  'GET /api/grids/mine': async ({ deps, principal }) => {
    let gridId: string | undefined;
    const enterprise = principal.enterpriseId ? await deps.refs.enterprise(principal.tenantId, principal.enterpriseId) : undefined;
    if (enterprise) gridId = enterprise.gridId;
    if (!gridId) {
      const grids = await deps.refs.list('GRID', principal.tenantId);
      gridId = grids.find((g) => g.officer.userId === principal.userId)?.id;
    }
    if (!gridId) throw new NotFoundError('所在网格');
    const grid = await deps.refs.grid(principal.tenantId, gridId);
    if (!grid) throw new NotFoundError('所在网格');
    const [area, commissioners] = await Promise.all([deps.refs.area(principal.tenantId, grid.areaId), enterprise ? commissionerContacts(deps, enterprise) : undefined]);
    return { body: { grid, ...(area ? { area } : {}), ...(commissioners ? { commissioners } : {}) } };
  },
});

/** The enterprise's commissioners as its board shows them (officials only: a user whose roles changed is left out). */
async function commissionerContacts(deps: Deps, e: Enterprise): Promise<CommissionerContact[]> {
  const users = await Promise.all((e.commissionerUserIds ?? []).map((id) => deps.refs.user(e.tenantId, id)));
  const serving = users.filter((u) => u !== undefined && isCommissionerOf({ userId: u.id, roles: u.roles }, e));
  return Promise.all(
    serving.map(async (u) => {
      const unit = u?.unitId ? await deps.refs.unit(e.tenantId, u.unitId) : undefined;
      return {
        userId: u?.id ?? '',
        name: u?.name ?? '',
        ...(unit ? { unitName: unit.name } : {}),
        ...(u?.title ? { title: u.title } : {}),
        ...(u?.phone ? { phone: u.phone } : {}),
      };
    }),
  );
}
