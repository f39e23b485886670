import { isCommissionerOf, type Audience, type User } from '@whistle/shared';
import type { Ports } from '../ports.js';
import { gridPlace } from './places.js';

/** Turns audiences ("the unit", "the group", "the supervisors") into the users to tell. */
export async function resolveAudience(deps: Ports, tenantId: string, audience: readonly Audience[], at?: string): Promise<User[]> {
  const [users, groups, units] = await Promise.all([
    deps.refs.list('USER', tenantId),
    deps.refs.list('GROUP', tenantId),
    deps.refs.list('UNIT', tenantId),
  ]);
  const ids = new Set<string>();
  const inUnit = (unitId: string) => users.filter((u) => u.unitId === unitId && u.roles.some((r) => r === 'officer' || r === 'unitLead'));
  for (const a of audience) {
    switch (a.kind) {
      case 'user':
        ids.add(a.id);
        break;
      case 'enterprise':
        for (const u of users) if (u.enterpriseId === a.id) ids.add(u.id);
        break;
      case 'unit':
        for (const u of inUnit(a.id)) ids.add(u.id);
        break;
      case 'unitLead': {
        const lead = units.find((u) => u.id === a.id)?.leadUserId;
        if (lead) ids.add(lead);
        for (const u of inUnit(a.id)) if (u.roles.includes('unitLead')) ids.add(u.id);
        break;
      }
      case 'group': {
        const g = groups.find((x) => x.id === a.id);
        for (const unitId of g?.memberUnitIds ?? []) for (const u of inUnit(unitId)) ids.add(u.id);
        break;
      }
      case 'supervisors':
        for (const u of users) if (u.roles.includes('supervisor')) ids.add(u.id);
        break;
      case 'deskOnDuty': {
        const when = Date.parse(at ?? new Date().toISOString());
        const onDuty = (await deps.settings.dutyRoster(tenantId)).filter((s) => Date.parse(s.from) <= when && when < Date.parse(s.to));
        const agents = users.filter((u) => u.roles.includes('agent'));
        // nobody rostered: every agent hears of it rather than nobody
        for (const u of onDuty.length ? agents.filter((a) => onDuty.some((s) => s.agentUserId === a.id)) : agents) ids.add(u.id);
        break;
      }
      case 'gridOfficer': {
        const grid = await deps.refs.grid(tenantId, a.gridId);
        if (grid?.officer.userId) ids.add(grid.officer.userId);
        break;
      }
      case 'commissioners': {
        // officials only: a paired user who is no longer one (roles changed) stops hearing of it
        const enterprise = await deps.refs.enterprise(tenantId, a.enterpriseId);
        for (const u of users) if (isCommissionerOf({ userId: u.id, roles: u.roles }, enterprise)) ids.add(u.id);
        break;
      }
      case 'gridLeads': {
        const { grid, area } = await gridPlace(deps, tenantId, a.gridId);
        for (const id of [grid?.chief.userId, grid?.areaLead.userId, area?.lead.userId]) if (id) ids.add(id);
        break;
      }
    }
  }
  return users.filter((u) => ids.has(u.id));
}
