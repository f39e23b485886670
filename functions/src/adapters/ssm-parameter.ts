import { credentialsFromEnv, serviceHost, signJsonPost, type AwsCredentials } from './aws-signing.js';

/** The SSM host of a region. */
export const ssmHost = (region: string): string => serviceHost('ssm', region);

/**
 * Reads one SSM SecureString parameter (the token signing key, the WeChat app
 * secret) at cold start. A single signed HTTPS call instead of the SSM client:
 * the client and the credential chain it pulls in were ~150 KB of every bundle
 * and a good part of cold start, for one request per process. Credentials are
 * the function's own, which Lambda puts in the environment.
 */
export async function getSecureParameter(
  name: string,
  region: string,
  opts: { credentials?: AwsCredentials; fetchImpl?: typeof fetch; now?: Date } = {},
): Promise<string> {
  const req = signJsonPost({
    host: ssmHost(region),
    region,
    service: 'ssm',
    target: 'AmazonSSM.GetParameter',
    body: JSON.stringify({ Name: name, WithDecryption: true }),
    credentials: opts.credentials ?? credentialsFromEnv(),
    now: opts.now ?? new Date(),
  });
  const res = await (opts.fetchImpl ?? fetch)(req.url, { method: 'POST', headers: req.headers, body: req.body });
  const body = (await res.json().catch(() => ({}))) as { Parameter?: { Value?: string }; __type?: string; message?: string };
  if (!res.ok) throw new Error(`SSM GetParameter ${name}: ${res.status} ${body.__type ?? ''} ${body.message ?? ''}`.trim());
  const value = body.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${name} is empty`);
  return value;
}
