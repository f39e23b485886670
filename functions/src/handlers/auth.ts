import '../wiring/wechat.js';
import '../wiring/tenants.js';
import '../wiring/secrets.js';
import { NotFoundError, visitDuties, type DevUser, type Role, type Tenant, AUTH_ROUTES } from '@whistle/shared';
import { httpFunction, type RouteContext } from '../http/handler.js';
import { devLogin, wechatLogin, type SignToken } from '../services/auth.js';
import type { Deps } from '../wiring.js';

/** The deployment's token signer, for the sign-in service. */
const signer =
  (deps: Deps): SignToken =>
  async (user) =>
    (await deps.signer()).signFor(user, Date.now(), deps.config.token.ttlSeconds);

/** the roles that are the way into a tenant other than the dev tenant (the rest: `?tenant=<id>`) */
const WAY_IN: readonly Role[] = ['operator', 'province', 'admin'];

async function personasOf(deps: Deps, tenant: Pick<Tenant, 'id' | 'name'>, only?: readonly Role[]): Promise<DevUser[]> {
  const [users, units, enterprises] = await Promise.all([
    deps.refs.list('USER', tenant.id),
    deps.refs.list('UNIT', tenant.id),
    deps.refs.list('ENT', tenant.id),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const entName = new Map(enterprises.map((e) => [e.id, e.name]));
  // the dev tenant's personas carry no tenant (the mini-program signs in with the user id alone)
  const other = tenant.id !== deps.config.devTenant;
  return users
    .filter((u) => !only || u.roles.some((r) => only.includes(r)))
    .map((u) => ({
      userId: u.id,
      name: u.name,
      roles: u.roles,
      ...(u.title ? { title: u.title } : {}),
      ...(u.unitId ? { unitId: u.unitId, unitName: unitName.get(u.unitId) ?? u.unitId } : {}),
      ...(u.enterpriseId ? { enterpriseId: u.enterpriseId, enterpriseName: entName.get(u.enterpriseId) ?? '' } : {}),
      ...(other ? { tenantId: tenant.id, tenantName: tenant.name } : {}),
    }));
}

/**
 * The dev tenant's personas, then the way into every other registered tenant
 * (the platform's operators, a province's readers, a created district's first
 * admin); with `tenant`, every persona of that tenant.
 */
async function devUsers(deps: Deps, tenantId: string | undefined): Promise<DevUser[]> {
  if (tenantId) {
    const tenant = await deps.refs.tenant(tenantId);
    if (!tenant) throw new NotFoundError('租户');
    return personasOf(deps, tenant);
  }
  const [own, registered] = await Promise.all([personasOf(deps, { id: deps.config.devTenant, name: '' }), deps.tenants.list()]);
  const others = registered.filter((e) => e.tenant.id !== deps.config.devTenant);
  const more = await Promise.all(others.map((e) => personasOf(deps, e.tenant, WAY_IN)));
  return [...own, ...more.flat()];
}

async function me({ deps, principal }: RouteContext) {
  const user = await deps.refs.user(principal.tenantId, principal.userId);
  if (!user) throw new NotFoundError('用户');
  const unit = user.unitId ? await deps.refs.unit(user.tenantId, user.unitId) : undefined;
  const enterprise = user.enterpriseId ? await deps.refs.enterprise(user.tenantId, user.enterpriseId) : undefined;
  const grid = enterprise ? await deps.refs.grid(user.tenantId, enterprise.gridId) : undefined;
  // officials: what they look after in the field (the home page's visit entries), from the cached directory lists
  const official = user.roles.some((r) => r !== 'owner');
  const duties = official
    ? visitDuties(principal, ...(await Promise.all([deps.refs.list('GRID', user.tenantId), deps.refs.list('AREA', user.tenantId), deps.refs.list('ENT', user.tenantId)])))
    : undefined;
  return { body: { user, ...(unit ? { unit } : {}), ...(enterprise ? { enterprise } : {}), ...(grid ? { grid } : {}), ...(duties ? { duties } : {}) } };
}

export const handler = httpFunction(AUTH_ROUTES, {
  'GET /api/auth/dev-users': { public: async ({ deps, req }) => ({ body: await devUsers(deps, (req.query as { tenant?: string }).tenant) }) },
  'POST /api/auth/dev-login': {
    public: async ({ deps, req }) => {
      const { userId, tenantId } = req.body as { userId: string; tenantId?: string };
      return { body: await devLogin(deps, signer(deps), tenantId ?? deps.config.devTenant, userId, req.sourceIp) };
    },
  },
  'POST /api/auth/wechat': {
    public: async ({ deps, req }) => {
      const { code, invitation } = req.body as { code: string; invitation?: string };
      return { body: await wechatLogin(deps, signer(deps), code, req.sourceIp, invitation) };
    },
  },
  'GET /api/me': me,
});
