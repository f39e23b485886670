import * as z from 'zod/mini';
import { Id } from '../schemas/common.js';
import type { Area, Enterprise, Grid } from '../schemas/reference.js';
import type { Ticket } from '../schemas/ticket.js';
import { isPendingFinding, visitMonthOf } from './rules.js';
import type { Visit } from './schemas.js';

/**
 * Visit coverage (走访全覆盖, 月分析), pure: per grid and month, the grid's
 * enterprises, how many were visited that month, the share, and its open
 * problems — the open tickets of its enterprises (now) and the findings of the
 * month's visits still pending (neither solved on the spot nor turned into a
 * ticket; a finding that became a ticket counts with the tickets while open).
 */

const count = z.int().check(z.minimum(0));

export const GridCoverage = z.object({
  gridId: Id,
  gridName: z.string(),
  areaId: Id,
  areaName: z.string(),
  officerName: z.string(),
  enterprises: count,
  visited: count,
  /** visited ÷ enterprises, 0–1 (three decimals); 0 for a grid without enterprises */
  share: z.number().check(z.minimum(0), z.maximum(1)),
  /** visits logged in the grid that month (one enterprise may have several) */
  visits: count,
  openTickets: count,
  pendingFindings: count,
  /** openTickets + pendingFindings */
  openProblems: count,
  /** the grid's enterprises not visited that month (待走访) */
  unvisited: z.array(z.object({ enterpriseId: z.string(), name: z.string() })),
});
export type GridCoverage = z.infer<typeof GridCoverage>;

export const CoverageTotal = z.object({
  grids: count,
  enterprises: count,
  visited: count,
  share: z.number().check(z.minimum(0), z.maximum(1)),
  visits: count,
  openTickets: count,
  pendingFindings: count,
  openProblems: count,
});
export type CoverageTotal = z.infer<typeof CoverageTotal>;

export interface CoverageInput {
  month: string;
  grids: ReadonlyArray<Pick<Grid, 'id' | 'name' | 'areaId' | 'officer'>>;
  areas: ReadonlyArray<Pick<Area, 'id' | 'name'>>;
  /** the tenant's enterprises (each counts in the grid it is in now) */
  enterprises: ReadonlyArray<Pick<Enterprise, 'id' | 'name' | 'gridId'>>;
  /** the grids' visits (others' months are left out here) */
  visits: ReadonlyArray<Pick<Visit, 'enterpriseId' | 'gridId' | 'date' | 'findings'>>;
  /** open tickets (of any enterprise: each counts in its enterprise's grid) */
  openTickets: ReadonlyArray<Pick<Ticket, 'enterpriseId' | 'gridId'>>;
}

const ratio = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1000) / 1000);

/** Each grid's coverage in the month (in the order given), and their total. */
export function coverageOf(input: CoverageInput): { grids: GridCoverage[]; total: CoverageTotal } {
  const visits = input.visits.filter((v) => visitMonthOf(v.date) === input.month);
  const visitedIds = new Set(visits.map((v) => v.enterpriseId));
  const gridOfEnterprise = new Map(input.enterprises.map((e) => [e.id, e.gridId]));
  const areaName = new Map(input.areas.map((a) => [a.id, a.name]));
  const grids = input.grids.map((g): GridCoverage => {
    const own = input.enterprises.filter((e) => e.gridId === g.id);
    const visited = own.filter((e) => visitedIds.has(e.id));
    const mine = visits.filter((v) => v.gridId === g.id);
    const openTickets = input.openTickets.filter((t) => (gridOfEnterprise.get(t.enterpriseId) ?? t.gridId) === g.id).length;
    const pendingFindings = mine.reduce((n, v) => n + v.findings.filter(isPendingFinding).length, 0);
    return {
      gridId: g.id,
      gridName: g.name,
      areaId: g.areaId,
      areaName: areaName.get(g.areaId) ?? g.areaId,
      officerName: g.officer.name,
      enterprises: own.length,
      visited: visited.length,
      share: ratio(visited.length, own.length),
      visits: mine.length,
      openTickets,
      pendingFindings,
      openProblems: openTickets + pendingFindings,
      unvisited: own.filter((e) => !visitedIds.has(e.id)).map((e) => ({ enterpriseId: e.id, name: e.name })),
    };
  });
  const sum = (k: 'enterprises' | 'visited' | 'visits' | 'openTickets' | 'pendingFindings' | 'openProblems') => grids.reduce((n, g) => n + g[k], 0);
  return {
    grids,
    total: {
      grids: grids.length,
      enterprises: sum('enterprises'),
      visited: sum('visited'),
      share: ratio(sum('visited'), sum('enterprises')),
      visits: sum('visits'),
      openTickets: sum('openTickets'),
      pendingFindings: sum('pendingFindings'),
      openProblems: sum('openProblems'),
    },
  };
}

/** `0.6` → `60%` */
export const shareLabel = (share: number): string => `${Math.round(share * 100)}%`;
