import {
  coverageGrids,
  coverageOf,
  ForbiddenError,
  NotFoundError,
  seesAllCoverage,
  visitMonthOf,
  type CoverageResponse,
  type Principal,
  type Visit,
} from '@whistle/shared';
import type { Ports } from '../ports.js';
import { eachLimited } from './each-limited.js';

/** Open tickets read at most (the tenant's, as the supervision overview reads them): beyond, the counts are a lower bound. */
const OPEN_TICKETS_MAX_ITEMS = 4_000;

/**
 * Visit coverage (走访全覆盖) of a month, per grid: its enterprises, those
 * visited, the share, its open problems. The grids are the caller's: a grid
 * officer's and a grid chief's own, an area lead's area's, every grid for the
 * supervisor, leaders and admins (anyone else 403). One query per grid for its
 * month's visits; the tenant's open tickets once.
 */
export async function visitCoverage(ports: Pick<Ports, 'refs' | 'visits' | 'tickets' | 'clock'>, p: Principal, q: { month?: string; areaId?: string }): Promise<CoverageResponse> {
  const month = q.month ?? visitMonthOf(ports.clock.now().toISOString());
  const [grids, areas, enterprises] = await Promise.all([ports.refs.list('GRID', p.tenantId), ports.refs.list('AREA', p.tenantId), ports.refs.list('ENT', p.tenantId)]);
  if (q.areaId && !areas.some((a) => a.id === q.areaId)) throw new NotFoundError('片区');
  const mine = coverageGrids(p, grids, areas);
  if (!mine.length && !seesAllCoverage(p)) throw new ForbiddenError('只有网格员、网格总负责人、片区负责人和督办、领导可以查看走访覆盖');
  const scope = mine
    .filter((g) => !q.areaId || g.areaId === q.areaId)
    .sort((a, b) => (a.areaId === b.areaId ? (a.id < b.id ? -1 : 1) : a.areaId < b.areaId ? -1 : 1));
  const visits: Visit[] = [];
  await eachLimited(scope, 8, async (g) => visits.push(...(await ports.visits.allByGridMonth(p.tenantId, g.id, month))));
  const open = scope.length ? await ports.tickets.openTickets(p.tenantId, OPEN_TICKETS_MAX_ITEMS) : { items: [], truncated: false };
  const { grids: rows, total } = coverageOf({ month, grids: scope, areas, enterprises, visits, openTickets: open.items });
  return { month, ...(q.areaId ? { areaId: q.areaId } : {}), grids: rows, total, truncated: open.truncated };
}
