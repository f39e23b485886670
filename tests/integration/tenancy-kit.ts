import '../../functions/src/wiring/tenants.js';
import { randomBytes } from 'node:crypto';
import { DEFAULT_OFFICE_HOURS, type Tenant, type User } from '@whistle/shared';
import type { ApiClient } from '../support/api.js';
import type { TestEnv } from '../support/env.js';

/**
 * Many tenants in one test file (the platform's integration tests and the
 * access matrix's): a platform tenant with an operator, a province with its
 * reader, the file's demo district placed under the province, all written
 * through the store (the deployment makes the platform once; the directory
 * CRUD of districts lands from another branch), and sign-in into any of them
 * through the dev login.
 */
export interface Tenancy {
  platformId: string;
  provinceId: string;
  /** the operator's token (platform tenant) */
  operator(): Promise<string>;
  /** the province reader's token */
  province(): Promise<string>;
  /** a dev-login token of any tenant's user */
  login(tenantId: string, userId: string): Promise<string>;
  /** another province, with its own reader, and a district under it (for "only its own districts") */
  otherProvince(): Promise<{ provinceId: string; districtId: string; token: string }>;
}

const office = { timeZone: 'Asia/Shanghai' as const, officeHours: DEFAULT_OFFICE_HOURS };

export async function setUpTenancy(env: TestEnv, api: ApiClient): Promise<Tenancy> {
  const { deps } = env;
  const suffix = randomBytes(3).toString('hex');
  const platformId = `plat${suffix}`;
  const provinceId = `prov${suffix}`;
  const put = async (tenant: Tenant, users: User[]) => {
    await deps.refs.put('TENANT', tenant);
    await Promise.all(users.map((u) => deps.refs.put('USER', u)));
    await deps.tenants.register(tenant);
  };
  await put({ id: platformId, name: '测试平台', kind: 'platform', ...office }, [{ id: 'operator', tenantId: platformId, name: '运营', roles: ['operator'] }]);
  await put({ id: provinceId, name: '测试省', kind: 'province', ...office }, [{ id: 'province', tenantId: provinceId, name: '省级', roles: ['province'] }]);
  // the file's demo district, under the province
  const district = await deps.refs.tenant(env.tenantId);
  if (!district) throw new Error('the demo district is not seeded');
  await put({ ...district, kind: 'district', provinceId }, []);

  const tokens = new Map<string, Promise<string>>();
  const login = (tenantId: string, userId: string) => {
    const k = `${tenantId}/${userId}`;
    let t = tokens.get(k);
    if (!t) {
      t = api.call('POST', '/api/auth/dev-login', { body: { userId, tenantId } }).then((res) => {
        if (res.status !== 200) throw new Error(`login ${k}: ${res.status} ${JSON.stringify(res.body)}`);
        return (res.body as { token: string }).token;
      });
      tokens.set(k, t);
    }
    return t;
  };
  return {
    platformId,
    provinceId,
    operator: () => login(platformId, 'operator'),
    province: () => login(provinceId, 'province'),
    login,
    async otherProvince() {
      const other = `oprov${suffix}`;
      const districtId = `odis${suffix}`;
      await put({ id: other, name: '另一省', kind: 'province', ...office }, [{ id: 'province', tenantId: other, name: '另一省级', roles: ['province'] }]);
      await put({ id: districtId, name: '另一县', kind: 'district', provinceId: other, ...office }, []);
      return { provinceId: other, districtId, token: await login(other, 'province') };
    },
  };
}
