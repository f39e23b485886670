import {
  ClockPolicy,
  DEFAULT_CLOCK_POLICY,
  DEFAULT_OFFICE_HOURS,
  DEFAULT_RATE_LIMITS,
  DutyShift,
  RateLimits,
  SHIPPED_YEARS,
  type CalendarYearData,
  type WorkingCalendar,
} from '@whistle/shared';
import type { ReferenceData, SettingsPort } from '../../../functions/src/ports.js';
import { keys } from '../../../functions/src/store/keys.js';
import { roundTrip, type MemoryTable } from './table.js';

/**
 * Per-tenant settings in memory (functions/src/store/settings-store.ts without
 * its cache): the calendar is the tenant's office hours with the shipped years
 * overridden by loaded ones; the policy is DEFAULT_CLOCK_POLICY and the rate
 * limits DEFAULT_RATE_LIMITS until one is put.
 */
export class MemorySettings implements SettingsPort {
  constructor(
    private readonly table: MemoryTable,
    private readonly refs: ReferenceData,
  ) {}

  async calendarYears(tenantId: string): Promise<Record<number, CalendarYearData>> {
    await roundTrip();
    const loaded: Record<number, CalendarYearData> = {};
    for (const item of this.table.queryAll({ pk: keys.settingsPk(tenantId), range: (sk) => sk.startsWith('CALENDAR#') })) {
      const data = item.data as CalendarYearData;
      loaded[Number(item.year)] = structuredClone(data);
    }
    return loaded;
  }

  async calendar(tenantId: string): Promise<WorkingCalendar> {
    const [tenant, loaded] = await Promise.all([this.refs.tenant(tenantId), this.calendarYears(tenantId)]);
    return { officeHours: tenant?.officeHours ?? DEFAULT_OFFICE_HOURS, years: { ...SHIPPED_YEARS, ...loaded } };
  }

  async putCalendarYear(tenantId: string, year: number, data: CalendarYearData): Promise<void> {
    await roundTrip();
    this.table.put({ ...keys.calendarYear(tenantId, year), entity: 'CALENDAR', year, data });
  }

  async policy(tenantId: string): Promise<ClockPolicy> {
    await roundTrip();
    const item = this.table.get(keys.clockPolicy(tenantId));
    return item ? ClockPolicy.parse(item.policy) : structuredClone(DEFAULT_CLOCK_POLICY);
  }

  async putPolicy(tenantId: string, policy: ClockPolicy): Promise<void> {
    const parsed = ClockPolicy.parse(policy);
    await roundTrip();
    this.table.put({ ...keys.clockPolicy(tenantId), entity: 'CLOCK_POLICY', policy: parsed });
  }

  /** no round trip: the store's copy is cached (15 s), so a request rarely waits on this read */
  async rateLimits(tenantId: string): Promise<{ limits: RateLimits; isDefault: boolean }> {
    const item = this.table.get(keys.rateLimits(tenantId));
    return item ? { limits: RateLimits.parse(item.limits), isDefault: false } : { limits: structuredClone(DEFAULT_RATE_LIMITS), isDefault: true };
  }

  async putRateLimits(tenantId: string, limits: RateLimits): Promise<void> {
    const parsed = RateLimits.parse(limits);
    await roundTrip();
    this.table.put({ ...keys.rateLimits(tenantId), entity: 'RATE_LIMITS', limits: parsed });
  }

  async dutyRoster(tenantId: string): Promise<DutyShift[]> {
    await roundTrip();
    const item = this.table.get(keys.dutyRoster(tenantId));
    return item ? (item.shifts as unknown[]).map((s) => DutyShift.parse(s)) : [];
  }

  async putDutyRoster(tenantId: string, shifts: DutyShift[]): Promise<void> {
    await roundTrip();
    this.table.put({ ...keys.dutyRoster(tenantId), entity: 'DUTY_ROSTER', shifts });
  }
}
