import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ssmSecrets } from '../../functions/src/adapters/secrets.js';
import { parseKeySet, TokenSigner } from '../../functions/src/adapters/tokens.js';
import { resetConfig } from '../../functions/src/config.js';
import { resetWiring, wire } from '../../functions/src/wiring.js';
// the SSM secret reader, as the functions that read a secret (auth, notifier) import it
import '../../functions/src/wiring/secrets.js';
import '../../functions/src/wiring/tokens.js';
import { startWechatDouble, type WechatDouble } from '../support/wechat-double.js';

/**
 * Secrets come from SSM through Powertools Parameters: here its SSM provider
 * talks to an SSM double on 127.0.0.1 (the JSON protocol: AmazonSSM.GetParameter).
 */
interface SsmDouble {
  endpoint: string;
  values: Record<string, string>;
  requests: Array<{ target: string; body: { Name?: string; WithDecryption?: boolean } }>;
  close(): Promise<void>;
}

async function startSsmDouble(): Promise<SsmDouble> {
  const state: SsmDouble = { endpoint: '', values: {}, requests: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { Name?: string; WithDecryption?: boolean };
      state.requests.push({ target: String(req.headers['x-amz-target']), body });
      const value = body.Name === undefined ? undefined : state.values[body.Name];
      res.writeHead(value === undefined ? 400 : 200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify(
          value === undefined
            ? { __type: 'ParameterNotFound', message: `no ${body.Name}` }
            : { Parameter: { Name: body.Name, Type: 'SecureString', Value: value, Version: 1, ARN: `arn:aws:ssm:us-east-1:000000000000:parameter${body.Name}` } },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}

const KEY_A = 'key-a-0123456789abcdef0123456789abcdef';
const KEY_B = 'key-b-0123456789abcdef0123456789abcdef';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

let ssm: SsmDouble;
let wx: WechatDouble;
const savedEnv = { ...process.env };
beforeAll(async () => {
  ssm = await startSsmDouble();
  wx = await startWechatDouble();
});
afterAll(async () => {
  await ssm.close();
  await wx.close();
});
afterEach(() => {
  process.env = { ...savedEnv };
  resetConfig();
  resetWiring();
  ssm.requests.length = 0;
});

describe('secrets through Powertools Parameters', () => {
  it('reads a SecureString decrypted, and serves it from the cache until maxAge', async () => {
    ssm.values['/whistle/test/secret'] = 's3cret';
    const read = ssmSecrets(new SSMProvider({ clientConfig: { endpoint: ssm.endpoint, region: 'us-east-1', credentials } }), 300);
    expect(await read('/whistle/test/secret')).toBe('s3cret');
    expect(await read('/whistle/test/secret')).toBe('s3cret');
    expect(ssm.requests).toEqual([{ target: 'AmazonSSM.GetParameter', body: { Name: '/whistle/test/secret', WithDecryption: true } }]);
    await expect(read('/whistle/test/missing')).rejects.toThrow();
  });

  const SET = JSON.stringify({ current: { kid: 'b', key: KEY_B }, previous: [{ kid: 'a', key: KEY_A }] });
  const PUBLIC = JSON.stringify(new TokenSigner(parseKeySet(SET)).publicKeys);
  const onAws = (more: Record<string, string>) => {
    process.env = { ...savedEnv };
    delete process.env.TOKEN_SIGNING_KEY;
    Object.assign(process.env, {
      TABLE_NAME: 'whistle-test',
      ESCALATION_QUEUE_URL: 'http://127.0.0.1:1/q/escalation',
      OUTBOX_QUEUE_URL: 'http://127.0.0.1:1/q/outbox',
      AWS_REGION: 'us-east-1',
      SSM_ENDPOINT: ssm.endpoint,
      ...more,
    });
    resetConfig();
    resetWiring();
    return wire();
  };

  it('wiring signs with the key set in TOKEN_KEY_PARAMETER, verifies with TOKEN_PUBLIC_KEYS, and reads the WeChat secret from its parameter', async () => {
    ssm.values['/whistle/test/token-key'] = SET;
    ssm.values['/whistle/test/wechat-secret'] = wx.secret;
    const deps = onAws({
      TOKEN_KEY_PARAMETER: '/whistle/test/token-key',
      TOKEN_PUBLIC_KEYS: PUBLIC,
      WECHAT_APP_ID: wx.appId,
      WECHAT_SECRET_PARAMETER: '/whistle/test/wechat-secret',
      WECHAT_API_BASE_URL: wx.baseUrl,
    });
    const now = Date.now();
    const signed = await (await deps.signer()).sign({ sub: 'u', ten: 't', roles: ['owner'] }, now, 60);
    expect(JSON.parse(Buffer.from(signed.token.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({ alg: 'EdDSA', kid: 'b' });
    expect((await deps.verifier.verify(signed.token, now)).sub).toBe('u');
    // a token of the previous key is still good
    const old = (await new TokenSigner({ current: { kid: 'a', key: KEY_A } }).sign({ sub: 'u', ten: 't', roles: ['owner'] }, now, 60)).token;
    expect((await deps.verifier.verify(old, now)).sub).toBe('u');
    expect(await deps.wechat.code2Session('081abc')).toEqual({ openId: 'o-081abc' });
    expect(wx.problems).toEqual([]);
    expect(ssm.requests.map((r) => r.body)).toEqual([
      { Name: '/whistle/test/token-key', WithDecryption: true },
      { Name: '/whistle/test/wechat-secret', WithDecryption: true },
    ]);
  });

  it('a verifying function holds the public keys only: it reads no secret, and cannot sign', async () => {
    const deps = onAws({ TOKEN_PUBLIC_KEYS: PUBLIC });
    const now = Date.now();
    const { token } = await new TokenSigner(parseKeySet(SET)).sign({ sub: 'u', ten: 't', roles: ['owner'] }, now, 60);
    expect((await deps.verifier.verify(token, now)).sub).toBe('u');
    await expect(deps.signer()).rejects.toThrow(/TOKEN_SIGNING_KEY or TOKEN_KEY_PARAMETER/);
    expect(ssm.requests).toEqual([]);
  });

  it('verifies with TOKEN_PUBLIC_KEYS before the public keys of TOKEN_SIGNING_KEY, and names what is missing', async () => {
    const now = Date.now();
    const byA = (await new TokenSigner(KEY_A).sign({ sub: 'u', ten: 't', roles: ['owner'] }, now, 60)).token;
    const byB = (await new TokenSigner(parseKeySet(SET)).sign({ sub: 'u', ten: 't', roles: ['owner'] }, now, 60)).token;
    const local = onAws({ TOKEN_SIGNING_KEY: KEY_A });
    expect((await local.verifier.verify(byA, now)).sub).toBe('u');
    const both = onAws({ TOKEN_SIGNING_KEY: KEY_A, TOKEN_PUBLIC_KEYS: PUBLIC });
    expect((await both.verifier.verify(byB, now)).sub).toBe('u');
    await expect(both.verifier.verify(byA, now)).rejects.toThrow('登录凭证无效，请重新登录');
    expect(() => onAws({}).verifier).toThrow(/TOKEN_PUBLIC_KEYS or TOKEN_SIGNING_KEY/);
  });

  it('refuses to sign with a key whose public key is not published in TOKEN_PUBLIC_KEYS', async () => {
    ssm.values['/whistle/test/token-key'] = SET;
    const deps = onAws({ TOKEN_KEY_PARAMETER: '/whistle/test/token-key', TOKEN_PUBLIC_KEYS: JSON.stringify(new TokenSigner({ current: { kid: 'a', key: KEY_A } }).publicKeys) });
    await expect(deps.signer()).rejects.toThrow(/current token signing key b is not in TOKEN_PUBLIC_KEYS/);
  });
});
