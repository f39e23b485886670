import { localDate, type Principal, type Ticket } from '@whistle/shared';
import { createRetrospective, updateRetrospective, type RetroPorts } from '../services/retrospectives.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';
import type { DemoMarker } from './demo-assessment.js';

/**
 * The demo retrospective (典型问题复盘): one, on a resolved request of the history
 * that was late (a clock escalated), opened by the supervisor through the same
 * service as the route, with its findings, recommendations and two tasks. Once:
 * a marker, and the retrospective's id derived from its ticket and title.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_DAYS = 60;

export const storeRetrospectiveMarker = (store: Store, tenantId: string): DemoMarker => ({
  present: async () => (await store.get(keys.demoRetrospective(tenantId), true)) !== undefined,
  set: async (at) => void (await store.put({ ...keys.demoRetrospective(tenantId), entity: 'SEED', at }, { expression: 'attribute_not_exists(pk)' })),
});

const isLateResolved = (t: Ticket): boolean =>
  (t.status === 'resolved' || t.status === 'closed') && t.handlingUnitId !== undefined && t.clocks.some((c) => c.escalations > 0);

/** A resolved ticket of the history's last two months, late if any was; undefined when none. */
async function pick(ports: RetroPorts, tenantId: string, anchor: string): Promise<Ticket | undefined> {
  const range = { from: new Date(Date.parse(anchor) - WINDOW_DAYS * DAY_MS).toISOString(), to: anchor };
  let fallback: Ticket | undefined;
  let cursor: string | undefined;
  do {
    const page = await ports.tickets.createdBetween(tenantId, range, { limit: 200, ...(cursor ? { cursor } : {}) });
    const late = page.items.find(isLateResolved);
    if (late) return late;
    fallback ??= page.items.find((t) => t.status === 'resolved' || t.status === 'closed');
    cursor = page.cursor;
  } while (cursor);
  return fallback;
}

export async function seedDemoRetrospective(ports: RetroPorts, marker: DemoMarker, tenantId: string, anchor: string): Promise<'seeded' | 'present' | 'none'> {
  if (await marker.present()) return 'present';
  const ticket = await pick(ports, tenantId, anchor);
  if (!ticket?.handlingUnitId) return 'none';
  const supervisor: Principal = { userId: 'supervisor', tenantId, name: '区营商环境办督办科', roles: ['supervisor'] };
  const now = ports.clock.now().getTime();
  const unitIds = [ticket.handlingUnitId, ...(ticket.handlingUnitId === 'fgw' ? [] : ['fgw'])];
  const { retrospective } = await createRetrospective(ports, supervisor, { kind: 'ticket', ticketId: ticket.id }, {
    unitIds,
    happened: `${localDate(ticket.createdAt)}，${ticket.enterpriseName}反映「${ticket.title}」。承办单位${ticket.handlingUnitName ?? ''}认领后办理，期间有时限超时并被督办，最终办结。`,
    causes: ['认领后未及时与企业取得联系', '跨部门材料流转缺少明确时限'],
    findings: [
      { tag: 'style', text: '首次联系企业超过 24 小时，未主动说明进度' },
      { tag: 'blockage', text: '部门间材料需企业重复提交' },
      { tag: 'loophole', text: '联办环节的时限未纳入督办' },
    ],
    recommendations: [
      { tag: 'mechanism', text: '建立跨部门材料共享清单，一次提交、多方复用' },
      { tag: 'policy', text: '修订助企服务时限规定，补充联办环节时限' },
    ],
    tasks: [
      { title: '梳理跨部门材料共享清单', ownerUnitId: ticket.handlingUnitId, dueDate: localDate(now + 7 * DAY_MS) },
      { title: '起草联办时限补充规定', ownerUnitId: 'fgw', dueDate: localDate(now + 14 * DAY_MS) },
    ],
  });
  // issued (印发): its tasks are the units' to answer for, on the ladder once due
  if (retrospective.status === 'draft') await updateRetrospective(ports, supervisor, { kind: 'ticket', ticketId: ticket.id }, retrospective.id, { rev: retrospective.rev, status: 'issued' });
  await marker.set(new Date(now).toISOString());
  return 'seeded';
}
