import { AuthError, type Principal, type Unit, type User } from '@whistle/shared';
import type { Ports } from '../ports.js';

/**
 * The caller, from a verified token and the user's current record (roles and unit may have changed since
 * login). The unit the token names is read beside the user, so a cold start waits for one round trip, not
 * two; the user's record decides, and a user moved to another unit since has that unit read.
 */
export async function principalOf(deps: Pick<Ports, 'refs'>, claims: { sub: string; ten: string; unit?: string }): Promise<Principal> {
  const [user, named] = await Promise.all([deps.refs.user(claims.ten, claims.sub), claims.unit ? deps.refs.unit(claims.ten, claims.unit) : undefined]);
  if (!user) throw new AuthError('账号不存在或已停用，请重新登录');
  const unit = !user.unitId ? undefined : user.unitId === claims.unit ? named : await deps.refs.unit(claims.ten, user.unitId);
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
