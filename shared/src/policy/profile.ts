import * as z from 'zod/mini';

/**
 * The enterprise profile's codes (tags, headcount and revenue bands): they
 * exist to match policies, and reference.ts's Enterprise carries them (this
 * module imports nothing of the schemas, so both may import it).
 */

/** Tags an enterprise carries (认定、资质): a policy may ask for any of them. */
export const ENTERPRISE_TAGS = ['specialized', 'highTech', 'aboveScale', 'techSme', 'foreignTrade', 'startup'] as const;
export const EnterpriseTag = z.enum(ENTERPRISE_TAGS, { error: '企业标签不在列表中' });
export type EnterpriseTag = z.infer<typeof EnterpriseTag>;

/** Headcount bands (从业人数). */
export const HEADCOUNT_BANDS = ['lt20', 'h20to99', 'h100to299', 'h300to999', 'gte1000'] as const;
export const HeadcountBand = z.enum(HEADCOUNT_BANDS, { error: '从业人数档位不在列表中' });
export type HeadcountBand = z.infer<typeof HeadcountBand>;

/** Annual revenue bands (营业收入, 万元): 2000 万 is the industrial 规上 line. */
export const REVENUE_BANDS = ['lt500', 'r500to2000', 'r2000to10000', 'r10000to40000', 'gte40000'] as const;
export const RevenueBand = z.enum(REVENUE_BANDS, { error: '营业收入档位不在列表中' });
export type RevenueBand = z.infer<typeof RevenueBand>;

