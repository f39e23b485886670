import { TenantStore } from '../store/tenant-store.js';
import { provide } from '../wiring.js';

/** The tenant registry, for the functions that create or list tenants (platform) and the dev sign-in (auth). */
provide('tenants', (store) => new TenantStore(store));
