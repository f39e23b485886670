import { IMPORT_COLUMNS, LABELS, type ImportCell, type ImportSheet } from '@whistle/shared';
import type { Ports } from '../ports.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';
import { principalOf } from '../services/principal.js';
import { createImport, startImport } from '../services/imports.js';
import type { TenantData } from './demo-data.js';

/** whether the demo import was run, and recording that it was */
export interface DemoImportMarker {
  present(): Promise<boolean>;
  set(jobId: string): Promise<void>;
}

export const storeImportMarker = (store: Store, tenantId: string): DemoImportMarker => ({
  present: async () => (await store.get(keys.demoImports(tenantId))) !== undefined,
  set: async (jobId) => void (await store.put({ ...keys.demoImports(tenantId), entity: 'DEMO_IMPORTS', jobId })),
});

/**
 * The demo district's import history: the admin onboarded three more township
 * officers from the users template (two rows already there, left unchanged),
 * through the same service as the console, so the imports list shows one
 * finished job on first open (its chunk is written by the importer's poller
 * within a second of the start). Once: a marker after the start.
 */
const NEW_OFFICERS: Array<[string, string, string, string]> = [
  ['officer2-dgjd', '陈晓东', 'dgjd', '13823077001'],
  ['officer2-nsz', '罗佳', 'nsz', '13823077002'],
  ['officer2-xcjd', '何文斌', 'xcjd', '13823077003'],
];

export async function seedDemoImports(
  deps: Pick<Ports, 'imports' | 'importQueue' | 'audit' | 'clock' | 'refs'>,
  marker: DemoImportMarker,
  data: TenantData,
): Promise<'seeded' | 'present'> {
  if (await marker.present()) return 'present';
  const headers = IMPORT_COLUMNS.users.map((c) => c.header);
  const row = (cells: Record<string, string | undefined>): ImportCell[] => IMPORT_COLUMNS.users.map((c) => cells[c.key] ?? null);
  const existing = data.users.filter((u) => u.id === 'officer-dgjd' || u.id === 'officer-nsz');
  const sheet: ImportSheet = {
    name: '用户',
    data: [
      [`${data.tenant.name} · 用户导入模板`],
      headers,
      ...existing.map((u) =>
        row({ id: u.id, name: u.name, roles: u.roles.map((r) => LABELS.role[r]).join('、'), unit: u.unitId, phone: u.phone, title: u.title }),
      ),
      ...NEW_OFFICERS.map(([id, name, unit, phone]) => row({ id, name, roles: LABELS.role.officer, unit, phone, title: '企业服务专员' })),
    ],
  };
  const admin = await principalOf(deps, { sub: 'admin', ten: data.tenant.id });
  const { job } = await createImport(deps, admin, { kind: 'users', fileName: '镇街企业服务专员.xlsx', sheets: async () => [sheet] });
  if (job.counts.error > 0) throw new Error(`demo import has errors: ${job.summary}`);
  await startImport(deps, admin, job.id, { skipErrors: false });
  await marker.set(job.id);
  return 'seeded';
}
