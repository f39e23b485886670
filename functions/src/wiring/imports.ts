import { ImportStore } from '../store/import-store.js';
import { provide } from '../wiring.js';

/** The import jobs' store, for the functions that import (the imports API, the importer); imported by their handlers. */
provide('imports', (store) => new ImportStore(store));
