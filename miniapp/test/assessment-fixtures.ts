import { DEFAULT_SCHEME, rankTrack, scoreUnit, zeroCounters, type Counters, type Dispute, type UnitTrack } from '@whistle/shared';

/** Assessment figures scored by the shared scoring itself, for the view tests. */
export const c = (patch: Partial<Counters> = {}): Counters => ({ ...zeroCounters(), ...patch });

const UNITS: Array<{ id: string; name: string; track: UnitTrack; counters?: Counters; manual?: Record<string, number> }> = [
  { id: 'jxw', name: '区经信委', track: 'department', counters: c({ handled: 2, claimed: 2, claimOnTime: 2, claimMinutes: 30, replied: 2, resolved: 2, resolvedOnTime: 2, resolveMinutes: 600, rated: 2, satisfied: 2 }), manual: { policyPromotion: 90 } },
  { id: 'fgw', name: '区发改委', track: 'department', counters: c({ handled: 2, claimed: 2, claimOnTime: 1, claimMinutes: 200, replied: 2, resolved: 1, resolvedOnTime: 1, resolveMinutes: 900, rated: 1, satisfied: 1 }) },
  { id: 'rsj', name: '区人社局', track: 'department', counters: c({ handled: 2, claimed: 2, claimOnTime: 1, claimMinutes: 300, replied: 1, resolved: 1, reopened: 1, rated: 1, reminders: 2, urges: 1 }) },
  { id: 'ghzy', name: '区规资局', track: 'department', counters: c({ handled: 1, claimed: 1, claimMinutes: 400, reminders: 1 }) },
  { id: 'jrb', name: '区金融办', track: 'department' },
  { id: 'nsz', name: '南山镇', track: 'township', counters: c({ handled: 1, claimed: 1, claimOnTime: 1, replied: 1 }) },
];

export const scores = UNITS.map((u) => scoreUnit(u, u.counters, u.manual ?? {}, DEFAULT_SCHEME));
export const departments = rankTrack('department', scores, DEFAULT_SCHEME.listSize);
export const ranking = (period: string) => ({ period, schemeVersion: 1, ended: false, tracks: [departments] });
export const scoreOf = (unitId: string) => {
  const s = departments.units.find((u) => u.unitId === unitId);
  if (!s) throw new Error(`no unit ${unitId}`);
  return s;
};

export const dispute = (patch: Partial<Dispute> = {}): Dispute => ({
  id: 'd1',
  tenantId: 'demo',
  unitId: 'rsj',
  unitName: '区人社局',
  ticketId: 't1',
  ticketNumber: '2026-000001',
  indicator: 'claimRate',
  reason: '企业要求次日办理',
  status: 'open',
  raisedBy: 'officer-rsj',
  raisedAt: '2026-06-10T02:00:00.000Z',
  ...patch,
});
