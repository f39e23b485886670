import { AuthError, type Principal, type Unit, type User } from '@whistle/shared';
import type { Ports } from '../ports.js';

/** The caller, from a verified token and the user's current record (roles may have changed since login). */
export async function principalOf(deps: Pick<Ports, 'refs'>, claims: { sub: string; ten: string }): Promise<Principal> {
  const user = await deps.refs.user(claims.ten, claims.sub);
  if (!user) throw new AuthError('账号不存在或已停用，请重新登录');
  const unit = user.unitId ? await deps.refs.unit(claims.ten, user.unitId) : undefined;
  return principalFrom(user, unit);
}

/** The caller a user is, with their unit's name. */
export const principalFrom = (user: User, unit: Pick<Unit, 'name'> | undefined): Principal => ({
  userId: user.id,
  tenantId: user.tenantId,
  name: user.name,
  roles: user.roles,
  ...(user.unitId ? { unitId: user.unitId } : {}),
  ...(unit ? { unitName: unit.name } : {}),
  ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}),
});
