import { localDate, type Principal, type Ticket } from '@whistle/shared';
import { createRetrospective, updateRetrospective, type RetroPorts } from '../services/retrospectives.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';
import type { DemoMarker } from './demo-assessment.js';

/**
 * The demo retrospectives (典型问题复盘): one on a resolved request of the history
 * that was late (a clock escalated), and one on the demo's solved common issue
 * (共性问题), each opened by the supervisor through the same service as the route,
 * with its findings, recommendations and tasks, and issued. Each once: a marker
 * of its own, and the retrospective's id derived from its subject and title.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_DAYS = 60;

const SUPERVISOR = (tenantId: string): Principal => ({ userId: 'supervisor', tenantId, name: '区营商环境办督办科', roles: ['supervisor'] });

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
  const supervisor = SUPERVISOR(tenantId);
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

export const storeCommonIssueRetrospectiveMarker = (store: Store, tenantId: string): DemoMarker => ({
  present: async () => (await store.get(keys.demoCommonIssueRetrospective(tenantId), true)) !== undefined,
  set: async (at) => void (await store.put({ ...keys.demoCommonIssueRetrospective(tenantId), entity: 'SEED', at }, { expression: 'attribute_not_exists(pk)' })),
});

/**
 * A retrospective on the demo's solved common issue (the first confirmed, when several are): its
 * team takes part (the lead unit and the steps' owners, by default), with one task for the lead
 * unit, issued. Loaded after the common issues; none solved: nothing.
 */
export async function seedDemoCommonIssueRetrospective(ports: RetroPorts, marker: DemoMarker, tenantId: string): Promise<'seeded' | 'present' | 'none'> {
  if (await marker.present()) return 'present';
  const [ci] = (await ports.commonIssues.list(tenantId))
    .filter((c) => c.status === 'solved')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  if (!ci) return 'none';
  const supervisor = SUPERVISOR(tenantId);
  const now = ports.clock.now().getTime();
  const enterprises = new Set(ci.tickets.map((t) => t.enterpriseId)).size;
  const subject = { kind: 'commonIssue', commonIssueId: ci.id } as const;
  const { retrospective } = await createRetrospective(ports, supervisor, subject, {
    unitIds: [],
    happened: `${enterprises} 家企业先后反映「${ci.title}」，逐件办理难以根治。经确认为共性问题后，由${ci.leadUnitName}牵头制定统一解决方案并建立长效机制，问题已统一解决。`,
    causes: ['同类诉求分散在不同单位逐件办理，未及时汇总研判', '相关配套标准缺少对此类需求的规定'],
    findings: [
      { tag: 'blockage', text: '同类诉求在不同单位间流转，汇总研判滞后' },
      { tag: 'loophole', text: '配套建设标准未覆盖企业的共同需求' },
    ],
    recommendations: [
      { tag: 'mechanism', text: '建立同类诉求定期汇总研判机制，发现共性问题及时提请确认' },
      { tag: 'policy', text: '修订相关配套建设标准，补充企业共同需求条款' },
    ],
    tasks: [{ title: '建立同类诉求定期汇总研判机制', ownerUnitId: ci.leadUnitId, dueDate: localDate(now + 10 * DAY_MS) }],
  });
  if (retrospective.status === 'draft') await updateRetrospective(ports, supervisor, subject, retrospective.id, { rev: retrospective.rev, status: 'issued' });
  await marker.set(new Date(now).toISOString());
  return 'seeded';
}
