import { SqsImportQueue } from '../adapters/import-queue.js';
import { ImportStore } from '../store/import-store.js';
import { provide } from '../wiring.js';

/** The import jobs' store and queue, for the functions that import (the imports API, the importer); imported by their handlers. */
provide('imports', (store) => new ImportStore(store));
provide('importQueue', (_store, sqs, cfg) => new SqsImportQueue(sqs, cfg.importQueueUrl));
