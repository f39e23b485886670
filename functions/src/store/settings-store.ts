import {
  ClockPolicy,
  DEFAULT_CLOCK_POLICY,
  DEFAULT_OFFICE_HOURS,
  DutyShift,
  SHIPPED_YEARS,
  type CalendarYearData,
  type WorkingCalendar,
} from '@whistle/shared';
import * as z from 'zod';
import type { Store } from './dynamo.js';
import { keys } from './keys.js';
import type { ReferenceStore } from './reference-store.js';

const SETTINGS_TTL_MS = 15_000;

const StoredYear = z.object({ year: z.number(), holidays: z.array(z.string()), workdays: z.array(z.string()), source: z.string().optional() });

/**
 * Per-tenant settings: the working calendar (shipped years plus years an admin
 * loaded), the clock policy and the after-hours duty roster.
 */
export class SettingsStore {
  /**
   * Loaded calendar years and the clock policy are read by every command and
   * change rarely: a warm process trusts its copy for as long as it trusts the
   * reference lists (15 s); writes through this store invalidate it.
   */
  private years = new Map<string, { at: number; value: Record<number, CalendarYearData> }>();
  private policies = new Map<string, { at: number; value: ClockPolicy }>();

  constructor(
    private readonly store: Store,
    private readonly refs: ReferenceStore,
    private readonly now: () => number = Date.now,
  ) {}

  async calendarYears(tenantId: string): Promise<Record<number, CalendarYearData>> {
    const hit = this.years.get(tenantId);
    if (hit && this.now() - hit.at < SETTINGS_TTL_MS) return hit.value;
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.settingsPk(tenantId), ':p': 'CALENDAR#' },
    });
    const loaded: Record<number, CalendarYearData> = {};
    for (const item of items) {
      const y = StoredYear.parse(item);
      loaded[y.year] = { holidays: y.holidays, workdays: y.workdays, ...(y.source ? { source: y.source } : {}) };
    }
    this.years.set(tenantId, { at: this.now(), value: loaded });
    return loaded;
  }

  /** The tenant's working calendar: its office hours, shipped years overridden by loaded ones. */
  async calendar(tenantId: string): Promise<WorkingCalendar> {
    const [tenant, loaded] = await Promise.all([this.refs.tenant(tenantId), this.calendarYears(tenantId)]);
    return { officeHours: tenant?.officeHours ?? DEFAULT_OFFICE_HOURS, years: { ...SHIPPED_YEARS, ...loaded } };
  }

  async putCalendarYear(tenantId: string, year: number, data: CalendarYearData): Promise<void> {
    await this.store.put({ ...keys.calendarYear(tenantId, year), entity: 'CALENDAR', year, ...data });
    this.years.delete(tenantId);
  }

  async policy(tenantId: string): Promise<ClockPolicy> {
    const hit = this.policies.get(tenantId);
    if (hit && this.now() - hit.at < SETTINGS_TTL_MS) return hit.value;
    const item = await this.store.get(keys.clockPolicy(tenantId));
    const value = item ? ClockPolicy.parse(item.policy) : DEFAULT_CLOCK_POLICY;
    this.policies.set(tenantId, { at: this.now(), value });
    return value;
  }

  async putPolicy(tenantId: string, policy: ClockPolicy): Promise<void> {
    await this.store.put({ ...keys.clockPolicy(tenantId), entity: 'CLOCK_POLICY', policy: ClockPolicy.parse(policy) });
    this.policies.delete(tenantId);
  }

  async dutyRoster(tenantId: string): Promise<DutyShift[]> {
    const item = await this.store.get(keys.dutyRoster(tenantId));
    return item ? z.array(DutyShift).parse(item.shifts) : [];
  }

  async putDutyRoster(tenantId: string, shifts: DutyShift[]): Promise<void> {
    await this.store.put({ ...keys.dutyRoster(tenantId), entity: 'DUTY_ROSTER', shifts });
  }
}
