/**
 * Assessment benchmark (issue 12): is the ranking read from the running
 * aggregates, whatever the number of tickets, and does the assessor's
 * recomputation grow linearly?
 *
 * On the local services (dynalite on LevelDB under .bench/), with the demo
 * district's units: writes BENCH_TICKETS tickets (default 100,000) raised in
 * 2026-Q4, with their notices, their contributions and the month aggregates
 * as the projection leaves them (the sums are the domain's own
 * `ticketContributions`, the quarter and year rolled up by the store's
 * `rollUp`), then projects 300 more through the real `project()` (its store
 * calls per ticket are printed). Then, alternately, GET /api/assessment
 * through the handler and one raw Query of the same partition (the same
 * items, unprojected): prints the items the handler read against units × 2,
 * and its median time as a ratio to the raw Query's (target ≤ 2).
 * Last, the audit (`recompute`) on two tenants of BENCH_AUDIT tickets
 * (default 1,000 and 4,000): time per ticket at each size, and the ratio
 * (linear: about 1). Figures only: no assertions.
 *
 *   npx tsx tests/bench/assessment.ts        (BENCH_TICKETS=20000 for a quicker run)
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  addCounters,
  COUNTERS,
  completeCreditCode,
  DEFAULT_CLOCK_POLICY,
  defaultCalendar,
  meetClock,
  periodsOfMonth,
  startClock,
  ticketContributions,
  zeroCounters,
  type Contribution,
  type Counters,
  type SupervisionNotice,
  type Ticket,
} from '@whistle/shared';
import { handler as assessmentHandler } from '../../functions/src/handlers/assessment.js';
import { TokenSigner } from '../../functions/src/adapters/tokens.js';
import { demoTenant } from '../../functions/src/local/demo-data.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { localDocumentClient } from '../../functions/src/local/services.js';
import { project, recompute } from '../../functions/src/services/assessment.js';
import { indexKeys, keys, noticeIndexAttributes, ticketIndexAttributes } from '../../functions/src/store/keys.js';
import type { Deps } from '../../functions/src/wiring.js';
import { httpEvent } from '../integration/requests-kit.js';
import { BENCH_TOKEN_KEY, startDiskBench, writeAll } from './disk-stack.js';

const TOTAL = Number(process.env.BENCH_TICKETS ?? 100_000);
const AUDIT = (process.env.BENCH_AUDIT ?? '1000,4000').split(',').map(Number);
const PROJECTED = 300;
const RUNS = 21;
const cal = defaultCalendar();
const rules = DEFAULT_CLOCK_POLICY.normal;
const enterpriseId = completeCreditCode('91500108MA6000000');
const Q4_START = Date.parse('2026-09-30T16:00:00.000Z');
const Q4_SPAN = 80 * 86_400_000;

/** A deterministic mix: most resolved and rated, some open, some never claimed; a tenth with a notice. */
function ticketOf(tenantId: string, i: number, units: readonly string[]): { ticket: Ticket; notices: SupervisionNotice[] } {
  const h = (i * 2654435761) >>> 0;
  const created = new Date(Q4_START + (h % Q4_SPAN)).toISOString();
  const unit = units[h % units.length] ?? 'jxw';
  const claimDelay = h % 7 === 0 ? 200 : 30;
  const claimedAt = new Date(Date.parse(created) + claimDelay * 60_000).toISOString();
  const resolvedAt = new Date(Date.parse(created) + (1 + (h % 5)) * 86_400_000).toISOString();
  const kind = h % 20 === 0 ? 'unclaimed' : h % 10 === 1 ? 'open' : 'closed';
  const claim = startClock(cal, { kind: 'claim', rule: rules.claim, start: created });
  const base: Ticket = {
    id: `tk${tenantId.slice(0, 4)}${String(i).padStart(9, '0')}`,
    tenantId,
    number: `2026-${String(i % 1_000_000).padStart(6, '0')}`,
    enterpriseId,
    enterpriseName: '清溪恒通机械有限公司',
    gridId: 'g01',
    channel: 'miniapp',
    category: 'finance',
    priority: 'normal',
    title: `诉求 ${i}`,
    description: '企业希望了解贷款贴息政策',
    status: 'published',
    groupIds: ['ind-equipment', 'town-dgjd'],
    declinedUnitIds: [],
    difficult: false,
    reopenCount: 0,
    clocks: [claim],
    createdBy: { userId: 'owner-01', name: '业主', role: 'owner' },
    createdAt: created,
    updatedAt: created,
    version: 1,
  };
  const notices: SupervisionNotice[] = [];
  const notice = (clock: 'claim' | 'contact', unitId?: string): SupervisionNotice => ({
    id: `${base.id}~${clock}~0~reminder`,
    tenantId,
    number: `DB2026-${String(i).padStart(6, '0')}`,
    ticketId: base.id,
    ticketNumber: base.number,
    ...(unitId ? { unitId } : { leadUnitIds: ['jxw', 'dgjd'] }),
    addressees: [unitId ? `unit:${unitId}` : 'unit:jxw'],
    level: 'reminder',
    clockId: clock,
    clockKind: clock,
    issuedAt: new Date(Date.parse(created) + 3 * 3600_000).toISOString(),
  });
  if (kind === 'unclaimed') return { ticket: base, notices: h % 2 ? [notice('claim')] : [] };
  if (claimDelay > 120) notices.push(notice('claim'));
  const clocks = [
    meetClock(claim, claimedAt),
    startClock(cal, { kind: 'contact', rule: rules.contact, start: claimedAt, unitId: unit }),
    startClock(cal, { kind: 'resolve', rule: rules.resolve, start: claimedAt, unitId: unit }),
  ];
  const handled: Ticket = { ...base, status: 'claimed', handlingUnitId: unit, handlingUnitName: unit, claimedAt, clocks, version: 2 };
  if (kind === 'open') {
    if (h % 3 === 0) notices.push(notice('contact', unit));
    return { ticket: handled, notices };
  }
  return {
    ticket: {
      ...handled,
      status: 'closed',
      clocks: clocks.map((c) => meetClock(c, resolvedAt)),
      resolution: { kind: 'answered', summary: '已答复', at: resolvedAt, by: `officer-${unit}`, unitId: unit },
      rating: { score: h % 13 === 0 ? 'unsatisfied' : 'satisfied', at: resolvedAt },
      reopenCount: h % 17 === 0 ? 1 : 0,
      updatedAt: resolvedAt,
      version: 5,
    },
    notices,
  };
}

const counterItem = (c: Counters) => Object.fromEntries(COUNTERS.map((k) => [`c_${k}`, c[k]]));

/** Writes tickets, notices, contributions and the month aggregates as the projection leaves them; then the roll-ups. */
async function load(deps: Deps, tenantId: string, from: number, to: number, units: readonly string[]): Promise<void> {
  const months = new Map<string, { unitId: string; month: string; counters: Counters; markers: Record<string, number> }>();
  for (let start = from; start < to; start += 5_000) {
    const items: Array<Record<string, unknown>> = [];
    for (let i = start; i < Math.min(to, start + 5_000); i++) {
      const { ticket: t, notices } = ticketOf(tenantId, i, units);
      const contributions: Contribution[] = ticketContributions(t, notices, [], cal);
      items.push({ ...keys.ticket(tenantId, t.id), entity: 'TICKET', ...t, ...ticketIndexAttributes(t) });
      for (const n of notices) items.push({ ...keys.notice(tenantId, t.id, n.clockId, n.level, 0), entity: 'NOTICE', ...n, cycle: 0, ...noticeIndexAttributes(n) });
      items.push({ ...keys.projection(tenantId, t.id), entity: 'PROJECTION', seq: 1, contributions });
      for (const c of contributions) {
        items.push({
          ...keys.contribution(tenantId, t.id, c.unitId, c.month),
          entity: 'CONTRIB',
          seq: 1,
          ticketId: t.id,
          number: t.number,
          title: t.title,
          unitId: c.unitId,
          month: c.month,
          counters: c.counters,
          noticeIds: c.noticeIds ?? [],
          gsi1pk: indexKeys.unitContributions(tenantId, c.unitId, c.month),
          gsi1sk: t.id,
        });
        const k = `${c.unitId}#${c.month}`;
        const m = months.get(k) ?? { unitId: c.unitId, month: c.month, counters: zeroCounters(), markers: {} };
        addCounters(m.counters, c.counters);
        m.markers[`a_${t.id}`] = 1;
        months.set(k, m);
      }
    }
    await writeAll(deps, items);
    process.stdout.write(`\r  ${tenantId}: ${Math.min(to, start + 5_000)} tickets written`);
  }
  process.stdout.write('\n');
  await writeAll(
    deps,
    [...months.values()].map((m) => ({ ...keys.assessUnit(tenantId, m.month, m.unitId), entity: 'ASSESS_UNIT', unitId: m.unitId, rev: 1, ...counterItem(m.counters), ...m.markers })),
    4,
  );
  const rollups = new Set<string>();
  for (const m of months.values()) for (const p of periodsOfMonth(m.month).slice(1)) rollups.add(`${m.unitId} ${p}`);
  for (const r of rollups) {
    const [unitId = '', period = ''] = r.split(' ');
    await deps.assessment.rollUp(tenantId, unitId, period);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main() {
  const { services, deps, tableName, stop } = await startDiskBench('assessment');
  try {
    const tenantId = 'bench';
    const data = demoTenant(tenantId, '基准区');
    await seedTenant(deps.store, deps.refs, data);
    const units = data.units.map((u) => u.id);

    // what the store returns, per call: counted at the SDK (every Query and BatchGet the handler makes)
    let calls = 0;
    let itemsRead = 0;
    deps.store['doc'].middlewareStack.add(
      (next) => async (args) => {
        const out = await next(args);
        const o = (out.output ?? {}) as { Items?: unknown[]; Item?: unknown; Responses?: Record<string, unknown[]> };
        calls++;
        itemsRead += o.Items?.length ?? (o.Item ? 1 : 0) + Object.values(o.Responses ?? {}).reduce((n, r) => n + r.length, 0);
        return out;
      },
      { step: 'initialize', name: 'benchCountItems' },
    );

    console.log(`assessment: ${TOTAL} tickets in 2026-Q4, ${units.length} units (dynalite on disk)`);
    const t0 = performance.now();
    await load(deps, tenantId, 0, TOTAL, units);
    console.log(`  loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    // the real projection, on tickets not loaded yet: its cost per ticket
    const fresh = Array.from({ length: PROJECTED }, (_, k) => ticketOf(tenantId, TOTAL + k, units));
    await writeAll(deps, fresh.flatMap(({ ticket: t, notices }) => [
      { ...keys.ticket(tenantId, t.id), entity: 'TICKET', ...t, ...ticketIndexAttributes(t) },
      ...notices.map((n) => ({ ...keys.notice(tenantId, t.id, n.clockId, n.level, 0), entity: 'NOTICE', ...n, cycle: 0, ...noticeIndexAttributes(n) })),
    ]));
    calls = 0;
    const tp = performance.now();
    for (const { ticket: t } of fresh) await project(deps, tenantId, t.id);
    const projectMs = (performance.now() - tp) / PROJECTED;
    console.log(`  project(): ${(calls / PROJECTED).toFixed(1)} store calls and ${projectMs.toFixed(1)} ms per ticket (sequential)`);

    const signer = new TokenSigner(BENCH_TOKEN_KEY);
    const { token } = await signer.sign({ sub: 'supervisor', ten: tenantId, roles: ['supervisor'] }, Date.now(), 3600);
    const doc = localDocumentClient(services.dynamodbEndpoint);
    const event = () => httpEvent('GET', '/api/assessment', { headers: { authorization: `Bearer ${token}` }, query: { period: '2026-Q4' } });
    const api: number[] = [];
    const raw: number[] = [];
    let apiItems = 0;
    let apiCalls = 0;
    let rawItems = 0;
    for (let run = -2; run < RUNS; run++) {
      calls = 0;
      itemsRead = 0;
      const a = performance.now();
      const res = await assessmentHandler(event());
      const apiMs = performance.now() - a;
      if (res.statusCode !== 200) throw new Error(`GET /api/assessment: ${res.statusCode} ${res.body}`);
      apiItems = itemsRead;
      apiCalls = calls;
      const b = performance.now();
      const q = await doc.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.assessPk(tenantId, '2026-Q4') } }));
      const rawMs = performance.now() - b;
      rawItems = q.Items?.length ?? 0;
      if (run >= 0) {
        api.push(apiMs);
        raw.push(rawMs);
      }
    }
    console.log(`  GET /api/assessment?period=2026-Q4: ${apiCalls} store call(s), ${apiItems} items read (units × 2 = ${units.length * 2}); median ${median(api).toFixed(1)} ms`);
    console.log(`  raw Query of the same partition: ${rawItems} items; median ${median(raw).toFixed(1)} ms`);
    console.log(`  ranking ÷ raw Query: ${(median(api) / median(raw)).toFixed(2)} (target ≤ 2)`);

    const perTicket: number[] = [];
    for (const [k, n] of AUDIT.entries()) {
      const audit = `audit${k}`;
      await seedTenant(deps.store, deps.refs, demoTenant(audit, `核查区${k}`));
      await load(deps, audit, 0, n, units);
      // the first pass warms the process (JIT, connections); the second is timed
      if (k === 0) await recompute(deps, audit, '2026-Q4');
      const ta = performance.now();
      const r = await recompute(deps, audit, '2026-Q4');
      const ms = performance.now() - ta;
      perTicket.push(ms / n);
      console.log(`  audit of ${n} tickets: ${(ms / 1000).toFixed(2)} s, ${((ms / n) * 1000).toFixed(0)} µs per ticket, differences ${r.differences.length}`);
    }
    if (perTicket.length >= 2) {
      console.log(`  audit time per ticket, ${AUDIT.at(-1)} ÷ ${AUDIT[0]}: ${((perTicket.at(-1) ?? 0) / (perTicket[0] ?? 1)).toFixed(2)} (linear: about 1)`);
    }
    doc.destroy();
  } finally {
    await stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
