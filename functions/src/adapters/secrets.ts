import { getParameter, type SSMProvider } from '@aws-lambda-powertools/parameters/ssm';

/**
 * SSM SecureString parameters (the token signing key, the WeChat app secret)
 * through Powertools Parameters, wired only in the functions that read one
 * (functions/src/wiring/secrets.ts: auth, notifier; the others verify tokens
 * with public keys and carry no SSM client), with its cache: a value is read again after
 * `maxAgeSeconds`, so a rotated secret reaches warm functions without a
 * deployment. On Lambda Powertools' default provider (`getParameter`), whose SSM client uses the SDK's default
 * credential chain and the function's region; the tests point a provider at a
 * local double (tests/unit/secrets.test.ts).
 */
export type SecretReader = (name: string) => Promise<string>;

export const SECRET_MAX_AGE_SECONDS = 300;

export function ssmSecrets(provider?: SSMProvider, maxAgeSeconds = SECRET_MAX_AGE_SECONDS): SecretReader {
  return async (name) => {
    const options = { decrypt: true, maxAge: maxAgeSeconds };
    const value = provider ? await provider.get(name, options) : await getParameter(name, options);
    if (typeof value !== 'string' || value === '') throw new Error(`SSM parameter ${name} is empty`);
    return value;
  };
}
