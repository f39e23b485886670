import '../wiring/queue.js';
import { CLAIM_ROUTES } from '@whistle/shared';
import { commandImpls } from '../http/commands.js';
import { httpFunction } from '../http/handler.js';
import { tenantContextAndLimits } from '../services/tenant-context.js';

/** 发声认领: its own function, because it is the hot, contended path. */
export const handler = httpFunction(CLAIM_ROUTES, commandImpls('claim'), { prefetch: tenantContextAndLimits });
