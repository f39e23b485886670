import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import { signJsonPost } from '../../functions/src/adapters/aws-signing.js';
import { getSecureParameter, ssmHost } from '../../functions/src/adapters/ssm-parameter.js';

const toBytes = (d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof d === 'string' ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

/** the SDK signer's hash constructor, on node:crypto */
class Sha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(toBytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token-example' };
const now = new Date('2026-11-22T08:09:10.000Z');

describe('the SSM parameter adapter', () => {
  /** The AWS SDK signer's Authorization for the same JSON-protocol POST (applyChecksum off: x-amz-content-sha256 is an S3 header these clients do not send). */
  const sdkAuthorization = async (o: { service: string; region: string; url: string; contentType: string; target: string; body: string }) => {
    const url = new URL(o.url);
    const sdk = new SignatureV4({ service: o.service, region: o.region, credentials, sha256: Sha256, applyChecksum: false });
    const signed = await sdk.sign(
      {
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: '/',
        query: {},
        headers: { 'content-type': o.contentType, host: url.host, 'x-amz-target': o.target },
        body: o.body,
      },
      { signingDate: now },
    );
    return signed.headers.authorization;
  };

  it('signs exactly as the AWS SDK signer does', async () => {
    const body = JSON.stringify({ Name: '/whistle/prod/token-signing-key', WithDecryption: true });
    const ours = signJsonPost({ host: ssmHost('ap-southeast-1'), region: 'ap-southeast-1', service: 'ssm', target: 'AmazonSSM.GetParameter', body, credentials, now });
    expect(ours.headers.authorization).toBe(
      await sdkAuthorization({ service: 'ssm', region: 'ap-southeast-1', url: 'https://ssm.ap-southeast-1.amazonaws.com/', contentType: 'application/x-amz-json-1.1', target: 'AmazonSSM.GetParameter', body }),
    );
    expect(ours.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261122\/ap-southeast-1\/ssm\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/);
    expect(ours.headers['x-amz-security-token']).toBe('session-token-example');
  });

  it('signs an SQS (JSON 1.0) request to a host with a port exactly as the AWS SDK signer does', async () => {
    const body = JSON.stringify({ QueueUrl: 'http://127.0.0.1:9324/000000000000/outbox', Entries: [{ Id: '0', MessageBody: '{}' }] });
    const ours = signJsonPost({ host: '127.0.0.1:9324', region: 'us-east-1', service: 'sqs', target: 'AmazonSQS.SendMessageBatch', body, credentials, now, contentType: 'application/x-amz-json-1.0' });
    expect(ours.headers.authorization).toBe(
      await sdkAuthorization({ service: 'sqs', region: 'us-east-1', url: 'http://127.0.0.1:9324/', contentType: 'application/x-amz-json-1.0', target: 'AmazonSQS.SendMessageBatch', body }),
    );
    expect(ours.headers['content-type']).toBe('application/x-amz-json-1.0');
  });

  it('uses the aws-cn endpoint in China regions', () => {
    expect(ssmHost('cn-north-1')).toBe('ssm.cn-north-1.amazonaws.com.cn');
    expect(ssmHost('ap-east-1')).toBe('ssm.ap-east-1.amazonaws.com');
  });

  it('returns the decrypted value, and says which parameter failed', async () => {
    const seen: Array<{ url: string; target: string | null }> = [];
    const ok: typeof fetch = async (url, init) => {
      seen.push({ url: String(url), target: new Headers(init?.headers).get('x-amz-target') });
      return new Response(JSON.stringify({ Parameter: { Name: 'k', Value: 's3cret' } }), { status: 200 });
    };
    expect(await getSecureParameter('/whistle/dev/token-signing-key', 'cn-northwest-1', { credentials, fetchImpl: ok, now })).toBe('s3cret');
    expect(seen).toEqual([{ url: 'https://ssm.cn-northwest-1.amazonaws.com.cn/', target: 'AmazonSSM.GetParameter' }]);
    const denied: typeof fetch = async () => new Response(JSON.stringify({ __type: 'AccessDeniedException', message: 'no' }), { status: 400 });
    await expect(getSecureParameter('/x', 'ap-southeast-1', { credentials, fetchImpl: denied, now })).rejects.toThrow(/\/x: 400 AccessDeniedException/);
  });
});
