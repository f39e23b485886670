import { describe, expect, it } from 'vitest';
import {
  completeCreditCode,
  CreateTicketBody,
  isValidCreditCode,
  matchRoute,
  parseOrThrow,
  ROUTES,
  routeKey,
  ValidationError,
} from '@whistle/shared';
import { demoTenant } from '../../functions/src/local/demo-data.js';
import { FUNCTIONS } from '../../functions/src/topology.js';

describe('unified social credit code', () => {
  it('accepts a code whose check character matches, rejects one changed anywhere', () => {
    const code = completeCreditCode('91350100M000100Y4');
    expect(code).toHaveLength(18);
    expect(isValidCreditCode(code)).toBe(true);
    for (let i = 0; i < 18; i++) {
      const c = code.charAt(i);
      const swapped = code.slice(0, i) + (c === '1' ? '2' : '1') + code.slice(i + 1);
      expect(isValidCreditCode(swapped), `position ${i}`).toBe(false);
    }
  });

  it('knows a real published code', () => {
    // the check character of this public example is 'X'
    expect(isValidCreditCode('91310000MA1FL4CT3X')).toBe(completeCreditCode('91310000MA1FL4CT3') === '91310000MA1FL4CT3X');
    expect(isValidCreditCode('91110000600037341L')).toBe(true);
  });

  it('rejects letters outside the alphabet (I, O, S, V, Z)', () => {
    expect(isValidCreditCode('9111000060003734IL')).toBe(false);
  });
});

describe('route table', () => {
  it('has unique route keys and every function it names exists in the topology', () => {
    const seen = new Set(ROUTES.map(routeKey));
    expect(seen.size).toBe(ROUTES.length);
    for (const r of ROUTES) expect(FUNCTIONS[r.fn], r.fn).toBeDefined();
  });

  it('matches concrete paths and decodes parameters', () => {
    const m = matchRoute('POST', '/api/tickets/tk%2D1/tasks/jxw/done');
    expect(m?.route.path).toBe('/api/tickets/{id}/tasks/{unitId}/done');
    expect(m?.params).toEqual({ id: 'tk-1', unitId: 'jxw' });
    expect(matchRoute('GET', '/api/tickets/')).toBeUndefined();
    expect(matchRoute('DELETE', '/api/tickets/x')).toBeUndefined();
  });
});

describe('edge validation', () => {
  it('names the field in Chinese and writes nothing', () => {
    let error: unknown;
    try {
      parseOrThrow(CreateTicketBody, { title: '', description: 'x', category: 'pizza' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'category']));
    expect((error as ValidationError).message).toMatch(/标题|类别/);
  });

  it('refuses unknown fields', () => {
    expect(() => parseOrThrow(CreateTicketBody, { title: 'a', description: 'b', category: 'finance', status: 'closed' })).toThrow(ValidationError);
  });
});

describe('demo district', () => {
  it('is as large as the issue asks and internally consistent', () => {
    const d = demoTenant();
    expect(d.areas.length).toBeGreaterThanOrEqual(2);
    expect(d.grids.length).toBeGreaterThanOrEqual(6);
    expect(d.units.filter((u) => u.track === 'department').length).toBeGreaterThanOrEqual(7);
    expect(d.units.filter((u) => u.track === 'township').length).toBeGreaterThanOrEqual(3);
    expect(new Set(d.groups.map((g) => g.kind))).toEqual(new Set(['industry', 'township', 'key']));
    expect(d.enterprises).toHaveLength(30);
    expect(new Set(d.enterprises.map((e) => e.tier))).toEqual(new Set(['leading', 'backbone', 'growth', 'struggling']));
    expect(new Set(d.enterprises.map((e) => e.id)).size).toBe(30);
    for (const e of d.enterprises) {
      expect(isValidCreditCode(e.id), e.name).toBe(true);
      expect(d.grids.some((g) => g.id === e.gridId)).toBe(true);
      for (const o of e.ownerUserIds) expect(d.users.find((u) => u.id === o)?.enterpriseId).toBe(e.id);
    }
    const unitIds = new Set(d.units.map((u) => u.id));
    for (const g of d.groups) for (const m of g.memberUnitIds) expect(unitIds.has(m), `${g.id} ${m}`).toBe(true);
    for (const role of ['owner', 'officer', 'unitLead', 'leader', 'supervisor', 'agent', 'admin']) {
      expect(d.users.some((u) => u.roles.includes(role as never)), role).toBe(true);
    }
  });
});
