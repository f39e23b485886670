import {
  districtDetail,
  districtFigures,
  inProvince,
  mayReadProvince,
  monthsOf,
  NotFoundError,
  provinceOverview,
  schemeFor,
  type DistrictDetailResponse,
  type DistrictInput,
  type Principal,
  type ProvinceOverviewResponse,
  type Tenant,
} from '@whistle/shared';
import type { Ports } from '../ports.js';
import { eachLimited } from './each-limited.js';

/**
 * The province view: every district of the caller's province in a period,
 * from each district's assessment aggregates, read-only. Per district three
 * reads, whatever its number of tickets: its units (a reference list, cached
 * in a warm function), its period partition (units × 2 items) and its scheme
 * versions (one query of its settings). Never a ticket.
 */
export const READS_PER_DISTRICT = 3;
/** districts read at once */
const CONCURRENCY = 8;

async function inputOf(ports: Ports, district: Tenant, period: string): Promise<DistrictInput> {
  const [units, figures, schemes] = await Promise.all([
    ports.refs.list('UNIT', district.id),
    ports.assessment.period(district.id, period),
    ports.assessment.schemes(district.id),
  ]);
  return {
    tenantId: district.id,
    name: district.name,
    units,
    counters: figures.counters,
    manual: figures.manual,
    scheme: schemeFor(schemes, monthsOf(period)[0] ?? ''),
  };
}

async function provinceOf(ports: Ports, p: Principal): Promise<Tenant> {
  const tenant = await ports.refs.tenant(p.tenantId);
  mayReadProvince(p, tenant);
  if (!tenant) throw new NotFoundError('租户');
  return tenant;
}

/**
 * Every district of the province with its figures, sorted and ranked (the overview's order), and the inputs read
 * for them (a district's detail takes its own from there instead of reading it twice).
 */
async function rankedDistricts(ports: Ports, province: Tenant, period: string) {
  const districts = (await ports.tenants.districtsOf(province.id)).filter((d) => inProvince(d, province.id));
  const inputs = new Map<string, DistrictInput>();
  await eachLimited(districts, CONCURRENCY, async (d) => {
    inputs.set(d.id, await inputOf(ports, d, period));
  });
  return { ...provinceOverview([...inputs.values()].map(districtFigures)), inputs };
}

export async function overview(ports: Ports, p: Principal, period: string): Promise<ProvinceOverviewResponse> {
  const province = await provinceOf(ports, p);
  const { inputs: _, ...sorted } = await rankedDistricts(ports, province, period);
  return { period, province: { tenantId: province.id, name: province.name }, ...sorted, readsPerDistrict: READS_PER_DISTRICT };
}

/**
 * One district of the caller's province: its figures and its units ranked; another's is not there (404). Its
 * rank is the overview's, so the province's other districts are read too (the rank is among them).
 */
export async function district(ports: Ports, p: Principal, districtId: string, period: string): Promise<DistrictDetailResponse> {
  const province = await provinceOf(ports, p);
  const found = (await ports.tenants.get(districtId))?.tenant;
  if (!found || !inProvince(found, province.id)) throw new NotFoundError('区县');
  const { districts, inputs } = await rankedDistricts(ports, province, period);
  // a district listed under another province's index, or not yet, is still read as itself
  const input = inputs.get(found.id) ?? (await inputOf(ports, found, period));
  const rank = districts.find((d) => d.tenantId === found.id)?.rank ?? null;
  return { period, district: { ...districtFigures(input), rank }, tracks: districtDetail(input) };
}
