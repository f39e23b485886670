import { SqsImportQueue } from '../adapters/import-queue.js';
import { provide } from '../wiring.js';
import './queue.js';

/** The importer's queue, for the function that starts imports (imported by its handler; the importer itself only reads it). */
provide('importQueue', (_store, sqs, cfg) => new SqsImportQueue(sqs(), cfg.importQueueUrl));
