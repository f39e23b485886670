import { markerItem, parseMarker, type HistoryMarker, type HistoryMarkerStore } from '../../../functions/src/local/demo-history.js';
import { keys } from '../../../functions/src/store/keys.js';
import { roundTrip, type MemoryTable } from './table.js';

/** The demo history's marker in memory (functions/src/local/demo-history.ts#storeHistoryMarker): the same item and key. */
export class MemoryHistoryMarker implements HistoryMarkerStore {
  constructor(private readonly table: MemoryTable) {}

  async read(tenantId: string): Promise<HistoryMarker | undefined> {
    await roundTrip();
    return parseMarker(this.table.get(keys.demoHistory(tenantId)));
  }

  async create(tenantId: string, marker: HistoryMarker): Promise<boolean> {
    await roundTrip();
    return this.table.put(markerItem(tenantId, marker), (current) => current === undefined);
  }

  async write(tenantId: string, marker: HistoryMarker): Promise<void> {
    await roundTrip();
    this.table.put(markerItem(tenantId, marker));
  }
}
