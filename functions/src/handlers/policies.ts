import { NotConfiguredError, POLICIES_ROUTES, routeKey } from '@whistle/shared';
import { httpFunction } from '../http/handler.js';

/** The policy supermarket (政策超市): the contract is declared (shared/src/routes/policies.ts); its service is being built. */
const notYet = async () => {
  throw new NotConfiguredError('政策超市');
};
export const handler = httpFunction(POLICIES_ROUTES, Object.fromEntries(POLICIES_ROUTES.map((r) => [routeKey(r), notYet])));
