/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles
 * (an esbuild alias, see infra/lib/bundling.ts). On Lambda the function's
 * credentials are always in the environment; the default chain's SSO, INI,
 * web-identity and IMDS providers (and the STS/SSO clients they carry, ~100 KB)
 * are dead weight there and cost cold-start time. Not used outside Lambda.
 */
interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const defaultProvider =
  () =>
  async (): Promise<Credentials> => {
    const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
    if (!accessKeyId || !secretAccessKey) throw new Error('no AWS credentials in the Lambda environment');
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  };

export const credentialsWillNeedRefresh = (): boolean => false;
export const credentialsTreatedAsExpired = (): boolean => false;
