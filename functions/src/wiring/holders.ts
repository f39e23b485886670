import { HolderStore } from '../store/holder-store.js';
import { provide } from '../wiring.js';

/**
 * Records of their own on the ladder (retrospectives, common issues: docs/plan-items.md, step 3), for the
 * functions that sweep them or escalate them (imported by their handlers: sweeper, escalation, dev), so
 * no other bundle carries the holder kinds and their schemas.
 */
provide('holders', (store) => new HolderStore(store));
