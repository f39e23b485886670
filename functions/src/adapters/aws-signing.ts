import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for the JSON-protocol calls the functions make
 * without an SDK client (DynamoDB and SQS through aws-json-api.ts, SSM's
 * GetParameter), with the function's own credentials, which Lambda puts in
 * the environment.
 */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const credentialsFromEnv = (env: NodeJS.ProcessEnv = process.env): AwsCredentials => {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('no AWS credentials in the environment');
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
};

/** The host of a service in a region (China regions are in the aws-cn partition). */
export const serviceHost = (service: string, region: string): string =>
  `${service}.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;

/** The HTTPS endpoint of a service in a region. */
export const serviceEndpoint = (service: string, region: string): string => `https://${serviceHost(service, region)}`;

const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** AWS Signature Version 4 for a JSON-protocol POST to `/` of a service endpoint (SSM speaks JSON 1.1, DynamoDB and SQS 1.0). */
export function signJsonPost(opts: {
  host: string;
  region: string;
  service: string;
  target: string;
  body: string;
  credentials: AwsCredentials;
  now: Date;
  contentType?: string;
}): SignedRequest {
  const amzDate = opts.now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': opts.contentType ?? 'application/x-amz-json-1.1',
    host: opts.host,
    'x-amz-date': amzDate,
    'x-amz-target': opts.target,
    ...(opts.credentials.sessionToken ? { 'x-amz-security-token': opts.credentials.sessionToken } : {}),
  };
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonical = ['POST', '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', signedHeaders, sha256hex(opts.body)].join('\n');
  const scope = `${day}/${opts.region}/${opts.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${opts.credentials.secretAccessKey}`, day), opts.region), opts.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return {
    url: `https://${opts.host}/`,
    headers: {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${opts.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    body: opts.body,
  };
}
