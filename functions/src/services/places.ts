import type { Area, Grid } from '@whistle/shared';
import type { Ports } from '../ports.js';

/** A grid and the area it lies in (warm reference data), as the field's rules read them: its officer, chief and area lead. */
export async function gridPlace(ports: Pick<Ports, 'refs'>, tenantId: string, gridId: string): Promise<{ grid?: Grid; area?: Area }> {
  const grid = await ports.refs.grid(tenantId, gridId);
  const area = grid ? await ports.refs.area(tenantId, grid.areaId) : undefined;
  return { ...(grid ? { grid } : {}), ...(area ? { area } : {}) };
}
