import { describe, expect, it } from 'vitest';
import { dynamoItemSize, monthlyCost, PRICES, writeUnits, type Prices, type Usage } from '../bench/cost.js';
import { keyPattern } from '../bench/province-meter.js';

const none: Usage = { writeUnits: 0, readUnits: 0, apiRequests: 0, lambda: [], sqsRequests: 0 };
const round: Prices = {
  ...PRICES,
  dynamodb: { perMillionWrite: 1, perMillionRead: 0.5, perGbMonth: 0.25 },
  lambda: { perMillionRequests: 0.2, perGbSecond: 0.00002 },
  sqs: { perMillionRequests: 0.4 },
  apiGateway: { perMillionRequests: 1 },
};

describe('the cost on paper (tests/bench/cost.ts)', () => {
  it('sizes items as DynamoDB does: names plus values, strings in UTF-8 bytes', () => {
    expect(dynamoItemSize({ pk: 'T#a' })).toBe(2 + 3);
    // a Chinese character is 3 bytes
    expect(dynamoItemSize({ t: '诉求' })).toBe(1 + 6);
    expect(dynamoItemSize({ n: 12345, b: true, z: null })).toBe(1 + 4 + 1 + 1 + 1 + 1);
    expect(dynamoItemSize({ l: ['ab', 'c'] })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(dynamoItemSize({ m: { k: 'v' } })).toBe(1 + 3 + (1 + 1 + 1));
    expect(dynamoItemSize({ gone: undefined })).toBe(0);
  });

  it('charges a write 1 unit per KB, at least 1', () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
  });

  it('adds per-ticket usage times the tickets of a month to the fixed usage, and shares it out', () => {
    const perTicket: Usage = {
      writeUnits: 100,
      readUnits: 200,
      apiRequests: 10,
      sqsRequests: 5,
      lambda: [{ fn: 'tickets', invocations: 10, memoryMb: 512, ms: 99.2 }],
    };
    // 12 districts × 1,000 a year = 1,000 tickets a month
    const r = monthlyCost({ districts: 12, ticketsPerDistrictPerYear: 1_000, perTicket, fixedPerMonth: { ...none, apiRequests: 1_000_000 }, storedBytesPerTicket: 1024 ** 3 / 12_000, yearsStored: 1 }, round);
    expect(r.ticketsPerMonth).toBe(1_000);
    const line = (item: string) => r.lines.find((l) => l.item.startsWith(item))?.monthly ?? NaN;
    expect(line('write')).toBeCloseTo(0.1); // 100,000 WRU at 1 per million
    expect(line('read')).toBeCloseTo(0.1); // 200,000 RRU at 0.5 per million
    expect(line('storage')).toBeCloseTo(0.25); // 1 GB
    expect(line('requests')).toBeCloseTo(0.002); // 10,000 invocations
    // 10,000 × 0.5 GB × 0.1 s (billed in whole ms: 100 ms) = 500 GB-s
    expect(line('duration')).toBeCloseTo(0.01);
    expect(r.lines.find((l) => l.service === 'API Gateway')?.monthly).toBeCloseTo(1.01); // 10,000 + 1,000,000 requests
    expect(r.monthly).toBeCloseTo(r.lines.reduce((n, l) => n + l.monthly, 0));
    expect(r.perDistrictMonthly).toBeCloseTo(r.monthly / 12);
    expect(r.perTicket).toBeCloseTo(r.monthly / 1_000);
  });

  it('states where its prices come from and when they were read', () => {
    expect(PRICES.readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICES.sources.length).toBeGreaterThan(0);
    for (const v of [PRICES.dynamodb.perMillionWrite, PRICES.dynamodb.perMillionRead, PRICES.lambda.perGbSecond, PRICES.sqs.perMillionRequests, PRICES.apiGateway.perMillionRequests]) expect(v).toBeGreaterThan(0);
  });

  it('names partition keys by pattern', () => {
    expect(keyPattern('T#p001#TICKET#tk123')).toBe('T#<tenant>#TICKET#<ticket>');
    expect(keyPattern('T#p001#GROUP#ind-food#FEED')).toBe('T#<tenant>#GROUP#<group>#FEED');
    expect(keyPattern('T#p001#RATE#claim#officer-jxw')).toBe('T#<tenant>#RATE#claim#<subject>');
    expect(keyPattern('T#p001#COUNTER')).toBe('T#<tenant>#COUNTER');
    expect(keyPattern('TENANTS')).toBe('TENANTS');
    expect(keyPattern('T#p001#CONTRIB#jxw#2026-11')).toBe('T#<tenant>#CONTRIB#<unit>#<month>');
  });
});
