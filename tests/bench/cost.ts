/**
 * The cost on paper (issue 15, "Going live": Scale): pure arithmetic, no I/O,
 * unit-tested in tests/unit/province-cost.test.ts. The province bench
 * (province.ts) measures the usage per request; this turns usage into a
 * monthly bill at published unit prices. The prices, their region, their
 * source and the date they were read are data (PRICES below) and are printed
 * with every figure; docs/operations.md ("Cost at province scale") quotes them.
 */

/** DynamoDB's item size: attribute names plus values (strings in UTF-8 bytes), as AWS documents it. */
export function dynamoItemSize(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    size += utf8(name) + valueSize(value);
  }
  return size;
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

function valueSize(v: unknown): number {
  if (v === null || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return utf8(v);
  if (typeof v === 'number' || typeof v === 'bigint') {
    // about 1 byte per two significant digits, plus 1
    const digits = String(v).replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/e.*$/i, '').length || 1;
    return Math.ceil(digits / 2) + 1;
  }
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...(v as Set<unknown>)].reduce<number>((n, x) => n + valueSize(x), 0);
  if (Array.isArray(v)) return 3 + v.reduce<number>((n, x) => n + 1 + valueSize(x), 0);
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return 3 + entries.reduce((n, [k, x]) => n + 1 + utf8(k) + valueSize(x), 0);
  }
  return 0;
}

/** Write request units of one write: 1 per KB (rounded up) of the larger of the item before and after; at least 1. */
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

export interface Prices {
  region: string;
  currency: 'USD' | 'CNY';
  /** when the figures were read */
  readOn: string;
  /** where each figure comes from */
  sources: string[];
  /** what was substituted where the region's figure could not be found */
  caveats: string[];
  dynamodb: { perMillionWrite: number; perMillionRead: number; perGbMonth: number };
  lambda: { perMillionRequests: number; perGbSecond: number };
  sqs: { perMillionRequests: number };
  apiGateway: { perMillionRequests: number };
}

/**
 * The prices used. See docs/operations.md, "Cost at province scale", for the
 * sources and their caveats; keep the two in step.
 */
export const PRICES: Prices = {
  region: 'ap-east-1 (Asia Pacific, Hong Kong)',
  currency: 'USD',
  readOn: '2026-11-30',
  sources: [
    'Lambda ap-east-1 duration: $0.00002292 per GB-s (x86), artillery@2.0.28 lib/platform/aws-lambda/prices.js (unpkg), a table transcribed from aws.amazon.com/lambda/pricing; a 2023 gist (thiagozs/019a25fb…) lists $0.00002333',
    'Lambda ap-east-1 requests: $0.20 per million, same gist (the figure is the same in every region it lists)',
    'DynamoDB on-demand (us-east-1): $0.625 per million WRU, $0.125 per million RRU after the November 2024 cut, airbyte.com "Amazon DynamoDB Pricing" (July 2025)',
    'SQS standard (us-east-1): $0.40 per million requests (each 64 KB chunk a request), cloudburn.io "Amazon SQS Pricing" (March 2026)',
    'API Gateway HTTP API (us-east-1): $1.00 per million requests (first 300 million), AWS whitepaper "Best Practices for Designing Amazon API Gateway Private APIs", Cost optimization, table 4',
  ],
  caveats: [
    'ap-east-1 figures for DynamoDB, SQS and API Gateway were not found in the sources at hand (the AWS pricing pages render their regional tables client-side): the us-east-1 figures are used; Hong Kong is dearer (Lambda duration there is 1.375 × us-east-1), so read those lines as a floor',
    'DynamoDB storage: $0.25 per GB-month (the us-east-1 Standard figure usually quoted); not confirmed from a stored source for this date',
    'no free tier, no savings plan; data transfer out and CloudWatch logs not counted',
  ],
  dynamodb: { perMillionWrite: 0.625, perMillionRead: 0.125, perGbMonth: 0.25 },
  lambda: { perMillionRequests: 0.2, perGbSecond: 0.00002292 },
  sqs: { perMillionRequests: 0.4 },
  apiGateway: { perMillionRequests: 1.0 },
};

/** Usage, per ticket (a request: 企业吹哨 with its whole life) or per month. */
export interface Usage {
  /** write request units, table and GSIs (failed conditional writes included) */
  writeUnits: number;
  /** read request units */
  readUnits: number;
  /** API Gateway HTTP API requests */
  apiRequests: number;
  /** Lambda invocations, with their memory and billed duration */
  lambda: Array<{ fn: string; invocations: number; memoryMb: number; ms: number }>;
  /** SQS requests (sends, receives, deletes; each 64 KB chunk one request) */
  sqsRequests: number;
}

export interface CostInput {
  districts: number;
  ticketsPerDistrictPerYear: number;
  /** what one ticket costs in its life (measured, plus the stated read mix) */
  perTicket: Usage;
  /** what runs whatever the volume, per month for the whole province (the sweep, the queues' pollers, the feed polling) */
  fixedPerMonth: Usage;
  /** bytes one ticket leaves in the table and its indexes (the 100-byte per-item overhead included) */
  storedBytesPerTicket: number;
  /** years of tickets kept in the table when the bill is read */
  yearsStored: number;
}

export interface CostLine {
  service: 'DynamoDB' | 'Lambda' | 'SQS' | 'API Gateway';
  item: string;
  quantity: number;
  unit: string;
  unitPrice: number;
  monthly: number;
}

export interface CostReport {
  currency: string;
  lines: CostLine[];
  monthly: number;
  perDistrictMonthly: number;
  perTicket: number;
  ticketsPerMonth: number;
}

const gbSeconds = (u: Usage) => u.lambda.reduce((n, l) => n + l.invocations * (l.memoryMb / 1024) * (Math.ceil(l.ms) / 1000), 0);
const invocations = (u: Usage) => u.lambda.reduce((n, l) => n + l.invocations, 0);

/** The monthly bill of a province (no free tier, no savings plan), its share per district and per ticket. */
export function monthlyCost(input: CostInput, prices: Prices): CostReport {
  const ticketsPerMonth = (input.districts * input.ticketsPerDistrictPerYear) / 12;
  const month = (f: (u: Usage) => number) => f(input.perTicket) * ticketsPerMonth + f(input.fixedPerMonth);
  const storedGb = (input.districts * input.ticketsPerDistrictPerYear * input.yearsStored * input.storedBytesPerTicket) / 1024 ** 3;
  const line = (service: CostLine['service'], item: string, quantity: number, unit: string, unitPrice: number, per: number): CostLine => ({
    service,
    item,
    quantity,
    unit,
    unitPrice,
    monthly: (quantity / per) * unitPrice,
  });
  const lines: CostLine[] = [
    line('DynamoDB', 'write request units (table + GSIs)', month((u) => u.writeUnits), 'WRU', prices.dynamodb.perMillionWrite, 1e6),
    line('DynamoDB', 'read request units', month((u) => u.readUnits), 'RRU', prices.dynamodb.perMillionRead, 1e6),
    line('DynamoDB', `storage (${input.yearsStored} year(s) of tickets, indexes included)`, storedGb, 'GB-month', prices.dynamodb.perGbMonth, 1),
    line('Lambda', 'requests', month(invocations), 'invocations', prices.lambda.perMillionRequests, 1e6),
    line('Lambda', 'duration', month(gbSeconds), 'GB-s', prices.lambda.perGbSecond, 1),
    line('SQS', 'requests', month((u) => u.sqsRequests), 'requests', prices.sqs.perMillionRequests, 1e6),
    line('API Gateway', 'HTTP API requests', month((u) => u.apiRequests), 'requests', prices.apiGateway.perMillionRequests, 1e6),
  ];
  const monthly = lines.reduce((n, l) => n + l.monthly, 0);
  return {
    currency: prices.currency,
    lines,
    monthly,
    perDistrictMonthly: monthly / input.districts,
    perTicket: ticketsPerMonth > 0 ? monthly / ticketsPerMonth : 0,
    ticketsPerMonth,
  };
}
