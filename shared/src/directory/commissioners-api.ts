import * as z from 'zod/mini';
import { Id, Industry, Role, Tier } from '../schemas/common.js';
import { CreditCode } from '../schemas/reference.js';
import { directoryPageLimit, directorySearch, Rev } from './api.js';

/**
 * The pairing routes' bodies, queries and answers (亲清特使结对): the supervisor's and the admin's.
 * Messages are for people (Chinese).
 */

/** `GET /api/admin/commissioners`: by the commissioners' unit, the enterprises' grid, key or not; paged by commissioner. */
export const PairingsQuery = z.strictObject({
  unitId: z.optional(Id),
  gridId: z.optional(Id),
  key: z.optional(z.enum(['true', 'false'], { error: 'key 只能是 true 或 false' })),
  q: directorySearch(),
  /** the last commissioner answered (their user id) */
  cursor: z.optional(Id),
  limit: directoryPageLimit(),
});
export type PairingsQuery = z.infer<typeof PairingsQuery>;

export const PairedEnterpriseView = z.object({ id: z.string(), name: z.string(), key: z.boolean(), tier: Tier, industry: Industry, gridId: z.string() });

export const CommissionerPairingView = z.object({
  userId: Id,
  name: z.string(),
  roles: z.array(Role),
  unitId: z.optional(Id),
  unitName: z.optional(z.string()),
  phone: z.optional(z.string()),
  title: z.optional(z.string()),
  enterprises: z.array(PairedEnterpriseView),
});

export const PairingsResponse = z.object({
  /** a page of the commissioners, in name order, each with their enterprises */
  commissioners: z.array(CommissionerPairingView),
  /** the key enterprises without a commissioner (within the filters): every page carries them, first */
  keyUnpaired: z.array(PairedEnterpriseView),
  counts: z.object({
    enterprises: z.number(),
    keyEnterprises: z.number(),
    paired: z.number(),
    keyUnpaired: z.number(),
    commissioners: z.number(),
  }),
  /** the next page of commissioners: pass it back as `cursor` */
  cursor: z.optional(z.string()),
});
export type PairingsResponse = z.infer<typeof PairingsResponse>;

/** `PUT /api/admin/enterprises/{id}/commissioners`: the enterprise's commissioners, with the revision read. */
export const CommissionersPutBody = z.strictObject({
  commissionerUserIds: z.array(Id, { error: '请选择亲清特使' }).check(z.maxLength(20, { error: '一家企业最多 20 名亲清特使' })),
  rev: Rev,
});
export type CommissionersPutBody = z.infer<typeof CommissionersPutBody>;

export const CommissionerParam = z.strictObject({ userId: Id });

/** `POST /api/admin/commissioners/{userId}/enterprises`: pair one official with many enterprises (and unpair some) at once. */
export const PairManyBody = z.strictObject({
  add: z._default(z.array(CreditCode, { error: '应为企业信用代码的列表' }).check(z.maxLength(200, { error: '一次最多 200 家企业' })), []),
  remove: z._default(z.array(CreditCode, { error: '应为企业信用代码的列表' }).check(z.maxLength(200, { error: '一次最多 200 家企业' })), []),
});
export type PairManyBody = z.infer<typeof PairManyBody>;

export const PairManyResponse = z.object({
  userId: Id,
  name: z.string(),
  /** each enterprise asked for: paired or unpaired now; `changed`: false when it already was */
  results: z.array(z.object({ enterpriseId: z.string(), name: z.string(), paired: z.boolean(), changed: z.boolean(), rev: z.number() })),
});
export type PairManyResponse = z.infer<typeof PairManyResponse>;

/** `GET /api/enterprises/commissioned`: the enterprises the caller serves as commissioner, with their board. */
export const CommissionedResponse = z.object({ items: z.array(PairedEnterpriseView) });
export type CommissionedResponse = z.infer<typeof CommissionedResponse>;
