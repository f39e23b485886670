import { PolicyStore } from '../store/policy-store.js';
import { provide } from '../wiring.js';

/** The policy supermarket's store, for the functions that serve, push or consult policies (imported by their handlers: policies, intake, the notifier). */
provide('policies', (store) => new PolicyStore(store));
