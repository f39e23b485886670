import {
  AuditTrailResponse,
  DirectoryAreaPageResponse,
  DirectoryAreaPutResponse,
  DirectoryDeletedResponse,
  DirectoryEnterprisePageResponse,
  DirectoryEnterprisePutResponse,
  DirectoryGridPageResponse,
  DirectoryGridPutResponse,
  DirectoryGroupPageResponse,
  DirectoryGroupPutResponse,
  DirectoryUnitPageResponse,
  DirectoryUnitPutResponse,
  DirectoryUserPageResponse,
  DirectoryUserPutResponse,
  OfficeHoursResponse,
  type DirectoryType,
  type OfficePeriod,
} from '@whistle/shared';
import type * as z from 'zod/mini';
import { request, type Query } from './client';

/**
 * The directory an admin keeps (单位, 服务群, 片区, 网格, 企业, 用户): lists
 * filtered and paged by cursor, upserts by id with the `rev` read (409 with
 * the current record when stale), deletes (409 while referred to); the office
 * hours; the audit trail. Answers checked against the route table's schemas.
 */
const enc = encodeURIComponent;

const SCHEMAS = {
  UNIT: { path: 'units', page: DirectoryUnitPageResponse, put: DirectoryUnitPutResponse },
  GROUP: { path: 'groups', page: DirectoryGroupPageResponse, put: DirectoryGroupPutResponse },
  AREA: { path: 'areas', page: DirectoryAreaPageResponse, put: DirectoryAreaPutResponse },
  GRID: { path: 'grids', page: DirectoryGridPageResponse, put: DirectoryGridPutResponse },
  ENT: { path: 'enterprises', page: DirectoryEnterprisePageResponse, put: DirectoryEnterprisePutResponse },
  USER: { path: 'users', page: DirectoryUserPageResponse, put: DirectoryUserPutResponse },
} as const;
type Schemas = typeof SCHEMAS;

export type DirPage<T extends DirectoryType> = z.infer<Schemas[T]['page']>;
export type DirRecord<T extends DirectoryType> = DirPage<T>['items'][number];

export const dirApi = {
  list: <T extends DirectoryType>(type: T, q: Query = {}): Promise<DirPage<T>> =>
    request({ method: 'GET', path: `/api/admin/${SCHEMAS[type].path}`, schema: SCHEMAS[type].page, query: q }) as Promise<DirPage<T>>,
  /** every record of a small list (units, groups, areas, grids: pages of 200 until the end) */
  all: async <T extends DirectoryType>(type: T, q: Query = {}): Promise<Array<DirRecord<T>>> => {
    const out: Array<DirRecord<T>> = [];
    let cursor: string | undefined;
    do {
      const page = await dirApi.list(type, { ...q, limit: 200, cursor });
      out.push(...(page.items as Array<DirRecord<T>>));
      cursor = page.cursor;
    } while (cursor);
    return out;
  },
  /** create (no rev) or update (the rev read): the record as stored */
  put: async <T extends DirectoryType>(type: T, id: string, body: Record<string, unknown>): Promise<DirRecord<T>> => {
    const r = await request({ method: 'PUT', path: `/api/admin/${SCHEMAS[type].path}/${enc(id)}`, schema: SCHEMAS[type].put, body });
    return r.record as DirRecord<T>;
  },
  /** an enterprise's resident commissioners (亲清特使), with the rev read: the enterprise as stored */
  setCommissioners: async (enterpriseId: string, commissionerUserIds: string[], rev: number): Promise<DirRecord<'ENT'>> =>
    (await request({ method: 'PUT', path: `/api/admin/enterprises/${enc(enterpriseId)}/commissioners`, schema: DirectoryEnterprisePutResponse, body: { commissionerUserIds, rev } })).record,
  remove: (type: DirectoryType, id: string, rev?: number) =>
    request({ method: 'DELETE', path: `/api/admin/${SCHEMAS[type].path}/${enc(id)}`, schema: DirectoryDeletedResponse, query: { rev } }),
  officeHours: () => request({ method: 'GET', path: '/api/admin/office-hours', schema: OfficeHoursResponse }),
  putOfficeHours: (officeHours: OfficePeriod[], rev: number) =>
    request({ method: 'PUT', path: '/api/admin/office-hours', schema: OfficeHoursResponse, body: { officeHours, rev } }),
  audit: (q: { month?: string; target?: string; targetId?: string; cursor?: string }) =>
    request({ method: 'GET', path: '/api/admin/audit', schema: AuditTrailResponse, query: q }),
};
