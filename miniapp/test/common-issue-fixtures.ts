import { CommonIssue, CommonIssueSuggestion, creditCodeCheckChar, type LinkedTicket, type PlanItem } from '@whistle/shared';
import * as z from 'zod/mini';

/** Common issues (共性问题) as the API answers them: built here and parsed with the shared schemas, so a drift in the contract fails these tests. */
const code = (first17: string) => `${first17}${creditCodeCheckChar(first17)}`;
export const ENTERPRISES = [
  { id: code('91330100MA2H00001'), name: '清溪恒通机械有限公司' },
  { id: code('91330100MA2H00002'), name: '青石新材料有限公司' },
  { id: code('91330100MA2H00003'), name: '东关食品有限公司' },
  { id: code('91330100MA2H00004'), name: '西城电子科技有限公司' },
] as const;

export const linked = (n: number, patch: Partial<LinkedTicket> = {}): LinkedTicket => {
  const e = ENTERPRISES[n % ENTERPRISES.length] ?? ENTERPRISES[0];
  return {
    ticketId: `t${n + 1}`,
    number: `2026-00000${n + 1}`,
    enterpriseId: e.id,
    enterpriseName: e.name,
    title: ['园区周边没有食堂，员工吃饭难', '工业园附近就餐不便', '园区缺少餐饮配套', '员工午餐难解决'][n % 4] ?? '就餐难',
    category: 'other',
    status: 'claimed',
    createdAt: '2026-06-01T02:00:00.000Z',
    ...patch,
  };
};

export function suggestion(patch: Partial<CommonIssueSuggestion> = {}): CommonIssueSuggestion {
  const tickets = [0, 1, 2, 3].map((n) => linked(n));
  return z.parse(CommonIssueSuggestion, {
    id: 'csabcdefgh01',
    tenantId: 'demo',
    signature: tickets.map((t) => t.ticketId).join(','),
    title: '可能的共性问题：4 家企业反映园区周边就餐难',
    topic: '园区周边就餐难',
    category: 'other',
    tickets,
    enterpriseCount: 4,
    terms: ['园区', '就餐', '食堂'],
    cohesion: 0.41,
    dismissedBefore: [],
    status: 'waiting',
    proposedAt: '2026-06-09T01:00:00.000Z',
    ...patch,
  });
}

export const step = (patch: Partial<PlanItem> = {}): PlanItem => ({
  id: 'pi0000000001',
  title: '协调园区引入职工食堂',
  ownerUnitId: 'jxw',
  ownerUnitName: '区经信委',
  dueDate: '2026-06-30',
  dueAt: '2026-06-30T09:30:00.000Z',
  status: 'open',
  addedAt: '2026-06-09T02:00:00.000Z',
  addedBy: 'supervisor',
  ...patch,
});

export function commonIssue(patch: Partial<CommonIssue> = {}): CommonIssue {
  return z.parse(CommonIssue, {
    id: 'ciabcdefgh01',
    tenantId: 'demo',
    title: '园区周边就餐难',
    category: 'other',
    summary: '4 家企业反映园区周边就餐难',
    fix: '协调园区引入职工食堂，开通周边餐饮配送',
    leadUnitId: 'xcjd',
    leadUnitName: '西城街道',
    targetDate: '2026-07-31',
    targetAt: '2026-07-31T09:30:00.000Z',
    status: 'found',
    tickets: [0, 1, 2].map((n) => linked(n, { linkedAt: '2026-06-09T02:00:00.000Z' })),
    plan: { leadUnitId: 'xcjd', leadUnitName: '西城街道', coUnits: [{ unitId: 'jxw', unitName: '区经信委' }], items: [step()], setAt: '2026-06-09T02:00:00.000Z', setBy: 'supervisor' },
    clocks: [],
    progress: [],
    suggestionId: 'csabcdefgh01',
    createdAt: '2026-06-09T02:00:00.000Z',
    createdBy: 'supervisor',
    createdByName: '周婷',
    updatedAt: '2026-06-09T02:00:00.000Z',
    rev: 3,
    ...patch,
  });
}

export const UNITS = [
  { id: 'xcjd', tenantId: 'demo', name: '西城街道', track: 'township' as const },
  { id: 'jxw', tenantId: 'demo', name: '区经信委', track: 'department' as const },
];
