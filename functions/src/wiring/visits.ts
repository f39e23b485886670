import { VisitStore } from '../store/visit-store.js';
import { provide } from '../wiring.js';

/** The visits' store, for the function that serves visits, the ledger and coverage (imported by its handler). */
provide('visits', (store) => new VisitStore(store));
