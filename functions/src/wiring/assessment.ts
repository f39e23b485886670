import { AssessmentStore } from '../store/assessment-store.js';
import { provide } from '../wiring.js';

/** The assessment's store, for the functions that read or keep the assessment (imported by their handlers). */
provide('assessment', (store) => new AssessmentStore(store));
