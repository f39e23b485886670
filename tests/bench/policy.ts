/**
 * The policy supermarket's bench (issue 13), on dynalite (LevelDB on disk) in this process:
 *
 *   (a) the push of a newly published policy matching 8,000 enterprises (奉节 has 8,205):
 *       the push as the notifier runs it (the enterprises read, the chunks recorded, every
 *       owner's inbox item written), against a raw BatchWriteItem of the same inbox items
 *       into another tenant in the same run (the faster of two ways, before and after the
 *       push: 16 requests in flight, or all at once). Prints both, their ratio (target
 *       ≤ 1.5), and the enterprise records read (target ≤ 1 each: counted at the store);
 *   (b) suggestions while typing against 500 published policies: the policies function's
 *       handler answering GET /api/policies/suggest (token, caller, catalogue revision,
 *       search), one request at a time, p50/p99 ms (target p99 ≤ 20 ms), beside a floor
 *       measured in the same run: the handler's own GET /api/policies/{id} of one policy.
 *
 * Figures only: no assertions.
 *
 *   npm run bench -- policy
 */
import '../../functions/src/wiring/policies.js';
import '../../functions/src/wiring/wechat.js';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { completeCreditCode, INDUSTRIES, TIERS, type Enterprise, type Policy, type PolicyCategory, type Principal } from '@whistle/shared';
import { handler as policiesHandler } from '../../functions/src/handlers/policies.js';
import { demoTenant } from '../../functions/src/local/demo-data.js';
import { seedTenant } from '../../functions/src/local/seed.js';
import { publishPolicy } from '../../functions/src/services/policies.js';
import { PUSH_CHUNK, pushPolicy, tellOf } from '../../functions/src/services/policy-push.js';
import type { Item } from '../../functions/src/store/dynamo.js';
import { inboxRecord } from '../../functions/src/store/inbox-store.js';
import { keys } from '../../functions/src/store/keys.js';
import { refItem } from '../../functions/src/store/ref-items.js';
import { startDiskBench, writeAll } from './disk-stack.js';
import { figures } from './store.js';

const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 8000);
const POLICIES = 500;
const REQUESTS = 1000;

const bench = await startDiskBench('policy');
try {
  const deps = bench.deps;
  const data = demoTenant('fengjie', '奉节县');
  await seedTenant(deps.store, deps.refs, data);

  // ── (a) the push ─────────────────────────────────────────────────────────
  const enterprises: Enterprise[] = Array.from({ length: ENTERPRISES }, (_, i) => ({
    id: completeCreditCode(`91500236MA${String(2000000 + i).padStart(7, '0')}`),
    tenantId: 'fengjie',
    name: `奉节县第${i + 1}号企业有限公司`,
    industry: INDUSTRIES[i % INDUSTRIES.length] ?? 'food',
    tier: TIERS[i % TIERS.length] ?? 'growth',
    gridId: data.grids[i % data.grids.length]?.id ?? 'g01',
    key: i % 50 === 0,
    ownerUserIds: [`bench-owner-${i}`],
    tags: i % 3 === 0 ? ['aboveScale'] : [],
  }));
  await writeAll(deps, enterprises.map((e) => refItem('ENT', e)), 16);

  const supervisor: Principal = { userId: 'supervisor', tenantId: 'fengjie', name: '督办', roles: ['supervisor'] };
  const at = new Date().toISOString();
  const policy: Policy = {
    id: 'pol-bench-push',
    tenantId: 'fengjie',
    title: '2026 年稳岗返还（普惠）',
    issuer: '县人力资源和社会保障局',
    level: 'district',
    category: 'employment',
    summary: '参保企业不裁员或少裁员的，按上年度实际缴纳失业保险费的 60% 返还。',
    conditions: {},
    validFrom: '2026-01-01',
    howToApply: '网上申报',
    unitId: 'rsj',
    unitName: '区人力资源和社会保障局',
    contact: { name: '人社局', phone: '023-55550000' },
    status: 'draft',
    createdBy: { userId: 'supervisor', name: '督办' },
    createdAt: at,
    updatedAt: at,
    rev: 1,
  };

  // every enterprise record read, counted where the store answers: items a query of the ENT partition returns, and gets of its items
  const entPk = keys.refPartition('fengjie', 'ENT');
  let entReads = 0;
  const store = deps.store;
  const queryAll = store.queryAll.bind(store);
  const queryPage = store.queryPage.bind(store);
  const get = store.get.bind(store);
  const batchGet = store.batchGet.bind(store);
  const ofEnt = (input: { ExpressionAttributeValues?: Item }) => input.ExpressionAttributeValues?.[':pk'] === entPk;
  store.queryAll = async (input, ...rest) => {
    const items = await queryAll(input, ...rest);
    if (ofEnt(input)) entReads += items.length;
    return items;
  };
  store.queryPage = async (input, ...rest) => {
    const out = await queryPage(input, ...rest);
    if (ofEnt(input)) entReads += out.items.length;
    return out;
  };
  store.get = async (key, ...rest) => {
    if (key.pk === entPk) entReads++;
    return get(key, ...rest);
  };
  store.batchGet = async (list, ...rest) => {
    entReads += list.filter((k) => k.pk === entPk).length;
    return batchGet(list, ...rest);
  };

  // rounds of a raw BatchWriteItem of the inbox items a push writes (one owner each: 16 requests in flight, into
  // another tenant) and the push of a new universal policy, in alternating order: the machine's drift cancels out
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
  // a first write of as many items, untimed: the store past its first compactions before anything is timed
  await writeAll(deps, enterprises.map((e, i) => ({ ...keys.inboxItem('warmup', `u${i}`, at, `w${i}`), entity: 'INBOX', body: e.name })), 16);
  const pairs: Array<{ raw: number; push: number; reads: number; told: number; chunks: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const p: Policy = { ...policy, id: `pol-bench-push-${round}`, title: `${policy.title}（第 ${round + 1} 批）` };
    await deps.policies.create(p);
    await publishPolicy(deps, supervisor, p.id);
    const raw = enterprises.flatMap((e) => tellOf({ ...p, tenantId: `raw${round}` }, e, ['普惠政策：辖区企业均可申报'], at).items.map((i) => inboxRecord(`raw${round}`, i)));
    const rawRun = async () => {
      const t0 = performance.now();
      await writeAll(deps, raw, 16);
      return performance.now() - t0;
    };
    const pushRun = async () => {
      entReads = 0;
      const t0 = performance.now();
      const report = await pushPolicy(deps, 'fengjie', p.id);
      return { ms: performance.now() - t0, report, reads: entReads };
    };
    let rawMs: number;
    let pushed: Awaited<ReturnType<typeof pushRun>>;
    if (round % 2 === 0) {
      rawMs = await rawRun();
      pushed = await pushRun();
    } else {
      pushed = await pushRun();
      rawMs = await rawRun();
    }
    pairs.push({ raw: rawMs, push: pushed.ms, reads: pushed.reads, told: pushed.report.told, chunks: Math.ceil(pushed.report.told / PUSH_CHUNK) });
  }
  // a second push of one publication (a redelivery): tells nobody, and reads no enterprise
  entReads = 0;
  const again = await pushPolicy(deps, 'fengjie', 'pol-bench-push-0');
  const redeliveryReads = entReads;

  const ratios = pairs.map((x) => x.push / x.raw).sort((a, b) => a - b);
  console.log(`(a) the push of a policy matching ${ENTERPRISES} enterprises (${ROUNDS} rounds, each against a raw BatchWriteItem of the same inbox items in the same run)`);
  pairs.forEach((x, i) =>
    console.log(`    round ${i + 1}: push ${(x.push / 1000).toFixed(2)} s (told ${x.told} in ${x.chunks} chunks of ${PUSH_CHUNK}) · raw ${(x.raw / 1000).toFixed(2)} s · ratio ${(x.push / x.raw).toFixed(2)} · enterprise records read ${x.reads}`),
  );
  console.log(`    ratio push / raw: median ${(ratios[Math.floor(ratios.length / 2)] ?? 0).toFixed(2)} (best ${(ratios[0] ?? 0).toFixed(2)}, worst ${(ratios.at(-1) ?? 0).toFixed(2)}; target ≤ 1.5)`);
  console.log(`    enterprise records read per push: ${Math.max(...pairs.map((x) => x.reads))} for ${enterprises.length + data.enterprises.length} enterprises (target ≤ 1 each)`);
  console.log(`    a redelivered push: told ${again.told} (${again.state}), ${redeliveryReads} enterprise records read`);

  // ── (b) suggestions ──────────────────────────────────────────────────────
  const TOPICS: Array<[string, string, string[], PolicyCategory]> = [
    ['稳岗返还', '参保企业不裁员或少裁员的，按失业保险费一定比例返还', ['稳岗', '失业保险'], 'employment'],
    ['信用贷款贴息', '对小微企业获得的信用贷款按利息给予贴息', ['信用贷', '贴息'], 'finance'],
    ['专精特新奖励', '新认定专精特新小巨人企业给予一次性奖励', ['小巨人'], 'technology'],
    ['高新技术企业认定奖励', '首次通过高新技术企业认定的给予奖励', ['高企'], 'technology'],
    ['研发费用加计扣除辅导', '税务部门上门辅导研发费用加计扣除申报', ['加计扣除'], 'tax'],
    ['首台套保险补偿', '首台套重大技术装备投保给予保费补贴', ['首台套'], 'technology'],
    ['出口信用保险保费补贴', '外贸企业投保出口信用保险的给予保费补贴', ['出口信保'], 'market'],
    ['人才公寓', '引进人才可申请人才公寓，三年免租金', ['人才房'], 'talent'],
    ['工业用地保障', '工业项目用地弹性年期出让，降低拿地成本', ['用地'], 'land'],
    ['技术改造补助', '企业技术改造设备投资按比例补助', ['技改'], 'technology'],
    ['展会补贴', '参加境内外展会的展位费给予补贴', ['参展'], 'market'],
    ['职业技能培训补贴', '组织职工参加职业技能培训的按人数补贴', ['培训'], 'employment'],
  ];
  const many: Policy[] = Array.from({ length: POLICIES }, (_, i) => {
    const [title, summary, kw, category] = TOPICS[i % TOPICS.length] ?? ['政策', '摘要', [], 'other'];
    return {
      ...policy,
      id: `pol-bench-${String(i).padStart(4, '0')}`,
      title: `${2020 + (i % 7)} 年${['区', '市', '省'][i % 3] ?? ''}${title}（第 ${i + 1} 号）`,
      summary: `${summary}，适用于第 ${i % 40} 类企业。`,
      keywords: kw,
      category,
      status: 'published',
      publishedAt: at,
    };
  });
  await writeAll(deps, many.map((p) => ({ ...keys.policy(p.tenantId, p.id), entity: 'POLICY', ...p })), 16);
  // a write through the store bumps the catalogue's revision: every warm index knows it is behind
  await deps.policies.create({ ...policy, id: 'pol-bench-bump', title: '目录版本' });

  const { token } = await (await deps.signer()).sign({ sub: 'owner-01', ten: 'fengjie', roles: ['owner'] }, Date.now(), 3600);
  const event = (path: string, query?: Record<string, string>): APIGatewayProxyEventV2 =>
    ({
      version: '2.0',
      rawPath: path,
      headers: { authorization: `Bearer ${token}` },
      ...(query ? { queryStringParameters: query } : {}),
      requestContext: { http: { method: 'GET', path }, requestId: `bench-${Math.random()}` },
      isBase64Encoded: false,
    }) as unknown as APIGatewayProxyEventV2;
  const QUERIES = [
    '我们想问问今年的稳岗补贴怎么申请，需要准备什么材料？',
    '银行贷款利息太高了，有没有贴息政策',
    '我们刚评上专精特新小巨人，有什么奖励',
    '研发投入很大，加计扣除怎么算',
    '厂房用电增容审批一直没有进度，请帮忙协调供电公司尽快办理',
    '想参加广交会，展位费能补贴吗',
    '今天天气很好，我们去公园散步',
    '新招了二十名员工，想组织职业技能培训',
  ];
  const timed = async (n: number, ev: (i: number) => APIGatewayProxyEventV2) => {
    const latencies: number[] = [];
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const res = await policiesHandler(ev(i));
      latencies.push(performance.now() - s);
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body?.slice(0, 300)}`);
    }
    return figures(latencies, (performance.now() - start) / 1000);
  };
  const suggestEvent = (i: number) => event('/api/policies/suggest', { q: QUERIES[i % QUERIES.length] ?? '' });
  const detailEvent = (i: number) => event(`/api/policies/pol-bench-${String(i % POLICIES).padStart(4, '0')}`);
  // warm: the caller, the catalogue and its index, the code paths
  await timed(50, suggestEvent);
  await timed(50, detailEvent);
  const floorFigures = await timed(REQUESTS, detailEvent);
  const suggest = await timed(REQUESTS, suggestEvent);
  const floorAfter = await timed(REQUESTS, detailEvent);
  const floorP99 = Math.min(floorFigures.p99, floorAfter.p99);
  const sample = JSON.parse((await policiesHandler(suggestEvent(0))).body ?? '{}') as { items: Array<{ policy: { title: string }; score: number }> };
  console.log(`(b) suggestions while typing against ${POLICIES} published policies (the handler, ${REQUESTS} requests one at a time)`);
  console.log(`    GET /api/policies/suggest: p50 ${suggest.p50.toFixed(2)} ms, p99 ${suggest.p99.toFixed(2)} ms, max ${suggest.max.toFixed(1)} ms (target p99 ≤ 20 ms)`);
  console.log(`    floor, GET /api/policies/{id} of one policy: p50 ${floorFigures.p50.toFixed(2)} ms, p99 ${floorP99.toFixed(2)} ms`);
  console.log(`    ratio suggest p99 / floor p99: ${(suggest.p99 / floorP99).toFixed(2)}`);
  console.log(`    e.g. "${QUERIES[0] ?? ''}" → ${sample.items.length} suggestions, the first「${sample.items[0]?.policy.title ?? '-'}」(score ${sample.items[0]?.score ?? 0})`);
} finally {
  await bench.stop();
}
