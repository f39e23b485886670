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
import * as z from 'zod/mini';
import type { Store } from './dynamo.js';
import type { SettingsPort } from '../ports.js';
import { keys } from './keys.js';
import type { ReferenceStore } from './reference-store.js';
import { TtlCache } from './ttl-cache.js';

export const SETTINGS_TTL_MS = 15_000;

const DutyShifts = z.array(DutyShift);

/** The stored item of a tenant's rate limits (the seed writes it too, only if absent). */
export const rateLimitsItem = (tenantId: string, limits: RateLimits) => ({ ...keys.rateLimits(tenantId), entity: 'RATE_LIMITS', limits: RateLimits.parse(limits) });
const StoredYear = z.object({ year: z.number(), holidays: z.array(z.string()), workdays: z.array(z.string()), source: z.optional(z.string()) });

/**
 * Per-tenant settings: the working calendar (shipped years plus years an admin
 * loaded), the clock policy, the after-hours duty roster and the rate limits.
 */
export class SettingsStore implements SettingsPort {
  /**
   * Loaded calendar years and the clock policy are read by every command and
   * change rarely: a warm process trusts its copy for as long as it trusts the
   * reference lists (15 s); writes through this store invalidate it.
   */
  private readonly years: TtlCache<Record<number, CalendarYearData>>;
  private readonly policies: TtlCache<ClockPolicy>;
  /** read by every intake and claim: cached like the policy (a change reaches warm functions within 15 s) */
  private readonly limits: TtlCache<{ limits: RateLimits; isDefault: boolean }>;

  constructor(
    private readonly store: Store,
    private readonly refs: ReferenceStore,
    now: () => number = Date.now,
  ) {
    this.years = new TtlCache(SETTINGS_TTL_MS, now);
    this.policies = new TtlCache(SETTINGS_TTL_MS, now);
    this.limits = new TtlCache(SETTINGS_TTL_MS, now);
  }

  async calendarYears(tenantId: string): Promise<Record<number, CalendarYearData>> {
    return this.years.get(tenantId, async () => {
      const items = await this.store.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.settingsPk(tenantId), ':p': 'CALENDAR#' },
      });
      const loaded: Record<number, CalendarYearData> = {};
      for (const item of items) {
        const y = StoredYear.parse(item);
        loaded[y.year] = { holidays: y.holidays, workdays: y.workdays, ...(y.source ? { source: y.source } : {}) };
      }
      return loaded;
    });
  }

  /** The tenant's working calendar: its office hours, shipped years overridden by loaded ones. */
  async calendar(tenantId: string): Promise<WorkingCalendar> {
    const [tenant, loaded] = await Promise.all([this.refs.tenant(tenantId), this.calendarYears(tenantId)]);
    return { officeHours: tenant?.officeHours ?? DEFAULT_OFFICE_HOURS, years: { ...SHIPPED_YEARS, ...loaded } };
  }

  async putCalendarYear(tenantId: string, year: number, data: CalendarYearData): Promise<void> {
    this.years.forget(tenantId);
    await this.store.put({ ...keys.calendarYear(tenantId, year), entity: 'CALENDAR', year, ...data });
    this.years.forget(tenantId);
  }

  async policy(tenantId: string): Promise<ClockPolicy> {
    return this.policies.get(tenantId, async () => {
      const item = await this.store.get(keys.clockPolicy(tenantId));
      return item ? ClockPolicy.parse(item.policy) : DEFAULT_CLOCK_POLICY;
    });
  }

  async putPolicy(tenantId: string, policy: ClockPolicy): Promise<void> {
    this.policies.forget(tenantId);
    await this.store.put({ ...keys.clockPolicy(tenantId), entity: 'CLOCK_POLICY', policy: ClockPolicy.parse(policy) });
    this.policies.forget(tenantId);
  }

  async rateLimits(tenantId: string): Promise<{ limits: RateLimits; isDefault: boolean }> {
    return this.limits.get(tenantId, async () => {
      const item = await this.store.get(keys.rateLimits(tenantId));
      return item ? { limits: RateLimits.parse(item.limits), isDefault: false } : { limits: DEFAULT_RATE_LIMITS, isDefault: true };
    });
  }

  async putRateLimits(tenantId: string, limits: RateLimits): Promise<void> {
    this.limits.forget(tenantId);
    await this.store.put(rateLimitsItem(tenantId, limits));
    this.limits.forget(tenantId);
  }

  async dutyRoster(tenantId: string): Promise<DutyShift[]> {
    const item = await this.store.get(keys.dutyRoster(tenantId));
    return item ? DutyShifts.parse(item.shifts) : [];
  }

  async putDutyRoster(tenantId: string, shifts: DutyShift[]): Promise<void> {
    await this.store.put({ ...keys.dutyRoster(tenantId), entity: 'DUTY_ROSTER', shifts });
  }
}
