import { RaceStore } from '../store/race-store.js';
import { provide } from '../wiring.js';

/** The races' store, for the functions that serve the quarterly race (imported by their handlers). */
provide('races', (store) => new RaceStore(store));
