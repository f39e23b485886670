import type { Ports } from '../ports.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';
import { principalOf } from '../services/principal.js';
import { issueInvitations } from '../services/wechat.js';
import type { TenantData } from './demo-data.js';

/** People the demo admin has invited and who have not bound their WeChat yet: an owner, an officer, a grid officer. */
const INVITED = ['owner-05', 'owner-12', 'officer-fgw', 'grid-g02'];

/**
 * The demo district's invitations page is not empty on first open: the admin
 * invited a few people, through the same service as the console (their codes
 * work with the local page's simulated WeChat sign-in). Once: the marker is
 * written after the invitations.
 */
export async function seedDemoInvitations(deps: Ports, store: Store, data: TenantData): Promise<'seeded' | 'present'> {
  const marker = keys.demoInvitations(data.tenant.id);
  if (await store.get(marker)) return 'present';
  const userIds = INVITED.filter((id) => data.users.some((u) => u.id === id));
  if (userIds.length > 0) await issueInvitations(deps, await principalOf(deps, { sub: 'admin', ten: data.tenant.id }), { userIds });
  await store.put({ ...marker, entity: 'SEED' });
  return 'seeded';
}
