import { monthOf, periodAt, periodsUpTo, type Principal } from '@whistle/shared';
import type { Ports } from '../ports.js';
import { decideDispute, enterManualScore, raiseDispute } from '../services/assessment-admin.js';
import { projectTenant } from '../services/assessment.js';
import { eachLimited } from '../services/each-limited.js';
import { principalOf } from '../services/principal.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';

/**
 * The demo district's assessment: every ticket of its history projected into
 * the aggregates (as the notifier keeps them live), then what people add: the
 * assessor's entered scores with evidence for this quarter and the last, and
 * a few disputes (one accepted, one rejected, one waiting for the supervisor).
 * Through the services, as the API would; a marker last, so a restart adds nothing.
 */
const EVIDENCE: Record<'policyPromotion' | 'supplyDemand' | 'preciseService', string[]> = {
  policyPromotion: ['开展惠企政策宣讲 4 场，覆盖企业 63 家（附签到表、照片）', '政策解读推文 6 篇，阅读 2,300 次（附链接清单）', '“政策进园区”活动 2 次（附活动方案）'],
  supplyDemand: ['组织银企对接会 1 场，促成授信 3,200 万元（附对接名单）', '发布用工需求 120 条，促成就业 46 人（附台账）', '组织产业链配套对接 2 场（附会议纪要）'],
  preciseService: ['走访重点企业 18 家，解决问题 11 个（附走访记录）', '“一企一策”服务 3 家（附服务方案）', '专员驻企服务 40 人次（附工作日志）'],
};

/** Whether the demo assessment was loaded (a marker item, written last). */
export interface DemoMarker {
  present(): Promise<boolean>;
  set(at: string): Promise<void>;
}

export const storeMarker = (store: Store, tenantId: string): DemoMarker => ({
  present: async () => (await store.get(keys.demoAssessment(tenantId), true)) !== undefined,
  set: async (at) => void (await store.put({ ...keys.demoAssessment(tenantId), entity: 'SEED', at }, { expression: 'attribute_not_exists(pk)' })),
});

export async function loadDemoAssessment(ports: Ports, marker: DemoMarker, tenantId: string, now: string, signal?: AbortSignal): Promise<'seeded' | 'present' | 'stopped'> {
  if (await marker.present()) return 'present';
  await projectTenant(ports, tenantId, signal);
  if (signal?.aborted) return 'stopped';
  const as = async (userId: string): Promise<Principal> => principalOf(ports, { sub: userId, ten: tenantId });
  const assessor = await as('assessor');
  const units = await ports.refs.list('UNIT', tenantId);
  const quarter = periodAt(now, 'quarter');
  const [previous = quarter] = periodsUpTo(quarter, 2);
  // invented but steady: a unit's entered scores follow its place in the list
  for (const period of [previous, quarter]) {
    await eachLimited([...units.entries()], 4, async ([i, u]) => {
      for (const [k, indicator] of (['policyPromotion', 'supplyDemand', 'preciseService'] as const).entries()) {
        const score = 62 + ((i * 7 + k * 11 + period.length) % 36);
        const evidence = EVIDENCE[indicator][(i + k) % 3] ?? '';
        await enterManualScore(ports, assessor, { period, unitId: u.id, indicator, score, evidence });
      }
    });
  }
  // disputes: a unit lead contests a notice (accepted), a late claim (rejected), and a late contact (open)
  const supervisor = await as('supervisor');
  const raised: string[] = [];
  for (const unit of units) {
    if (raised.length >= 3) break;
    // this month and the last: early in a month, this one alone has too little to contest
    const rows = await ports.assessment.contributions(tenantId, unit.id, periodsUpTo(monthOf(now), 2));
    const lead = await as(`lead-${unit.id}`).catch(() => undefined);
    if (!lead) continue;
    const withNotice = rows.find((r) => (r.noticeIds?.length ?? 0) > 0);
    const lateClaim = rows.find((r) => (r.counters.claimed ?? 0) > (r.counters.claimOnTime ?? 0));
    const row = raised.length === 1 ? lateClaim : withNotice ?? lateClaim;
    if (!row) continue;
    const noticeId = raised.length !== 1 ? row.noticeIds?.[0] : undefined;
    const d = await raiseDispute(ports, lead, {
      ticketId: row.ticketId,
      indicator: noticeId ? 'notices' : 'claimRate',
      ...(noticeId ? { noticeId } : {}),
      reason: noticeId ? '督办单发出时企业已电话确认改期办理，附通话记录截图' : '诉求发布于午休时段，群内已回复“下午处理”，申请不计超时',
    }).catch(() => undefined);
    if (!d) continue;
    raised.push(d.id);
    if (raised.length === 1) await decideDispute(ports, supervisor, d.id, { accept: true, reason: '经核实通话记录属实，予以采纳' });
    if (raised.length === 2) await decideDispute(ports, supervisor, d.id, { accept: false, reason: '群内回复不等同于认领，不予采纳' });
  }
  await marker.set(now);
  return 'seeded';
}
