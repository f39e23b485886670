import type { Role, User } from '@whistle/shared';

/**
 * Who may see and do what in the assessment pages (the API decides; these
 * only keep the UI from offering what it would refuse). Supervisors, admins,
 * leaders and the assessor see every unit; officers and unit leads see the
 * ranking and their own unit's figures, and dispute what counts against it.
 */
type Who = Pick<User, 'roles' | 'unitId'> | undefined;
const has = (u: Who, ...roles: Role[]) => !!u && roles.some((r) => u.roles.includes(r));

export const OVERSEER_ROLES: readonly Role[] = ['supervisor', 'admin', 'leader', 'assessor'];
export const seesAllUnits = (u: Who): boolean => has(u, ...OVERSEER_ROLES);
export const isUnitMember = (u: Who): boolean => has(u, 'officer', 'unitLead') && !!u?.unitId;
export const seesAssessment = (u: Who): boolean => seesAllUnits(u) || isUnitMember(u);
export const mayOpenUnit = (u: Who, unitId: string): boolean => seesAllUnits(u) || (isUnitMember(u) && u?.unitId === unitId);
export const mayDispute = (u: Who, unitId: string): boolean => isUnitMember(u) && u?.unitId === unitId;
export const mayDecide = (u: Who): boolean => has(u, 'supervisor');
export const seesDisputes = (u: Who): boolean => has(u, 'supervisor', 'admin', 'assessor');
/** 政策宣传 / 供需对接 / 精准服务 are scored by the supervisor or the third-party assessor. */
export const mayEnterScores = (u: Who): boolean => has(u, 'supervisor', 'assessor');
export const seesScheme = (u: Who): boolean => has(u, 'supervisor', 'admin', 'assessor');
/** 月度分析: the supervisor, county leaders and admins. */
export const seesAnalysis = (u: Who): boolean => has(u, 'supervisor', 'leader', 'admin');
