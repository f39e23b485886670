import { RetrospectiveStore } from '../store/retrospective-store.js';
import { provide } from '../wiring.js';

/** Retrospectives (典型问题复盘), for the function that serves them (imported by its handler). */
provide('retrospectives', (store) => new RetrospectiveStore(store));
