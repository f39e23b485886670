import { credentialsFromEnv, type AwsCredentials } from './aws-signing.js';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles
 * (an esbuild alias, see infra/lib/bundling.ts). On Lambda the function's
 * credentials are always in the environment; the default chain's SSO, INI,
 * web-identity and IMDS providers (and the STS/SSO clients they carry, ~100 KB)
 * are dead weight there and cost cold-start time. Not used outside Lambda.
 */
export const defaultProvider =
  () =>
  async (): Promise<AwsCredentials> =>
    credentialsFromEnv();

export const credentialsWillNeedRefresh = (): boolean => false;
export const credentialsTreatedAsExpired = (): boolean => false;
