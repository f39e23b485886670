import { AnalysisStore } from '../store/analysis-store.js';
import { provide } from '../wiring.js';

/** The monthly analyses kept (月分析), for the function that serves them (imported by its handler). */
provide('analysis', (store) => new AnalysisStore(store));
