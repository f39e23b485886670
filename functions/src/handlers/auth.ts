import { NotFoundError, type DevUser, AUTH_ROUTES } from '@whistle/shared';
import { httpFunction, type RouteContext } from '../http/handler.js';
import { devLogin, wechatLogin, type SignToken } from '../services/auth.js';
import type { Deps } from '../wiring.js';

/** The deployment's token signer, for the sign-in service. */
const signer =
  (deps: Deps): SignToken =>
  async (user) =>
    (await deps.tokens()).sign({ sub: user.id, ten: user.tenantId, roles: user.roles }, Date.now(), deps.config.token.ttlSeconds);

async function devUsers(deps: Deps): Promise<DevUser[]> {
  const [users, units, enterprises] = await Promise.all([
    deps.refs.list('USER', deps.config.devTenant),
    deps.refs.list('UNIT', deps.config.devTenant),
    deps.refs.list('ENT', deps.config.devTenant),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const entName = new Map(enterprises.map((e) => [e.id, e.name]));
  return users.map((u) => ({
    userId: u.id,
    name: u.name,
    roles: u.roles,
    ...(u.title ? { title: u.title } : {}),
    ...(u.unitId ? { unitId: u.unitId, unitName: unitName.get(u.unitId) ?? u.unitId } : {}),
    ...(u.enterpriseId ? { enterpriseId: u.enterpriseId, enterpriseName: entName.get(u.enterpriseId) ?? '' } : {}),
  }));
}

async function me({ deps, principal }: RouteContext) {
  const user = await deps.refs.user(principal.tenantId, principal.userId);
  if (!user) throw new NotFoundError('用户');
  const unit = user.unitId ? await deps.refs.unit(user.tenantId, user.unitId) : undefined;
  const enterprise = user.enterpriseId ? await deps.refs.enterprise(user.tenantId, user.enterpriseId) : undefined;
  const grid = enterprise ? await deps.refs.grid(user.tenantId, enterprise.gridId) : undefined;
  return { body: { user, ...(unit ? { unit } : {}), ...(enterprise ? { enterprise } : {}), ...(grid ? { grid } : {}) } };
}

export const handler = httpFunction(AUTH_ROUTES, {
  'GET /api/auth/dev-users': { public: async ({ deps }) => ({ body: await devUsers(deps) }) },
  'POST /api/auth/dev-login': {
    public: async ({ deps, req }) => {
      const { userId } = req.body as { userId: string };
      return { body: await devLogin(deps, signer(deps), deps.config.devTenant, userId, req.sourceIp) };
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
