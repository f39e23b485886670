import { DEFAULT_LOGIN_RATE_LIMITS } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/src/config.js';

const BASE = { TABLE_NAME: 't', ESCALATION_QUEUE_URL: 'e', OUTBOX_QUEUE_URL: 'o', TOKEN_SIGNING_KEY: 'k' };

describe('configuration: sign-in rate limits (per deployment)', () => {
  it('defaults to 10 per user and 60 per source per 15 minutes', () => {
    expect(loadConfig(BASE).loginLimits).toEqual(DEFAULT_LOGIN_RATE_LIMITS);
    expect(DEFAULT_LOGIN_RATE_LIMITS).toEqual({ perUser: { max: 10, windowSeconds: 900 }, perSource: { max: 60, windowSeconds: 900 } });
  });

  it('reads max/windowSeconds from LOGIN_LIMIT_PER_USER and LOGIN_LIMIT_PER_SOURCE', () => {
    const cfg = loadConfig({ ...BASE, LOGIN_LIMIT_PER_USER: '5/300', LOGIN_LIMIT_PER_SOURCE: ' 200/3600 ' });
    expect(cfg.loginLimits).toEqual({ perUser: { max: 5, windowSeconds: 300 }, perSource: { max: 200, windowSeconds: 3600 } });
  });

  it('fails fast on a malformed or out-of-range limit', () => {
    for (const bad of ['10', '0/900', '10/0', '10/90000', 'ten/900', '-1/900']) {
      expect(() => loadConfig({ ...BASE, LOGIN_LIMIT_PER_USER: bad }), bad).toThrow(/LOGIN_LIMIT_PER_USER/);
    }
  });
});

describe('configuration: token keys', () => {
  const X = 'qlVs5WiJcAJnsl5sfPeSC-f6U1RKiI8ClGfVlzN0OXU';

  it('reads TOKEN_PUBLIC_KEYS, a JSON array of {kid, x}', () => {
    const keys = [
      { kid: 'b', x: X },
      { kid: 'a', x: X.replace('q', 'Q') },
    ];
    expect(loadConfig({ ...BASE, TOKEN_PUBLIC_KEYS: JSON.stringify(keys) }).token.publicKeys).toEqual(keys);
    expect(loadConfig(BASE).token.publicKeys).toBeUndefined();
  });

  it('fails fast on a malformed TOKEN_PUBLIC_KEYS, naming the variable', () => {
    for (const bad of ['k-abc', '{"kid": "a", "x": "x"}', '[]', '[{"kid": "a"}]', `[{"kid": "", "x": "${X}"}]`, '[{"kid": "a", "x": "c2hvcnQ"}]', `[{"kid": "a", "x": "${X}"}, {"kid": "a", "x": "${X}"}]`]) {
      expect(() => loadConfig({ ...BASE, TOKEN_PUBLIC_KEYS: bad }), bad).toThrow(/TOKEN_PUBLIC_KEYS/);
    }
  });

  it('needs no token source: functions that neither verify nor sign have none (the wiring names what is missing where one is used)', () => {
    const { TOKEN_SIGNING_KEY: _, ...none } = BASE;
    expect(loadConfig(none).token).toMatchObject({ issuer: 'whistle', audience: 'whistle-api' });
  });
});
